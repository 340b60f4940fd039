"""Search results, saved searches, watches and notifications as the asking user may see them.

Results are read only through :mod:`symbiose.registry.access`: the visible streams, each
redacted for the viewer, then filtered and sorted on the redacted values
(:func:`symbiose.search.filters.fits`). The database decides the same tests on the stored
search columns (:mod:`symbiose.search.indexed`) for every stream whose row is current and
whose fields the viewer sees as an insider or as everyone else does; the other streams are
tested row by row, after narrowing only with conditions that every row passing the redacted
test also passes (a visible value is the true value or nothing).

Saved searches, watches and notifications belong to one user: another user's looks exactly
like a missing one (:class:`symbiose.registry.access.NotFound`).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.translation import gettext as _

from symbiose.registry import access
from symbiose.registry.freshness import shown_date
from symbiose.registry.models import Organisation, Stream
from symbiose.resources.access import rows_by_stream
from symbiose.resources.models import CompositionRow
from symbiose.search.filters import SearchFilters, counties, fits, in_place
from symbiose.search.index import composition_current, current
from symbiose.search.indexed import RADIUS_MARGIN_KM, UNREAD, index_hits, suspects
from symbiose.search.models import (
    THRESHOLD_FIELDS,
    THRESHOLD_OPS,
    Notification,
    SavedSearch,
    Watch,
    threshold_text,
)
from symbiose.taxonomy.lists import crm_by_id
from symbiose.taxonomy.materials import materials_by_id
from symbiose.taxonomy.search import fold

#: At most this many results are listed, mapped or exported for one search.
MAX_RESULTS = 2000
#: Whether the stored search columns (``search.StreamIndex``) are used; off, every stream is
#: tested row by row (the reference answer the tests compare with).
USE_INDEX = True


@dataclass
class Hit:
    """One result: the redacted row, its distance from the search centre (visible value),
    whether that distance is coarsened, and the stream itself (for the caller to read more
    of it through the access functions, never to print)."""

    row: dict[str, Any]
    distance_km: float | None
    distance_coarse: bool
    stream: Stream | None = None
    #: (substance, content, unit) of the visible composition rows, filled for a page.
    composition: list[tuple] = field(default_factory=list)


def _narrowed(qs: QuerySet[Stream], f: SearchFilters) -> QuerySet[Stream]:
    """Database conditions implied by the redacted test (true value passes ⊇ visible passes)."""
    if f.direction:
        qs = qs.filter(direction=f.direction)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.ewc:
        qs = qs.filter(ewc_code__startswith=f.ewc)
    if f.qmin is not None or f.qmax is not None:
        qs = qs.filter(annual_unit=f.unit)
        if f.qmin is not None:
            qs = qs.filter(annual_quantity__gte=f.qmin)
        if f.qmax is not None:
            qs = qs.filter(annual_quantity__lte=f.qmax)
    return qs


def _prefiltered(qs: QuerySet[Stream], f: SearchFilters) -> QuerySet[Stream]:
    """Wider database conditions that every stream passing the row-by-row test meets (the
    exact test follows per row): a radius by a box, a raw material or element by a tag or
    an analysis, a county or municipality by the organisations' spellings of its names."""
    if f.centre is not None:
        qs = _near(qs, f)
    if f.crm or f.element:
        analysed = Exists(CompositionRow.objects.filter(stream=OuterRef("pk")))
        tagged = Q(crm__icontains=f'"{f.crm}"') if f.crm else Q(pk__isnull=True)
        qs = qs.filter(analysed | tagged)
    if f.county or f.municipality:
        qs = _in_places(qs, f)
    if f.words:
        found = _word_candidates(qs, f.words)
        if found is not None:
            qs = qs.filter(id__in=found)
    return qs


_folded = lru_cache(maxsize=65_536)(fold)  # titles, descriptions and names repeat
#: Above this many candidates the word prefilter is not applied (too long an ``IN`` list).
MAX_WORD_CANDIDATES = 20_000
WORD_FIELDS = ("title", "description", "composition", "organisation__name",
               "organisation__municipality")  # fmt: skip


