"""Checking watches: does a stream now fit, did what the watcher sees change, was a threshold
crossed? Runs in task workers (:mod:`symbiose.search.tasks`), never in a web request.

Everything is computed from the stream as the watcher may see it
(:func:`symbiose.registry.access.redacted`): the stored :class:`~symbiose.search.models.WatchSeen`
snapshot holds only visible values, so a change of a field hidden from the watcher leaves the
snapshot equal and raises nothing, and a hidden quantity or price never crosses a threshold.
A stream that stops being visible (or fitting) is recorded silently.

The first check of a new watch records what is there without raising anything.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from symbiose.mail.actions import do_queue_mail
from symbiose.registry import access
from symbiose.registry.models import Stream
from symbiose.registry.units import is_one_off
from symbiose.resources.access import visible_rows
from symbiose.resources.models import UNIT_FRACTION
from symbiose.search.actions import do_finish_baseline, do_notify, do_record_seen
from symbiose.search.filters import SearchFilters, fits, parse
from symbiose.search.models import Notification, Watch, WatchSeen
from symbiose.taxonomy.elements import element_fraction

#: Visible values a change notice compares, by the name it reports.
SNAPSHOT_FIELDS = {
    "title": ("title",),
    "description": ("description",),
    "quantity": ("annual_quantity", "annual_unit"),
    "price": ("price_nok_per_unit",),
    "ewc_code": ("ewc_code",),
    "location": ("lat", "lon"),
    "availability": ("available_from", "available_to"),
    "legal_status": ("legal_status",),
    "temperature": ("temperature_c",),
    "composition": ("composition", "crm", "analysis"),
}


def snapshot(row: dict[str, Any], analysis: list[list] | None = None) -> dict[str, Any]:
    """The visible values of a redacted row that a watch compares (JSON-safe); ``analysis``
    is the visible composition rows as ``[substance, content, unit]``, sorted."""
    row = {**row, "analysis": sorted(analysis or [])}
    out = {}
    for attrs in SNAPSHOT_FIELDS.values():
        for a in attrs:
            value = row.get(a)
            out[a] = value.isoformat() if hasattr(value, "isoformat") else value
    # whether the quantity is a one-off lot (hidden with it): read by the quantity threshold
    # and its change, not a field of its own (snapshots stored before it had none)
    out["period"] = row.get("period")
    return out


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the visible values that differ (an empty list and no value count alike, so a
    snapshot stored before a value was compared raises nothing)."""

    def norm(v: Any) -> Any:
        return None if v == [] else v

    def differs(name: str, attrs: tuple[str, ...]) -> bool:
        if any(norm(before.get(a)) != norm(after.get(a)) for a in attrs):
            return True
        # a yearly flow that became a one-off lot (or back) changed its quantity's meaning
        return name == "quantity" and "period" in before and before["period"] != after.get("period")

    return [name for name, attrs in SNAPSHOT_FIELDS.items() if differs(name, attrs)]


def watch_filters(watch: Watch) -> SearchFilters | None:
    """The search a watch stands for (``None`` for a watch on one stream)."""
    if watch.kind == "material":
        return SearchFilters(material=watch.material)
    if watch.kind == "crm":
        return SearchFilters(crm=watch.crm)
    if watch.kind == "search" and watch.saved_search is not None:
        return parse(watch.saved_search.query)[0]
    return None


def threshold_value(watch: Watch, snap: dict[str, Any]) -> float | None:
    """The visible value the watch's threshold reads (``None`` when hidden or not comparable)."""
    if watch.threshold_field == "quantity":
        # a threshold is an amount a year: a one-off lot is not compared with it
        if snap.get("annual_unit") != watch.threshold_unit or is_one_off(snap.get("period")):
            return None
        return snap.get("annual_quantity")
    if watch.threshold_field == "price":
        return snap.get("price_nok_per_unit")
    if watch.threshold_field == "content":
        return element_content(snap.get("analysis") or [], watch.threshold_element)
    return None


def element_content(analysis: list[list], symbol: str) -> float | None:
    """The largest mass fraction of element ``symbol`` given by visible composition rows
    (an oxide row counts through its formula); ``None`` when no row gives it."""
    best = None
    for substance, content, unit in analysis:
        frac = element_fraction(substance, symbol)
        if frac and unit in UNIT_FRACTION:
            value = content * UNIT_FRACTION[unit] * frac
            best = value if best is None else max(best, value)
    return best


def threshold_met(watch: Watch, snap: dict[str, Any] | None) -> bool:
    if not watch.threshold_field or not snap:
        return False
    value = threshold_value(watch, snap)
    if value is None:
        return False
    limit = watch.threshold_value
    if watch.threshold_field == "content":
        limit *= UNIT_FRACTION.get(watch.threshold_unit, 1.0)
    if watch.threshold_op == "above":
        return value > limit
    return value < limit


