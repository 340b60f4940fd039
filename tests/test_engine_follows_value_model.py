"""The matching engine's distance limits and transport costs are the value model's.

The engine is a pure package below impact, so it cannot read impact's factor tables; its
defaults carry the same numbers. These tests fail when one side changes without the other:
a heat pair the engine calls feasible must not be one that the value model shows losing
money on its pipe, and a far pair the value model would still pay for must not be cut off by
a much tighter engine limit (before: 5.7 km for 20 GWh/yr against a 24 km break-even). The
road cost in match reasons is impact's truck haul plus loading, not a figure of its own.
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.heat import capital_recovery_factor
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.matching.engine.physics import heat_limit_km, heat_pump_factor
from symbiose.matching.engine.types import EngineConfig

CFG = EngineConfig()
LOOK = Lookup(load_factors())


def break_even_km(mwh: float, offer_c: float, need_c: float | None = None) -> float:
    """Distance at which the value model's yearly value of a heat pair turns negative."""
    kw = {"need_temperature_c": need_c} if need_c is not None else {}

    def yearly(km: float) -> float:
        inputs = ExchangeInputs("heat", mwh, quantity_unit="MWh/yr", distance_km=km,
                                offer_temperature_c=offer_c, **kw)  # fmt: skip
        return assess_exchange(inputs).annual_net_benefit_nok.central

    low, high = 0.0, 1000.0
    for _ in range(25):
        mid = (low + high) / 2
        low, high = (mid, high) if yearly(mid) >= 0 else (low, mid)
    return low


@pytest.mark.parametrize("mwh", [2_000, 5_000, 20_000, 50_000])
@pytest.mark.parametrize("offer_c", [60.0, 95.0])
def test_the_heat_limit_is_the_value_models_break_even(mwh, offer_c):
    engine = float(heat_limit_km(mwh, CFG))
    value = break_even_km(mwh, offer_c)
    assert engine == pytest.approx(value, rel=0.25), (engine, value)


def test_a_lifted_pair_follows_the_value_model_within_a_quarter():
    share = float(heat_pump_factor(40.0, 70.0, CFG))
    engine = float(heat_limit_km(20_000, CFG, share))
    assert engine == pytest.approx(break_even_km(20_000, 40.0, 70.0), rel=0.25)


def test_the_pipe_terms_are_impacts_factors():
    costs = tuple(LOOK.value(f"heat.pipe_cost.{c}", "NOK/m", favourable=False)
                  for c in ("small", "medium", "large", "xlarge"))  # fmt: skip
    assert CFG.heat_pipe_cost_nok_m == costs
    crf = capital_recovery_factor(LOOK.value("econ.discount_rate", "dimensionless"),
                                  round(LOOK.value("pipe.lifetime", "yr")))  # fmt: skip
    upkeep = LOOK.value("heat.opex_share", "dimensionless")
    assert CFG.heat_pipe_annuity == pytest.approx(crf + upkeep, abs=5e-4)


def test_the_road_cost_in_reasons_is_impacts_truck_haul_and_handling():
    assert CFG.transport_nok_per_tkm == LOOK.value("transport.cost.truck", "NOK/tkm")
    assert CFG.handling_nok_per_t == LOOK.value("transport.handling.truck", "NOK/t")