def _word_candidates(qs: QuerySet[Stream], words: tuple[str, ...]) -> list[int] | None:
    """Ids of streams whose *full* text has every word: the visible text is part of it, so
    this keeps every stream the visible-text test keeps (a hidden owner is named by
    ``registry.access.anonymous_name``, whose words are added). Reads columns, not models."""
    # a hidden owner's area may be its county (``registry.area``): every county's name
    named = " ".join((_("an organisation"), _("an organisation in {municipality}"),
                      *sorted(set(counties().values()))))  # fmt: skip
    found = []
    for pk, *texts in qs.order_by().values_list("id", *WORD_FIELDS).iterator(chunk_size=5000):
        raw = " ".join((named, *(t or "" for t in texts)))
        if raw.isascii() and not all(w in raw.lower() for w in words):
            continue  # folding ASCII only lower-cases and splits: no word, no token with it
        tokens = " ".join(_folded(t or "") for t in (named, *texts)).split()
        if all(any(t.startswith(w) for t in tokens) for w in words):
            found.append(pk)
            if len(found) > MAX_WORD_CANDIDATES:
                return None
    return found


def _in_places(qs: QuerySet[Stream], f: SearchFilters) -> QuerySet[Stream]:
    """Streams whose organisation's municipality, as written, is in the filters' places."""
    spellings = Organisation.objects.values_list("municipality", flat=True).distinct()
    return qs.filter(organisation__municipality__in=[m for m in spellings if in_place(f, m)])


def _near(qs: QuerySet[Stream], f: SearchFilters) -> QuerySet[Stream]:
    """Streams whose true place lies in a box around the centre wide enough for every stream
    the radius test can let through, and every stream that marks a field sensitive: one that
    hides its site is placed at its shown area's centre, which may lie far from the site."""
    reach = f.km + RADIUS_MARGIN_KM
    dlat = reach / 111.0
    dlon = reach / (111.0 * max(0.05, math.cos(math.radians(min(abs(f.lat) + dlat, 89.9)))))
    lat, lon = (f.lat - dlat, f.lat + dlat), (f.lon - dlon, f.lon + dlon)
    own = Q(lat__isnull=False, lon__isnull=False, lat__range=lat, lon__range=lon)
    org = Q(lat__isnull=True) | Q(lon__isnull=True)
    org &= Q(organisation__lat__range=lat, organisation__lon__range=lon)
    return qs.filter(own | org | Q(marks_sensitive=True))


def search_streams(user: object | None, f: SearchFilters) -> list[Hit]:
    """The streams ``user`` may see that pass ``f``, redacted and sorted on visible values.

    Anonymous visitors get nothing: search is for signed-in users (views and the API refuse
    them before this; this is the second lock). The database decides on the stored search
    columns (``search.StreamIndex``) for the streams whose row is current and whose fields
    the viewer sees as an insider or as everyone else does; the others (a missing or
    out-of-date row, fields disclosed to the viewer, and for a raw-material or element
    filter composition rows changed since the row was built) are tested row by row on the
    redacted values. Both give
    the row-by-row answer (``tests/test_search_sql.py``).
    """
    viewer = access.viewer_for(user)
    if not viewer.is_authenticated:
        return []
    base = access.visible_streams(viewer)
    if f.direction:
        base = base.filter(direction=f.direction)
    if f.category:
        base = base.filter(category=f.category)
    if not USE_INDEX:
        return sort_hits(_row_hits(viewer, f, base), f.sort)[:MAX_RESULTS]
    # conditions on the true values that every passing stream meets, on the stream's own
    # columns: they spare the index lookups for streams that cannot pass
    base = _narrowed(base, f)
    if f.crm or f.element:
        analysed = Exists(CompositionRow.objects.filter(stream=OuterRef("pk")))
        base = base.filter(analysed | Q(crm__icontains=f'"{f.crm}"') if f.crm else analysed)
    if f.county or f.municipality:
        base = _in_places(base, f)
    by_index = current() & ~Q(id__in=list(viewer.disclosed))
    if f.crm or f.element:  # they read composition rows, which the stream's stamps miss
        by_index &= composition_current()
    hits = []
    found, complete = index_hits(viewer, base, f, by_index, MAX_RESULTS)
    for stream, distance in found:
        row = access.redacted(viewer, stream)
        coarse = distance is not None and row["lat"] is None
        hits.append(Hit(row, distance, coarse, stream))
    if not complete:
        stale = base.filter(Q(search_index__isnull=True) | ~by_index)
        if (suspect := suspects(viewer, f)) is not None:
            stale = stale.filter(suspect)
        hits += _row_hits(viewer, f, stale, limit=MAX_RESULTS)
    return sort_hits(hits, f.sort)[:MAX_RESULTS]


