"""The facilitator's match board: every candidate of a hub, filtered, sorted and valued.

Reads through :mod:`symbiose.facilitation.access` and values pairs with
:mod:`symbiose.impact.stored` for the asking user (a task worker's stored value when it was
computed for what this user may see, else computed here), so a filter or a sort never works on
a value the user may not see: distances are the visible (possibly rounded) ones, values come
from the redacted inputs, and the material filter reads the visible titles and codes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from symbiose.facilitation import access, ranking
from symbiose.impact.stored import PageValues
from symbiose.matching.access import ranking_figures, visible_match
from symbiose.matching.engine.mutual import mutual_ranks
from symbiose.registry import access as registry_access
from symbiose.registry.models import CATEGORIES
from symbiose.registry.validation import FieldError, clean_float
from symbiose.taxonomy.search import fold

PER_PAGE = 25
#: Rows a filter or a sort other than fit reads at most: the best by fit. Reading every row
#: of a hub of 159 000 candidates (and valuing each to sort by value) took minutes.
RANKED = 2000
#: "mutual": pairs that stand out for both sides first (``matching.engine.mutual``): a score
#: alone does not say whether a pair is its need's best offer or one of many equal ones, and
#: without locations most pairs of a hub are feasible.
SORTS = ("fit", "value", "distance", "mutual")
FEASIBILITY = ("feasible", "closer-look")
OPPORTUNITY = ("none", "any")


@dataclass
class Filters:
    """The board's filters as read from the query string (anything unknown is ignored)."""

    category: str = ""
    material: str = ""
    feasibility: str = ""
    min_value: float | None = None
    max_km: float | None = None
    opportunity: str = ""
    stream: str = ""
    sort: str = "fit"
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, q: Any) -> Filters:
        f = cls()
        f.category = q.get("category", "") if q.get("category") in dict(CATEGORIES) else ""
        f.material = q.get("material", "").strip()[:100]
        f.feasibility = q.get("feasibility", "") if q.get("feasibility") in FEASIBILITY else ""
        f.opportunity = q.get("opportunity", "") if q.get("opportunity") in OPPORTUNITY else ""
        f.stream = q.get("stream", "").strip()[:80]  # a reference's whole length
        f.sort = q.get("sort") if q.get("sort") in SORTS else "fit"
        labels = {"min_value": _("Worth at least (NOK/yr)"), "max_km": _("Within (km)")}
        for name, label in labels.items():
            try:
                setattr(f, name, clean_float(q.get(name), name))
            except FieldError as exc:
                f.errors.append(f"{label}: {_(exc.template).format(**exc.params)}")
        return f

    def narrows(self) -> bool:
        """Whether a filter reads what the viewer may see of each row (not the database)."""
        return bool(self.material or self.feasibility or self.opportunity
                    or self.max_km is not None or self.min_value is not None)  # fmt: skip


def covered_pairs(hub) -> dict[tuple[int, int], Any]:
    """``(offer_id, need_id)`` pairs that an opportunity of the hub already joins."""
    out: dict[tuple[int, int], Any] = {}
    for opp in hub.opportunities.prefetch_related("streams"):
        streams = list(opp.streams.all())
        offers = [s.pk for s in streams if s.direction == "offer"]
        needs = [s.pk for s in streams if s.direction == "need"]
        for o in offers:
            for n in needs:
                out.setdefault((o, n), opp)
    return out


