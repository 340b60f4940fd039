"""The figures on a hub's dashboard, read through access.py for the asking user."""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from symbiose.facilitation import access, ranking, sankey, shared
from symbiose.facilitation.models.opportunity import DIMENSIONS, PHASES
from symbiose.impact.stored import PageValues
from symbiose.impact.summary import by_status
from symbiose.matching.access import visible_match
from symbiose.registry import access as registry_access
from symbiose.registry import mapdata
from symbiose.registry.models import Stream
from symbiose.registry.models.stream import CATEGORIES
from symbiose.registry.units import is_one_off

#: Suppliers and receivers drawn by name in the Sankey diagram; smaller ones are folded.
MAX_SANKEY_NODES = 12
#: The hub's best candidates the dashboard reads (listed, drawn, valued: best 100 feasible);
#: it counts every candidate, as the match board does.
SHOWN = 200
#: Streams drawn on the dashboard's map at most (as many as the main map's layer).
MAP_POINTS = 2000
CATEGORY_LABELS = dict(CATEGORIES)


def _category_rows() -> dict[str, dict[str, Any]]:
    """One empty row per category, in the categories' order (the two tables' start)."""
    return {
        key: {"key": key, "label": label, "offers": 0, "needs": 0,
              "quantities": defaultdict(float), "lots": defaultdict(float)}
        for key, label in CATEGORIES
    }  # fmt: skip


def add_offered(row: dict[str, Any], quantity: float | None, unit: str | None,
                period: str | None) -> None:  # fmt: skip
    """Add an offer's quantity to ``row``: a yearly flow to ``quantities`` per yearly unit
    ("t/yr"), a one-off lot (a stock, a deposit, a batch) to ``lots`` per unit ("t"), so a
    lot is never read as tonnes a year."""
    if quantity is None:
        return
    if is_one_off(period):
        row["lots"][(unit or "").removesuffix("/yr")] += quantity
    else:
        row["quantities"][unit or ""] += quantity


