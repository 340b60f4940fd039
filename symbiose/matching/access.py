"""What a user may see of match candidates: the only way pages, API and exports read them.

A candidate is shown only if the user may see both streams. Each reason declares which
stream fields its text reveals (``"offer.quantity"``, ``"need.location"``); a reason is dropped
when any of those fields is hidden from the user, so a sensitive value never reaches a reason.
Reasons stored before ``identity`` existed, and fixed texts that reveal a field without naming
it ("too far apart to pipe heat"), are read with :data:`IMPLIED_REVEALS`.

Every figure, filter and sort a viewer gets is computed only from what that viewer may see
(issue 11.4), so that repeated queries, or edits of one's own stream, learn nothing finer:

* **distance**: :func:`registry.access.visible_distance_km` (hidden sites replaced by their
  grid cell's centre, rounded to 10 km); ``max_km`` filters on that value;
* **score**: the stored score when nothing it depends on is hidden; otherwise recomputed from
  the stored components without those that depend on a hidden field (:data:`DROPPED_BY`), and
  with the "what" similarity rounded to 0.1 when it read a hidden description, EWC code or
  composition (:data:`WHAT_STEP`); a hidden site's distance factor is the one at the centre
  of the area the viewer is shown (:data:`SHOWN_DISTANCE`), not left out, so hidden sites
  are not lifted above located ones;
* **feasible**: true unless a blocking reason the viewer may see remains (a check that needs a
  hidden field is not applied for that viewer);
* ranking and ``limit`` use these visible values, never the stored ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from symbiose.matching.engine.physics import LOCAL
from symbiose.matching.engine.reasons import (
    R_ABROAD,
    R_HAZ_OK,
    R_HAZARDOUS,
    R_HEAT_PUMP,
    R_NO_LOCATION,
    R_QUANTITY,
    R_SAME_ORG,
    R_TEMPERATURE,
    R_TOO_FAR,
    render,
)
from symbiose.matching.engine.types import EngineConfig, Reason
from symbiose.matching.models import Candidate
from symbiose.matching.reasontext import counted_template, localised_params
from symbiose.registry import access as registry_access
from symbiose.registry.models import Stream


@dataclass
class VisibleMatch:
    """A candidate as one user may see it."""

    offer: dict[str, Any]
    need: dict[str, Any]
    score: float
    feasible: bool
    distance_km: float | None
    distance_rounded: bool
    intra_company: bool
    reasons: list[dict[str, str]] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)

    def counterpart(self, ref: str) -> dict[str, Any]:
        """The other side of the pair, seen from the stream ``ref``."""
        return self.need if self.offer["ref"] == ref else self.offer


BOTH_LOCATIONS = ("offer.location", "need.location")
BOTH_QUANTITIES = ("offer.quantity", "need.quantity")
BOTH_TEMPERATURES = ("offer.composition", "need.composition")  # temperature counts as composition
#: Fields a reason's text reveals beyond the ones stored with it.
IMPLIED_REVEALS: dict[str, tuple[str, ...]] = {
    R_SAME_ORG.template: ("offer.identity", "need.identity"),
    R_HAZ_OK.template: ("offer.ewc_code",),
    R_HAZARDOUS.template: ("offer.ewc_code",),
    R_NO_LOCATION.template: BOTH_LOCATIONS,
    R_ABROAD.template: BOTH_LOCATIONS,
    R_QUANTITY.template: BOTH_QUANTITIES,
    R_TEMPERATURE.template: BOTH_TEMPERATURES,
    R_HEAT_PUMP.template: BOTH_TEMPERATURES,
    **{r.template: (*BOTH_LOCATIONS, *BOTH_QUANTITIES, *BOTH_TEMPERATURES)
       for r in R_TOO_FAR.values()},
}  # fmt: skip

#: Score components left out when the viewer may not see one of these fields (either side).
#: A pipe-bound pair's distance factor also reads quantity and temperature (its limit).
#: The flow prior and season may read the owner's sector, so they go with its identity (the
#: engine reads no sector of a stream that marks its identity: ``adapter.stream_input``).
DROPPED_BY = {"distance": {"location"}, "quantity": {"quantity"}, "temperature": {"composition"},
              "prior": {"identity"}, "season": {"identity", "description"}}  # fmt: skip
PIPE_DISTANCE_INPUTS = {"location", "quantity", "composition"}
#: The component holding the distance factor at the shown areas' centres (stored for pairs
#: where a side hides its site: ``matching.engine.scoring.score_pairs``); a viewer to whom a
#: site is hidden gets it as the distance factor, others never see it.
SHOWN_DISTANCE = "distance_shown"
#: Inputs of the "what" similarity (text, EWC, material classes) and its step when coarsened.
WHAT_INPUTS = {"description", "ewc_code", "composition"}
WHAT_PARTS = ("ewc", "class", "relation", "prior", "text")
WHAT_STEP = 0.1
INFEASIBLE_FACTOR = EngineConfig().infeasible_factor


def _visible_reasons(
    raw: list[dict[str, Any]], hidden: dict[str, frozenset[str]], texts: bool = True
) -> list[dict]:
    """The reasons the viewer may read; without ``texts`` only their kinds (for ranking)."""
    out = []
    for item in raw:
        reveals = [*item.get("reveals", []), *IMPLIED_REVEALS.get(item["template"], ())]
        if any(r.split(".", 1)[1] in hidden[r.split(".", 1)[0]] for r in reveals if "." in r):
            continue
        if not texts:
            out.append({"kind": item.get("kind", "info")})
            continue
        params = localised_params(item.get("params", {}))
        template = counted_template(item["template"], item.get("params", {}))
        reason = Reason(template, params, frozenset(reveals),
                        item.get("kind", "info"))  # fmt: skip
        out.append({"kind": reason.kind, "text": render(reason, gettext)})
    return out


def _hidden(viewer: Any, cand: Candidate) -> dict[str, frozenset[str]]:
    return {
        "offer": registry_access.hidden_fields(viewer, cand.offer),
        "need": registry_access.hidden_fields(viewer, cand.need),
    }


def visible_figures(
    cand: Candidate, hidden: dict[str, frozenset[str]], reasons: list[dict[str, str]]
) -> tuple[float, bool, dict[str, float]]:
    """Score, feasibility and components of ``cand`` computed only from visible fields."""
    either = hidden["offer"] | hidden["need"]
    feasible = not any(r["kind"] == "blocking" for r in reasons)
    comps = {k: float(v) for k, v in (cand.components or {}).items()}
    shown = comps.pop(SHOWN_DISTANCE, None)
    pipe = cand.offer.category in LOCAL or cand.need.category in LOCAL
    dropped = {name for name, inputs in DROPPED_BY.items() if inputs & either}
    moved = False
    if pipe and (PIPE_DISTANCE_INPUTS - {"location"}) & either:
        dropped.add("distance")  # a pipe's limit reads the hidden quantity or temperature
    elif "location" in either and shown is not None:
        dropped.discard("distance")  # at the shown areas' centres, as the pair was ranked
        comps["distance"], moved = shown, True
    coarse_what = bool(WHAT_INPUTS & either)
    if not dropped and not moved and not coarse_what and feasible == cand.feasible:
        return cand.score, cand.feasible, comps
    if "what" not in comps:  # a row without components: keep only a coarse score
        return round(cand.score / WHAT_STEP) * WHAT_STEP, feasible, {}
    if coarse_what:
        comps["what"] = round(comps["what"] / WHAT_STEP) * WHAT_STEP
        for name in WHAT_PARTS:
            comps.pop(name, None)
    for name in dropped:
        comps.pop(name, None)
    raw = comps["what"]
    for name in ("distance", "quantity", "temperature", "time", "season"):
        raw *= comps.get(name, 1.0)
    raw = min(1.0, max(0.0, raw))
    return (raw if feasible else raw * INFEASIBLE_FACTOR), feasible, comps


def _figures(viewer: Any, cand: Candidate, texts: bool = True) -> dict[str, Any]:
    """Everything of a candidate the viewer may see except the two redacted streams
    (``texts=False``: the reasons' kinds only, enough to rank and filter)."""
    hidden = _hidden(viewer, cand)
    reasons = _visible_reasons(cand.reasons, hidden, texts)
    score, feasible, comps = visible_figures(cand, hidden, reasons)
    distance, rounded = cand.distance_km, False
    if distance is not None and ("location" in hidden["offer"] or "location" in hidden["need"]):
        distance, rounded = registry_access.visible_distance_km(viewer, cand.offer, cand.need)
    return {"score": score, "feasible": feasible, "distance_km": distance,
            "distance_rounded": rounded, "intra_company": cand.intra_company,
            "reasons": reasons, "components": comps}  # fmt: skip


def ranking_figures(viewer: Any, cand: Candidate) -> dict[str, Any]:
    """Score, feasibility and distance of ``cand`` as ``viewer`` may see them, to filter and
    sort many rows; the reasons are only their kinds (:func:`visible_match` has the words)."""
    return _figures(registry_access.viewer_for(viewer), cand, texts=False)


def visible_match(
    viewer: Any, cand: Candidate, figures: dict[str, Any] | None = None
) -> VisibleMatch:
    """Redact one candidate for ``viewer`` (both streams must already be visible)."""
    viewer = registry_access.viewer_for(viewer)
    return VisibleMatch(
        offer=registry_access.redacted(viewer, cand.offer),
        need=registry_access.redacted(viewer, cand.need),
        **(figures if figures is not None else _figures(viewer, cand)),
    )


def ranked(
    viewer: Any,
    rows: Any,
    *,
    feasible_only: bool = False,
    max_km: float | None = None,
    limit: int | None = None,
) -> list[VisibleMatch]:
    """Filter and rank ``rows`` on the values ``viewer`` may see, then redact the kept ones."""
    viewer = registry_access.viewer_for(viewer)
    kept = _rank(viewer, rows, feasible_only=feasible_only, max_km=max_km, limit=limit)
    return [visible_match(viewer, k[4]) for k in kept]  # reason texts for the kept rows only


def ranked_rows(
    viewer: Any, rows: Any, *, feasible_only: bool = False, limit: int | None = None
) -> list[Candidate]:
    """:func:`ranked` without the redaction: the stored rows in the viewer's order, for
    computations whose output is redacted for the same viewer (impact values)."""
    viewer = registry_access.viewer_for(viewer)
    return [k[4] for k in _rank(viewer, rows, feasible_only=feasible_only, limit=limit)]


def rank_rows(viewer: Any, rows: Any) -> list[tuple[Candidate, dict[str, Any]]]:
    """Every row with its :func:`ranking_figures`, in the viewer's order (best first), for a
    page that shows the top rows and also sums or counts over the feasible ones."""
    viewer = registry_access.viewer_for(viewer)
    return [(k[4], k[5]) for k in _rank(viewer, rows)]


def _rank(
    viewer: Any,
    rows: Any,
    *,
    feasible_only: bool = False,
    max_km: float | None = None,
    limit: int | None = None,
) -> list[tuple]:
    kept = []
    for cand in rows:
        f = _figures(viewer, cand, texts=False)
        if feasible_only and not f["feasible"]:
            continue
        if max_km is not None and (f["distance_km"] is None or f["distance_km"] > max_km):
            continue
        kept.append((not f["feasible"], -f["score"], cand.offer.ref, cand.need.ref, cand, f))
    kept.sort(key=lambda k: k[:4])
    return kept if limit is None else kept[:limit]


def matches_for_stream(
    user: Any,
    stream: Stream,
    *,
    feasible_only: bool = False,
    category: str | None = None,
    max_km: float | None = None,
    include_intra_company: bool = False,
    limit: int = 20,
) -> list[VisibleMatch]:
    """Ranked candidates of ``stream`` that ``user`` may see (raises NotFound if the stream is
    not visible to them). Filters and ranking use the visible distance and score."""
    viewer = registry_access.viewer_for(user)
    if not registry_access.can_see_stream(viewer, stream):
        raise registry_access.NotFound(stream.ref)
    qs = Candidate.objects.select_related("offer__organisation", "need__organisation")
    # the counterpart's visibility tested on its joined row: "IN (visible ids)" let SQLite
    # probe the pair index once per visible stream (12 ms at 20 000 streams, 0.3 ms so)
    if stream.direction == "offer":
        qs = qs.filter(registry_access.visible_stream_q(viewer, "need__"), offer=stream)
    else:
        qs = qs.filter(registry_access.visible_stream_q(viewer, "offer__"), need=stream)
    if not include_intra_company:
        qs = qs.filter(intra_company=False)
    if category:
        qs = qs.filter(Q(offer__category=category) & Q(need__category=category))
    return ranked(viewer, qs, feasible_only=feasible_only, max_km=max_km, limit=limit)