def _fits(watch: Watch, f: SearchFilters | None, viewer, stream: Stream) -> tuple[bool, dict]:
    """Whether the stream fits the watch for ``viewer``, and its visible snapshot."""
    row = access.redacted(viewer, stream)
    rows = visible_rows(viewer, stream)
    snap = snapshot(row, [[r.substance, r.content, r.unit] for r in rows])
    if watch.kind == "stream":
        return stream.pk == watch.stream_id, snap
    if f is None:
        return False, snap
    nace = stream.organisation.nace if "identity" not in row["hidden_fields"] else None
    substances = frozenset(r.substance for r in rows)
    point = access.viewer_point(row, stream)
    return fits(f, row, point=point, nace=nace, substances=substances)[0], snap


def check_watch(watch_id: int, stream_ids: list[int] | None = None) -> int:
    """Check one watch against some streams (all it might concern when ``stream_ids`` is
    None); record what it sees, notify and queue one e-mail. Returns notifications made."""
    with transaction.atomic():
        watch = (
            Watch.objects.select_for_update(of=("self",))
            .select_related("user", "saved_search")
            .filter(pk=watch_id)
            .first()
        )  # the claim: a second worker waits here, then finds the snapshots already taken
        if watch is None or not watch.user.is_active:
            return 0
        if not watch.baseline_done:
            stream_ids = None  # the first check records everything the watch concerns
        viewer = access.viewer_for(watch.user)
        f = watch_filters(watch)
        visible = access.visible_streams(viewer)
        seen = WatchSeen.objects.filter(watch=watch)
        if stream_ids is not None:
            visible = visible.filter(pk__in=stream_ids)
            seen = seen.filter(stream_id__in=stream_ids)
        elif watch.kind == "stream":
            visible = visible.filter(pk=watch.stream_id)
        previous = {s.stream_id: s for s in seen}
        made: list[Notification] = []
        checked: set[int] = set()
        with translation.override(settings.LANGUAGE_CODE):
            for stream in visible.order_by("pk"):
                checked.add(stream.pk)
                ok, snap = _fits(watch, f, viewer, stream)
                made += _compare(watch, stream, ok, snap, previous.get(stream.pk))
        for stream_id, before in previous.items():
            if stream_id not in checked and before.fits:  # no longer visible: say nothing
                do_record_seen(watch, before.stream, fits=False, snapshot={})
        if not watch.baseline_done:
            do_finish_baseline(watch)
        if made:
            _queue_mail(watch, made)
        return len(made)


def _compare(watch: Watch, stream: Stream, ok: bool, snap: dict, before: WatchSeen | None
             ) -> list[Notification]:  # fmt: skip
    title = snap["title"]
    snap = snap if ok else {}
    if before is None and not ok:
        return []
    if before is not None and before.fits == ok and before.snapshot == snap:
        return []
    do_record_seen(watch, stream, fits=ok, snapshot=snap)
    if not ok or not watch.baseline_done:
        return []
    if watch.threshold_field:
        was = threshold_met(watch, before.snapshot if before and before.fits else None)
        if threshold_met(watch, snap) and not was:
            params = {"field": watch.threshold_field, "op": watch.threshold_op,
                      "threshold": watch.threshold_value, "unit": watch.threshold_unit,
                      "element": watch.threshold_element,
                      "now": threshold_value(watch, snap)}  # fmt: skip
            return [do_notify(watch, stream, "threshold", title=title, params=params)]
        return []
    if before is None or not before.fits:
        return [do_notify(watch, stream, "new", title=title, params={})]
    fields = changed_fields(before.snapshot, snap)
    out = []
    if "composition" in fields:
        out.append(do_notify(watch, stream, "composition", title=title, params={}))
        fields.remove("composition")
    if fields:
        out.append(do_notify(watch, stream, "changed", title=title, params={"fields": fields}))
    return out


def _queue_mail(watch: Watch, made: list[Notification]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse("search:watches")
        lines = [f"- {n.message()}" for n in made]
        body = "\n".join([_("What you watch on Symbiose:"), *lines, "", link])
        do_queue_mail([watch.user.email], _("Symbiose: news on what you watch"), body)


def check_all(stream_ids: list[int] | None = None, watch_ids: list[int] | None = None) -> int:
    """Check every watch (or those given) against the given streams (or all)."""
    ids = Watch.objects.order_by("pk").values_list("pk", flat=True)
    if watch_ids is not None:
        ids = ids.filter(pk__in=watch_ids)
    return sum(check_watch(pk, stream_ids) for pk in list(ids))
