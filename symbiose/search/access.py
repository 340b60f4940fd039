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

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from symbiose.registry import access
from symbiose.registry.models import Stream
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
    """One result: the redacted row, its distance from the search centre (visible value) and
    the owner's sector when the owner is named."""

    row: dict[str, Any]
    distance_km: float | None
    distance_coarse: bool


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
    them before this; this is the second lock).
    """
    viewer = access.viewer_for(user)
    if not viewer.is_authenticated:
        return []
    hits: list[Hit] = []
    qs = _narrowed(access.visible_streams(viewer), f).order_by("ref")
    for stream in qs.iterator(chunk_size=500):
        row = access.redacted(viewer, stream)
        nace = stream.organisation.nace if "identity" not in row["hidden_fields"] else None
        ok, distance = fits(f, row, point=stream.point, nace=nace)
        if ok:
            coarse = distance is not None and "location" in row["hidden_fields"]
            hits.append(Hit(row, distance, coarse))
    return sort_hits(hits, f.sort)[:MAX_RESULTS]


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
            field=dict(THRESHOLD_FIELDS)[watch.threshold_field],
            op=dict(THRESHOLD_OPS)[watch.threshold_op],
            value=threshold_text(watch.threshold_value, watch.threshold_unit),
        )
    return text