def listed_quantities(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its quantities and lots as sorted ``(unit, total)`` pairs."""
    row["quantities"] = sorted(row["quantities"].items())
    row["lots"] = sorted(row["lots"].items())
    return row


def _listed(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The categories with any stream, quantities as sorted ``(unit, total)`` pairs."""
    return [listed_quantities(row) for row in rows.values() if row["offers"] or row["needs"]]


def stream_table(streams) -> list[dict[str, Any]]:
    """Streams per category: offers, needs, yearly quantities summed per unit and one-off
    lots summed apart."""
    rows = _category_rows()
    for s in streams:
        row = rows[s.category]
        row["offers" if s.direction == "offer" else "needs"] += 1
        if s.direction == "offer":
            add_offered(row, s.annual_quantity, s.annual_unit, s.period)
    return _listed(rows)


def stream_table_of(streams: QuerySet[Stream]) -> list[dict[str, Any]]:
    """:func:`stream_table` counted by the database: one grouped query instead of reading
    every stream (a hub of 10 000 streams took about a second to read)."""
    rows = _category_rows()
    grouped = (
        streams.order_by()
        .values("category", "direction", "annual_unit", "period")
        .annotate(n=Count("pk"), total=Sum("annual_quantity"))
    )
    for g in grouped:
        row = rows[g["category"]]
        row["offers" if g["direction"] == "offer" else "needs"] += g["n"]
        if g["direction"] == "offer":
            add_offered(row, g["total"], g["annual_unit"], g["period"])
    return _listed(rows)


def flows(candidates, exchanges) -> list[tuple[str, int, str, int, float, str]]:
    """Sankey links: supplier -> category -> receiver; candidates and implemented exchanges."""
    links: Counter = Counter()
    for m in candidates:
        if not m.feasible:
            continue
        cat = str(CATEGORY_LABELS[m.offer["category"]])
        links[(m.offer["organisation_name"], 0, cat, 1, "candidate")] += 1
        links[(cat, 1, m.need["organisation_name"], 2, "candidate")] += 1
    for ex in exchanges:
        streams = list(ex.opportunity.streams.select_related("organisation"))
        offers = [s for s in streams if s.direction == "offer"]
        needs = [s for s in streams if s.direction == "need"]
        for o in offers:
            for n in needs:
                cat = str(CATEGORY_LABELS[o.category])
                links[(o.organisation.name, 0, cat, 1, "implemented")] += 1
                links[(cat, 1, n.organisation.name, 2, "implemented")] += 1
    return _fold_small(links)


def _fold_small(links: Counter, keep: int = MAX_SANKEY_NODES) -> list:
    """Keep the ``keep`` largest suppliers and receivers; fold the rest into "others"."""
    totals: Counter = Counter()
    for (a, col_a, c, col_c, _kind), v in links.items():
        totals[(col_a, a)] += v
        totals[(col_c, c)] += v
    kept = {
        key
        for col in (0, 2)
        for key, _v in Counter({k: v for k, v in totals.items() if k[0] == col}).most_common(keep)
    }
    other = str(_("other organisations"))
    folded: Counter = Counter()
    for (a, col_a, c, col_c, kind), v in links.items():
        if col_a == 0 and (0, a) not in kept:
            a = other
        if col_c == 2 and (2, c) not in kept:
            c = other
        folded[(a, col_a, c, col_c, kind)] += v
    return [(a, b, c, d, float(v), kind) for (a, b, c, d, kind), v in folded.items()]


def sankey_height(links: list) -> int:
    per_col: Counter = Counter()
    for node in {(b, a) for a, b, *_r in links} | {(d, c) for _a, _b, c, d, *_r in links}:
        per_col[node[0]] += 1
    return max(240, 26 * max(per_col.values(), default=0))


def _pairs(opp) -> list[tuple[Any, Any]]:
    streams = list(opp.streams.select_related("organisation"))
    offers = [s for s in streams if s.direction == "offer"]
    needs = [s for s in streams if s.direction == "need"]
    return [(o, n) for o in offers for n in needs]


def impact(
    user: Any, hub, opps, *, limit: int = 100, ranked=None, feasible_total: int | None = None
) -> dict[str, dict[str, Any]]:
    """CO2e and money per year for feasible candidates, opportunities under way and
    implemented exchanges, kept apart (values as the user may see the streams); one-off
    lots are summed apart, once (:func:`symbiose.impact.summary.total`).

    ``ranked`` is the hub's candidates already ranked for the user (``rank_rows``). Only the
    best ``limit`` feasible candidates are valued; when the hub has more (``feasible_total``,
    counted when not given) the row says so ("best 100 of 450 feasible candidate matches")."""
    viewer = registry_access.viewer_for(user)
    groups: dict[str, list] = {"candidate": [], "in_progress": [], "implemented": []}
    if ranked is None:
        ranked = ranking.top_rows(viewer, ranking.hub_rows(viewer, hub), limit)
    # feasible rows rank first: the best ``limit`` feasible are among the first ``limit``
    best = [(c.offer, c.need) for c, fig in ranked[:limit] if fig["feasible"]]
    under_way = [(opp, _pairs(opp)) for opp in opps]
    values = PageValues(viewer).load(best + [p for _opp, pairs in under_way for p in pairs])
    groups["candidate"] = [values.get(o, n) for o, n in best]  # ranked on visible feasibility
    for opp, pairs in under_way:
        status = {"active": "in_progress", "implemented": "implemented"}.get(opp.status)
        if status:
            groups[status] += [values.get(o, n) for o, n in pairs]
    if feasible_total is None:
        feasible_total = ranking.feasible_counts(viewer, ranking.hub_rows(viewer, hub))[1]
    labels = {"candidate": best_of(len(best), feasible_total),
              "in_progress": _("opportunities under way"),
              "implemented": _("implemented exchanges")}  # fmt: skip
    return {labels[k]: v for k, v in by_status(groups).items()}


def best_of(shown: int, total: int) -> str:
    """What a figure made from the best ``shown`` of ``total`` feasible candidates covers."""
    if shown >= total:
        return _("feasible candidate matches")
    return _("best %(n)s of %(total)s feasible candidate matches") % {
        "n": number_format(shown, force_grouping=True),
        "total": number_format(total, force_grouping=True),
    }


def build(user: Any, hub) -> dict[str, Any]:
    viewer = registry_access.viewer_for(user)
    streams = access.hub_streams(viewer, hub)
    # the best 200 in the viewer's order, read once for the page (not every candidate);
    # the counts are of every candidate, as the match board's total
    source = ranking.hub_rows(viewer, hub)
    ranked, candidate_count, feasible_count = ranking.top_and_counts(viewer, source, SHOWN)
    # redacted with the figures the ranking computed: the dashboard shows no reason texts
    candidates = [visible_match(viewer, c, fig) for c, fig in ranked]
    opps = list(access.visible_opportunities(user).filter(hub=hub))
    active = [o for o in opps if o.status == "active"]
    per_phase = [
        {"phase": n, "label": label, "count": sum(1 for o in active if o.phase == n)}
        for n, label in PHASES
    ]
    readiness = []
    levels = [o.readiness() for o in active]
    for key, label in DIMENSIONS:
        values = [lv[key] for lv in levels if key in lv]
        readiness.append(
            {
                "label": label,
                "mean": sum(values) / len(values) if values else None,
                "n": len(values),
            }
        )
    exchanges = list(
        hub.exchanges.all()  # the ledger's rows, through their relation: no import upwards
        .annotate(total=Sum("entries__quantity"))
        .select_related("opportunity")
    )
    # the same for every insider of every member until their streams change (shared.py)
    # (the streams to confirm depend on the day too)
    today = timezone.localdate()
    stream_count, table, points, stale_count, stale = shared.for_insiders(
        viewer,
        "dashboard-streams",
        [hub],
        lambda: streams_part(viewer, hub, streams, today),
        extra=(MAP_POINTS, today),
    )
    links = flows(candidates, exchanges)
    return {
        "stream_count": stream_count,
        "map_capped": stream_count > MAP_POINTS,
        "stream_table": table,
        "stale_count": stale_count,
        "stale": stale,
        "candidates": candidates[:15],
        "candidate_count": candidate_count,
        "feasible_count": feasible_count,
        "opportunities": opps,
        "per_phase": per_phase,
        "shelved_count": sum(1 for o in opps if o.status == "shelved"),
        "implemented_count": sum(1 for o in opps if o.status == "implemented"),
        "readiness": readiness,
        "exchanges": exchanges,
        "points": points,
        "sankey": sankey.layout(links, height=sankey_height(links)),
        "workshops": hub.workshops.all()[:10],
        **impact_context(impact(viewer, hub, opps, ranked=ranked, feasible_total=feasible_count)),
        # the Sankey draws the feasible ones among the best SHOWN
        "sankey_legend": best_of(sum(1 for m in candidates if m.feasible), feasible_count),
    }


#: Streams to confirm listed on the dashboard (the first by id; all are counted).
STALE_LISTED = 20


def streams_part(
    viewer: Any, hub, streams: QuerySet[Stream], today: datetime.date
) -> tuple[int, list, list, int, list[dict[str, Any]]]:
    """(how many streams, the table per category, the map's points, how many are not
    confirmed within the freshness period on ``today`` and the first of them) of the hub's
    streams ``viewer`` sees (``streams``). The streams to confirm are plain values (title,
    organisation name, confirmation date), not model rows: a process keeps them
    (``shared.for_insiders``)."""
    board = reverse("facilitation:matches", args=[hub.slug])
    link = _("Candidate matches")  # once, not per point
    url = board_link(board)
    mapped = registry_access.map_rows(viewer, streams.order_by("pk")[:MAP_POINTS])
    points = [p for p in (mapdata.point(r, url=url(r["ref"]), link=link) for r in mapped) if p]
    stale = streams.stale(today)
    listed = stale.order_by("pk").values("title", "organisation__name", "confirmed_at")
    listed = [{"title": r["title"], "organisation": {"name": r["organisation__name"]},
               "confirmed_at": r["confirmed_at"]} for r in listed[:STALE_LISTED]]  # fmt: skip
    return streams.count(), stream_table_of(streams), points, stale.count(), listed


#: Characters ``quote_plus`` leaves as they are.
_AS_IS = re.compile(r"[A-Za-z0-9_.~-]*")


def board_link(board: str) -> Callable[[str], str]:
    """The match board's address filtered on a stream, as ``urlencode({"stream": ref})``
    writes it, without its cost for each of 2 000 points (a plain reference is itself).

    >>> from urllib.parse import urlencode
    >>> url = board_link("/hub/h/matches/")
    >>> [url(r) for r in ("S-1_a.b~", "ø 1&2")] == [
    ...     "/hub/h/matches/?" + urlencode({"stream": r}) for r in ("S-1_a.b~", "ø 1&2")]
    True
    """
    head = f"{board}?stream="
    return lambda ref: head + (ref if _AS_IS.fullmatch(ref) else quote_plus(ref))


def impact_context(totals: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The impact table's totals, and whether any one-off lot was valued (its own table)."""
    return {"impact": totals, "impact_once": any(t["one_off"] for t in totals.values())}
