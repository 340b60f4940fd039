"""A heat pair where only one side states its quantity: that quantity caps the pair's flow
(not the 10 GWh default), and the side of unknown size counts as typical, so a large offer
does not lend its size to it. A need often gives neither a quantity nor a unit."""

from __future__ import annotations

from symbiose.matching.engine import MatchEngine
from symbiose.matching.engine.physics import heat_limit_km
from symbiose.matching.engine.tests.conftest import make
from symbiose.matching.engine.types import EngineConfig

KM_PER_DEGREE = 111.2


def _pair(offer_mwh, km, **need):
    return [
        make("heat", "offer", "Surplus heat from the smelter", category="heat",
             quantity=offer_mwh, unit="MWh/yr", temperature_c=90.0),
        make("dh", "need", "Heat for the town's district heating", category="heat",
             temperature_c=70.0, lat=59.2 + km / KM_PER_DEGREE, **need),
    ]  # fmt: skip


def test_a_large_source_does_not_lend_its_size_to_a_need_of_unknown_size():
    cfg = EngineConfig()
    km = 30.0  # beyond 10 GWh's break-even, within 100 GWh's
    assert heat_limit_km(cfg.heat_ref_mwh, cfg) < km < heat_limit_km(100_000.0, cfg)
    (m,) = MatchEngine(_pair(100_000.0, km)).candidates_for("heat", include_infeasible=True)
    assert not m.feasible
    (m,) = MatchEngine(_pair(100_000.0, km, quantity=100_000.0, unit="MWh/yr")).candidates_for(
        "heat", include_infeasible=True)  # fmt: skip
    assert m.feasible


def test_a_small_source_does_not_reach_as_far_as_the_default():
    cfg = EngineConfig()
    km = 8.0  # within 10 GWh's break-even, beyond 2 GWh's
    assert heat_limit_km(2_000.0, cfg) < km < heat_limit_km(cfg.heat_ref_mwh, cfg)
    (m,) = MatchEngine(_pair(2_000.0, km)).candidates_for("heat", include_infeasible=True)
    assert not m.feasible


def test_the_smaller_stated_quantity_still_sets_the_limit():
    km = 30.0
    pair = _pair(100_000.0, km, quantity=2_000.0, unit="MWh/yr")
    (m,) = MatchEngine(pair).candidates_for("heat", include_infeasible=True)
    assert not m.feasible
