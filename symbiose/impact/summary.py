"""Sums of impact for dashboards: candidate, in-progress and implemented kept apart."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from symbiose.impact.adapter import PairImpact
from symbiose.impact.stored import Headline

Valued = PairImpact | Headline | None

STATUSES = ("candidate", "in_progress", "implemented")


def total(pairs: Iterable[Valued]) -> dict[str, Any]:
    """Sum CO2e and net benefit (low/central/high) over pairs with a known quantity.

    A pair valued only per unit (quantity hidden or unknown) is counted in ``per_unit`` and
    never added: a total must not rest on an invented amount. A one-off lot's figures hold
    once, not every year: they are summed apart (``co2e_t_once``, ``net_nok_once``, counted
    in ``one_off``), never into the yearly totals (``valued`` counts yearly pairs only).
    """
    out: dict[str, Any] = {"co2e_t_per_yr": [0.0, 0.0, 0.0], "net_nok_per_yr": [0.0, 0.0, 0.0],
                           "co2e_t_once": [0.0, 0.0, 0.0], "net_nok_once": [0.0, 0.0, 0.0],
                           "valued": 0, "not_valued": 0, "per_unit": 0, "one_off": 0}  # fmt: skip
    for pair in pairs:
        if pair is None or not pair.result.modelled:
            out["not_valued"] += 1
            continue
        if pair.per_unit:
            out["per_unit"] += 1
            continue
        once = bool(getattr(pair.result, "one_off", False))
        out["one_off" if once else "valued"] += 1
        for key, est in (("co2e_t_once" if once else "co2e_t_per_yr", pair.result.co2e_t_per_yr),
                         ("net_nok_once" if once else "net_nok_per_yr",
                          pair.result.annual_net_benefit_nok)):  # fmt: skip
            for i, value in enumerate((est.low, est.central, est.high)):
                out[key][i] += value or 0.0
    return out


def by_status(groups: dict[str, Iterable[Valued]]) -> dict[str, dict[str, Any]]:
    """``total`` for each status; unknown statuses are refused so they are never mixed."""
    unknown = set(groups) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status: {', '.join(sorted(unknown))}")
    return {status: total(groups.get(status, ())) for status in STATUSES}