def _row_hits(
    viewer: access.Viewer, f: SearchFilters, qs: QuerySet[Stream], *, limit: int | None = None
) -> list[Hit]:
    """Hits tested row by row on the redacted values (after prefilters that drop nothing
    the test keeps). With ``limit``, at most the first ``limit`` hits in the result order
    are needed, and for the title and freshness orders only those are looked for
    (:func:`_first_in_order`)."""
    hits: list[Hit] = []
    qs = _prefiltered(_narrowed(qs, f).defer(*UNREAD).order_by("ref"), f)
    if limit is not None and (first := _first_in_order(viewer, f, qs, limit)) is not None:
        return first
    chunk: list[Stream] = []
    for stream in qs.iterator(chunk_size=CHUNK):
        chunk.append(stream)
        if len(chunk) == CHUNK:
            hits += _check(viewer, f, chunk)
            chunk = []
    hits += _check(viewer, f, chunk)
    return hits


CHUNK = 500


class _Dates(NamedTuple):
    """The plain values :func:`symbiose.registry.freshness.shown_date` reads."""

    organisation_id: int
    confirmed_at: datetime.date
    shared_confirmed_at: datetime.date


def _order(viewer: access.Viewer, sort: str) -> tuple[tuple[str, ...], Any] | None:
    """For an order whose key reads only values no sensitive field hides, the columns to
    read (the id last) and :func:`sort_hits`'s key on them; ``None`` for the others
    (quantity and distance read values a viewer may not see)."""
    if sort == "title":
        return ("title", "ref", "id"), lambda k: _title_key(k[0], k[1])
    if sort == "fresh":
        columns = ("organisation_id", "confirmed_at", "shared_confirmed_at", "ref", "id")
        return columns, lambda k: _fresh_key(shown_date(viewer, _Dates(*k[:3])), k[3])
    return None


def _first_in_order(
    viewer: access.Viewer, f: SearchFilters, qs: QuerySet[Stream], limit: int
) -> list[Hit] | None:
    """The first ``limit`` hits of ``qs`` in the result order, testing streams in that
    order and stopping there; ``None`` when the order reads a value that may be hidden.

    After an import, until a worker has written the search index rows, every imported
    stream is tested row by row: a broad search at 100 000 streams redacted and tested each
    one (8–29 s) to show the first 2 000. The title order (the title casefolded, then the
    reference) and the freshness order (the date the viewer is shown, then the reference)
    read only values no sensitive field hides, so ordering by the stored values orders by
    what the viewer sees; the streams are read as a few plain columns, sorted, and tested
    (redacted, as before) a chunk at a time until ``limit`` pass. Every hit that is
    returned passed the same test; the ones not looked for would come after the cut.
    """
    order = _order(viewer, f.sort)
    if order is None:
        return None
    columns, key = order
    keys = sorted(qs.order_by().values_list(*columns).iterator(chunk_size=5000), key=key)
    hits: list[Hit] = []
    for start in range(0, len(keys), CHUNK):
        ids = [k[-1] for k in keys[start : start + CHUNK]]
        found = {s.id: s for s in qs.filter(id__in=ids)}
        hits += _check(viewer, f, [found[i] for i in ids if i in found])
        if len(hits) >= limit:
            break
    return hits


def _check(viewer: access.Viewer, f: SearchFilters, streams: list[Stream]) -> list[Hit]:
    rows = rows_by_stream(viewer, streams) if (f.crm or f.element) and streams else {}
    out = []
    for stream in streams:
        row = access.redacted(viewer, stream)
        nace = stream.organisation.nace if "identity" not in row["hidden_fields"] else None
        substances = frozenset(r.substance for r in rows.get(stream.id, ()))
        point = access.viewer_point(row, stream)
        ok, distance = fits(f, row, point=point, nace=nace, substances=substances)
        if ok:
            coarse = distance is not None and "location" in row["hidden_fields"]
            out.append(Hit(row, distance, coarse, stream))
    return out