def board(user: Any, hub, filters: Filters, page: str | int = 1) -> dict[str, Any]:
    """The candidates of ``hub`` as ``user`` may see them, filtered, sorted and paginated."""
    viewer = registry_access.viewer_for(user)
    covered = covered_pairs(hub)
    if filters.sort == "fit" and not filters.narrows() and not filters.stream:
        # the best rows only, read as needed (from the hub's pair rows when current)
        source = ranking.hub_rows(viewer, hub, category=filters.category)
        return _shown(viewer, Paginator(_BestFirst(viewer, source), PER_PAGE), page, covered)
    limited = 0
    if filters.stream:  # one stream's pairs: few rows, read from the candidates
        rows = access.hub_candidate_rows(viewer, hub)
        if filters.category:
            rows = rows.filter(offer__category=filters.category)
        rows = rows.filter(offer__ref=filters.stream) | rows.filter(need__ref=filters.stream)
        if filters.sort == "fit" and not filters.narrows():
            return _shown(viewer, Paginator(_BestFirst(viewer, rows), PER_PAGE), page, covered)
        rows = list(rows)
    else:  # filters and sorts read each row: the best RANKED by fit at most, never all
        source = ranking.hub_rows(viewer, hub, category=filters.category)
        total, hiding = source.counts()
        rows = [c for c, _fig in ranking.top_rows(viewer, source, RANKED, hiding=hiding)]
        limited = RANKED if total > RANKED else 0
    by_value = filters.sort == "value" or filters.min_value is not None
    values = None  # stored when current; every row only when values sort or filter
    if by_value:
        values = PageValues(viewer).load((c.offer, c.need) for c in rows)
    words = fold(filters.material).split()
    items = []
    for cand in rows:
        opp = covered.get((cand.offer_id, cand.need_id))
        if filters.opportunity == "none" and opp is not None:
            continue
        if filters.opportunity == "any" and opp is None:
            continue
        fig = ranking_figures(viewer, cand)  # what the viewer may see; reason texts later
        if filters.feasibility and fig["feasible"] != (filters.feasibility == "feasible"):
            continue  # the feasibility the viewer may see, not the stored one
        if filters.max_km is not None and (
            fig["distance_km"] is None or fig["distance_km"] > filters.max_km
        ):
            continue
        if words:
            sides = (registry_access.redacted(viewer, s) for s in (cand.offer, cand.need))
            text = fold(" ".join(str(x or "") for side in sides
                                 for x in (side["title"], side["ewc_code"])))  # fmt: skip
            found = text.split()
            if not all(any(t.startswith(w) for t in found) for w in words):
                continue
        item = {"cand": cand, "fig": fig, "opportunity": opp}
        if by_value:
            head = item["head"] = values.get(cand.offer, cand.need)
            item["value"] = yearly_value(head)
            if filters.min_value is not None and (
                item["value"] is None or item["value"] < filters.min_value
            ):
                continue
        items.append(item)
    if filters.sort == "fit":  # by the visible score, never the stored one (as rank_rows)
        items.sort(key=lambda i: (not i["fig"]["feasible"], -i["fig"]["score"],
                                  i["cand"].offer.ref, i["cand"].need.ref))  # fmt: skip
    elif filters.sort == "value":
        items.sort(key=lambda i: (i["value"] is None, -(i["value"] or 0), -i["fig"]["score"]))
    elif filters.sort == "distance":
        items.sort(key=lambda i: (i["fig"]["distance_km"] is None, i["fig"]["distance_km"] or 0))
    elif filters.sort == "mutual":
        sort_mutual(items)
    shown = _shown(viewer, Paginator(items, PER_PAGE), page, covered, values=values)
    shown["limited"] = limited
    return shown


def sort_mutual(items: list[dict[str, Any]]) -> None:
    """Order board items feasible first, then by mutual confidence: the visible score over
    the square root of the pair's rank among its offer's and among its need's items, so a
    pair that is the best of both sides comes before one of many equal candidates of a
    generic need (``docs/matching.md``, "Mutual rank"). Reads only what the viewer sees (the
    visible scores of the rows shown), in place."""
    if not items:
        return
    ro, rn = mutual_ranks(
        [str(i["cand"].offer_id) for i in items],
        [str(i["cand"].need_id) for i in items],
        [i["fig"]["score"] + (1.0 if i["fig"]["feasible"] else 0.0) for i in items],
    )  # ranked as the engine ranks: feasible pairs before the others
    for item, a, b in zip(items, ro, rn, strict=True):
        item["mutual"] = item["fig"]["score"] / math.sqrt(a * b)
    items.sort(key=lambda i: (not i["fig"]["feasible"], -i["mutual"],
                              i["cand"].offer.ref, i["cand"].need.ref))  # fmt: skip


def yearly_value(head: Any) -> float | None:
    """The pair's net benefit per year, which the board filters and sorts by (``None``: not
    valued). A one-off lot's value holds once, not per year, so it is not compared with
    yearly ones: it passes no "worth at least (NOK/yr)" and sorts after the yearly values."""
    if head is None or not head.modelled or getattr(head, "one_off", False):
        return None
    return head.annual_net_benefit_nok.central


class _BestFirst:
    """A hub's rows in the viewer's order, for the paginator: its length is the number of
    rows, and a slice reads only the best rows up to its end (:func:`ranking.top_rows`)."""

    def __init__(self, viewer: Any, rows: Any) -> None:
        self.viewer, self.rows = (
            viewer,
            ranking.LiveRows(viewer, rows) if isinstance(rows, QuerySet) else rows,
        )
        self.total, self.hiding = ranking.counts(viewer, self.rows)  # one pass for both

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, part: slice) -> list[dict[str, Any]]:
        top = ranking.top_rows(self.viewer, self.rows, part.stop or self.total,
                               hiding=self.hiding)  # fmt: skip
        return [{"cand": c, "fig": fig} for c, fig in top[part]]


def _shown(
    viewer: Any, paginator: Paginator, page: str | int, covered: dict, values: Any = None
) -> dict[str, Any]:
    """The page's rows redacted with their reasons in words and valued (only these rows,
    unless ``values`` were loaded for every row to sort or filter by them)."""
    current: Page = paginator.get_page(page)
    if values is None:
        values = PageValues(viewer).load((i["cand"].offer, i["cand"].need)
                                         for i in current.object_list)  # fmt: skip
    for item in current.object_list:
        cand = item["cand"]
        if "head" not in item:
            item["head"] = head = values.get(cand.offer, cand.need)
            item["value"] = yearly_value(head)
        item.setdefault("opportunity", covered.get((cand.offer_id, cand.need_id)))
        item["match"] = visible_match(viewer, cand)
        item["impact"] = item["head"].card() if item["head"] else None
    return {"page": current, "paginator": paginator, "total": paginator.count}
