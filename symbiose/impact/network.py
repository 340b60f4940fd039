"""The network view: share limited supply across competing needs.

Takes the stored feasible candidates (between different organisations) and each stream's annual
quantity, and lets the engine's linear program (HiGHS) decide how much flows along each pair to
maximise total value: the match score per unit, or the CO2e avoided per unit from the impact
calculators. Quantities are only compared within the same canonical unit, and only yearly
flows are shared: a pair with a one-off lot on either side is listed apart (``one_off``).

Flows reveal quantities, so this view is for insiders: the platform (``viewer=None``), admins
and facilitators, restricted to the streams they see in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from symbiose.impact.adapter import factor_set, try_assess_pair
from symbiose.matching.engine.allocation import allocate
from symbiose.matching.engine.types import Match
from symbiose.matching.models import Candidate
from symbiose.registry import access
from symbiose.registry.units import is_one_off

OBJECTIVES = ("score", "co2")


@dataclass
class NetworkResult:
    objective: str
    status: str
    total_value: float
    kept: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[dict[str, Any]] = field(default_factory=list)
    #: Pairs left out because a side is a one-off lot (the allocation shares yearly flows).
    one_off: list[dict[str, str]] = field(default_factory=list)


def _pairs(viewer: Any | None) -> list[Candidate]:
    qs = Candidate.objects.filter(feasible=True, intra_company=False).select_related(
        "offer__organisation", "need__organisation"
    )
    if viewer is None:
        return list(qs)
    v = access.viewer_for(viewer)
    return [c for c in qs if v.is_insider(c.offer.organisation_id)
            and v.is_insider(c.need.organisation_id)]  # fmt: skip


def _unit_ok(c: Candidate) -> bool:
    units = {c.offer.annual_unit, c.need.annual_unit} - {""}
    return len(units) <= 1


def _lot(c: Candidate) -> bool:
    """A side is a one-off lot: it holds tonnes once, not a flow a year, so it is not
    shared among yearly flows (``one_off`` lists such pairs instead)."""
    return is_one_off(c.offer.period) or is_one_off(c.need.period)


def allocate_network(viewer: Any | None = None, objective: str = "score") -> NetworkResult:
    """Which candidate pairs the best allocation keeps, and how much flows along each."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}")
    found = [c for c in _pairs(viewer) if _unit_ok(c)]
    pairs = [c for c in found if not _lot(c)]
    by_key = {(c.offer.ref, c.need.ref): c for c in pairs}
    supply = {c.offer.ref: c.offer.annual_quantity for c in pairs if c.offer.annual_quantity}
    demand = {c.need.ref: c.need.annual_quantity for c in pairs if c.need.annual_quantity}
    values: dict[tuple[str, str], float] = {}
    factors = factor_set() if objective != "score" else None
    for key, c in by_key.items():
        if objective == "score":
            values[key] = c.score
        else:
            pair = try_assess_pair(c.offer, c.need, factors=factors)
            co2 = pair.result.co2e_t_per_yr.central if pair else None
            qty = pair.result.inputs.quantity if pair else None
            values[key] = max(co2 / qty, 0.0) if co2 is not None and qty else 0.0
    matches = [Match(o, n, c.score, True, c.distance_km, {}, (), False)
               for (o, n), c in by_key.items()]  # fmt: skip
    result = allocate(matches, supply, demand, value=lambda m: values[m.offer_ref, m.need_ref])
    out = NetworkResult(objective, result.status, float(result.total_value),
                        one_off=[{"offer": c.offer.ref, "need": c.need.ref}
                                 for c in found if _lot(c)])  # fmt: skip
    kept = set(result.kept)
    for key, c in by_key.items():
        row = {
            "offer": key[0],
            "need": key[1],
            "score": round(c.score, 4),
            "value_per_unit": round(values[key], 6),
            "flow": round(result.flows.get(key, 0.0), 3),
            "unit": c.offer.annual_unit,
        }
        (out.kept if key in kept else out.dropped).append(row)
    out.kept.sort(key=lambda r: -r["flow"] * r["value_per_unit"])
    return out