def composition_lines(user: object | None, hits: list[Hit]) -> dict[str, list[tuple]]:
    """Stream ref -> (substance, content, unit) of the composition rows ``user`` may see,
    for a page of hits."""
    streams = [h.stream for h in hits if h.stream is not None]
    rows = rows_by_stream(access.viewer_for(user), streams) if streams else {}
    by_id = {s.id: s.ref for s in streams}
    return {by_id[i]: [(r.substance, r.content, r.unit) for r in found]
            for i, found in rows.items() if found}  # fmt: skip


def sort_hits(hits: list[Hit], sort: str) -> list[Hit]:
    """Sort on visible values only; a hidden or missing value goes last whatever the order."""
    if sort == "fresh":
        return sorted(hits, key=lambda h: _fresh_key(h.row["confirmed_at"], h.row["ref"]))
    if sort == "distance":
        return sorted(hits, key=lambda h: (h.distance_km is None, h.distance_km or 0, h.row["ref"]))
    if sort == "quantity":
        return sorted(
            hits,
            key=lambda h: (h.row["annual_quantity"] is None, h.row["annual_unit"] or "",
                           -(h.row["annual_quantity"] or 0), h.row["ref"]),
        )  # fmt: skip
    return sorted(hits, key=lambda h: _title_key(h.row["title"], h.row["ref"]))


def _title_key(title: str, ref: str) -> tuple[str, str]:
    """The title order's key (also :func:`_first_in_order`'s, which must agree with it)."""
    return title.casefold(), ref


def _fresh_key(shown: datetime.date, ref: str) -> tuple[int, str]:
    """The freshness order's key on the date the viewer is shown: newest first."""
    return -shown.toordinal(), ref


def may_export(user: object | None) -> bool:
    """Exports are for facilitators (hub or system) and platform admins."""
    viewer = access.viewer_for(user)
    return viewer.is_facilitator or viewer.is_admin


def county_name(number: str) -> str:
    return counties().get(number, "")


def saved_searches(user: object) -> QuerySet[SavedSearch]:
    if not getattr(user, "is_authenticated", False):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user).order_by("name")


def get_saved_search(user: object, pk: int) -> SavedSearch:
    found = saved_searches(user).filter(pk=pk).first()
    if found is None:
        raise access.NotFound(pk)
    return found


def watches(user: object) -> QuerySet[Watch]:
    if not getattr(user, "is_authenticated", False):
        return Watch.objects.none()
    return Watch.objects.filter(user=user).select_related("saved_search").order_by("-created_at")


def get_watch(user: object, pk: int) -> Watch:
    found = watches(user).filter(pk=pk).first()
    if found is None:
        raise access.NotFound(pk)
    return found


def notifications(user: object) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user: object) -> int:
    return notifications(user).filter(read_at__isnull=True).count()


def describe_watch(watch: Watch, lang: str) -> str:
    """What a watch follows, in words (a stream by the title the watcher may see)."""
    if watch.kind == "material":
        m = materials_by_id().get(watch.material)
        what = (m.label_nb if lang == "nb" else m.label_en) if m else watch.material
        text = _("material: {name}").format(name=what)
    elif watch.kind == "crm":
        c = crm_by_id().get(watch.crm)
        text = _("raw material: {name}").format(name=c.name(lang) if c else watch.crm)
    elif watch.kind == "search":
        text = _("saved search: {name}").format(name=watch.saved_search.name)
    else:
        try:
            stream = access.get_stream(watch.user, watch.stream.ref)
            title = access.redacted(watch.user, stream)["title"]
        except access.NotFound:
            title = _("a stream you can no longer see")
        text = _("stream: {name}").format(name=title)
    if watch.threshold_field:
        text += " · " + _("{field} {op} {value}").format(
            field=(
                _("content of {element}").format(element=watch.threshold_element)
                if watch.threshold_field == "content"
                else dict(THRESHOLD_FIELDS)[watch.threshold_field]
            ),
            op=dict(THRESHOLD_OPS)[watch.threshold_op],
            value=threshold_text(watch.threshold_value, watch.threshold_unit),
        )
    return text
