"""Search results, saved searches, watches and notifications as the asking user may see them.

Results are read only through :mod:`symbiose.registry.access`: the visible streams, each
redacted for the viewer, then filtered and sorted on the redacted values
(:func:`symbiose.search.filters.fits`). The database may narrow the rows first, but only
with a condition that every row passing the redacted test also passes (a visible value is
the true value or nothing), so the narrowing cannot change the answer.

Saved searches, watches and notifications belong to one user: another user's looks exactly
like a missing one (:class:`symbiose.registry.access.NotFound`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from symbiose.registry import access
from symbiose.registry.models import Stream
from symbiose.resources.access import rows_by_stream
from symbiose.search.filters import SearchFilters, counties, fits
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

#: At most this many results are listed, mapped or exported for one search.
MAX_RESULTS = 2000


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


def search_streams(user: object | None, f: SearchFilters) -> list[Hit]:
    """The streams ``user`` may see that pass ``f``, redacted and sorted on visible values.

    Anonymous visitors get nothing: search is for signed-in users (views and the API refuse
    them before this; this is the second lock). Composition rows are read (only those the
    viewer may see) when a raw-material or element filter needs them.
    """
    viewer = access.viewer_for(user)
    if not viewer.is_authenticated:
        return []
    hits: list[Hit] = []
    qs = _narrowed(access.visible_streams(viewer), f).order_by("ref")
    chunk: list[Stream] = []
    for stream in qs.iterator(chunk_size=CHUNK):
        chunk.append(stream)
        if len(chunk) == CHUNK:
            hits += _check(viewer, f, chunk)
            chunk = []
    hits += _check(viewer, f, chunk)
    return sort_hits(hits, f.sort)[:MAX_RESULTS]


CHUNK = 500


def _check(viewer: access.Viewer, f: SearchFilters, streams: list[Stream]) -> list[Hit]:
    rows = rows_by_stream(viewer, streams) if (f.crm or f.element) and streams else {}
    out = []
    for stream in streams:
        row = access.redacted(viewer, stream)
        nace = stream.organisation.nace if "identity" not in row["hidden_fields"] else None
        substances = frozenset(r.substance for r in rows.get(stream.id, ()))
        ok, distance = fits(f, row, point=stream.point, nace=nace, substances=substances)
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
        return sorted(hits, key=lambda h: (-h.row["confirmed_at"].toordinal(), h.row["ref"]))
    if sort == "distance":
        return sorted(hits, key=lambda h: (h.distance_km is None, h.distance_km or 0, h.row["ref"]))
    if sort == "quantity":
        return sorted(
            hits,
            key=lambda h: (h.row["annual_quantity"] is None, h.row["annual_unit"] or "",
                           -(h.row["annual_quantity"] or 0), h.row["ref"]),
        )  # fmt: skip
    return sorted(hits, key=lambda h: (h.row["title"].casefold(), h.row["ref"]))


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
