"""A pipe's capital cost is in the headline yearly value of every pipe-bound exchange.

Before, the yearly value left the pipe out (it was only in NPV), so heat and water pairs
1 000 km apart showed a positive value. Each category is tried over a range of distances:
positive next door, "not worth it at this distance" far away, with the sign changing at a
distance that grows with the flow (``docs/impact-method.md``, "Pipe capital cost").
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.heat import capital_recovery_factor
from symbiose.impact.calc.types import ExchangeInputs


def heat(mwh: float, temperature: float = 80.0, **kw):
    return lambda km: ExchangeInputs("heat", mwh, quantity_unit="MWh/yr", distance_km=km,
                                     offer_temperature_c=temperature, **kw)  # fmt: skip


def cold(mwh: float):
    return lambda km: ExchangeInputs("cold", mwh, quantity_unit="MWh/yr", distance_km=km)


def water(m3: float, cls: str | None = None):
    return lambda km: ExchangeInputs("water", m3, quantity_unit="m3/yr", material_class=cls,
                                     distance_km=km)  # fmt: skip


def co2_pipe(t: float):
    return lambda km: ExchangeInputs("gas", t, material_class="co2", use="greenhouse",
                                     distance_km=km, transport_mode="pipe")  # fmt: skip


#: (exchange at a distance, the distance in km by which the sign must have changed).
#: A small flow cannot carry a long pipe; a large one can carry a longer one, never 1 000 km.
PAIRS = {
    "heat_small": (heat(2_000), 10),
    "heat_medium": (heat(20_000), 60),
    "heat_large": (heat(100_000), 150),
    "steam": (heat(20_000, 180.0, heat_replaced_fuel="natural_gas"), 60),
    "heat_with_heat_pump": (heat(20_000, 30.0, need_temperature_c=70.0), 60),
    "cold": (cold(5_000), 10),
    "water": (water(500_000), 60),
    "cooling_water": (water(3_000_000, "cooling_water"), 150),
    "co2_pipe_small": (co2_pipe(2_000), 15),
    "co2_pipe": (co2_pipe(20_000), 100),
}


def yearly(make, km: float) -> float:
    return assess_exchange(make(km)).annual_net_benefit_nok.central


def break_even_km(make) -> float:
    """Distance at which the yearly value turns negative (bisection on [0, 1 000] km)."""
    low, high = 0.0, 1000.0
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if yearly(make, mid) >= 0 else (low, mid)
    return low


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_the_sign_changes_at_a_sensible_distance(name):
    make, limit = PAIRS[name]
    assert yearly(make, 0.5) > 0, "next door the exchange must pay"
    far = assess_exchange(make(1000.0))
    assert far.annual_net_benefit_nok.central < 0
    assert not far.worth_it and far.verdict.code == "not_worth_pipe"
    assert 0.5 < break_even_km(make) < limit


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_the_yearly_value_never_rises_with_distance(name):
    make, _ = PAIRS[name]
    values = [yearly(make, km) for km in (0.0, 1.0, 5.0, 20.0, 100.0, 400.0)]
    assert values == sorted(values, reverse=True)


def test_a_larger_flow_carries_a_longer_pipe():
    assert break_even_km(heat(2_000)) < break_even_km(heat(20_000)) < break_even_km(heat(100_000))
    assert break_even_km(co2_pipe(2_000)) < break_even_km(co2_pipe(20_000))


def test_the_headline_subtracts_the_pipe_annualised_over_its_lifetime():
    result = assess_exchange(water(500_000)(10.0))
    look = Lookup(load_factors())
    capex = -result.business_case.cash_flows_nok[0]
    assert capex == pytest.approx(look.value("heat.pipe_cost.small", "NOK/m") * 10_000)
    lifetime = look.value("pipe.lifetime", "yr")
    rate = look.value("econ.discount_rate", "dimensionless")
    line = next(x for x in result.lines if x.factor_ids == ("pipe.lifetime", "econ.discount_rate"))
    assert line.value == pytest.approx(-capex * capital_recovery_factor(rate, int(lifetime)))
    benefit = sum(x.value for x in result.lines if x.unit == "NOK/yr" and x is not line)
    opex = look.value("heat.opex_share", "dimensionless") * capex
    assert result.annual_net_benefit_nok.central == pytest.approx(benefit - opex + line.value)


def test_the_low_case_writes_the_pipe_off_sooner():
    result = assess_exchange(heat(20_000)(10.0))
    value = result.annual_net_benefit_nok
    assert value.low < value.central < value.high


def test_the_verdict_names_the_distance_and_the_pipe_cost():
    far = assess_exchange(heat(20_000)(300.0))
    params = far.verdict.params
    assert params["distance"] == 300.0
    assert params["capex"] == pytest.approx(-far.business_case.cash_flows_nok[0], rel=0.05)
    # shown to two significant figures
    assert params["cost"] == pytest.approx(-far.annual_net_benefit_nok.central, rel=0.05)
    assert "at this distance" in far.verdict.template


def test_existing_close_range_cases_stay_positive():
    fish_farm = assess_exchange(ExchangeInputs(
        "heat", 8760, quantity_unit="MWh/yr", offer_temperature_c=80, need_quantity=5000,
        need_quantity_unit="MWh/yr", need_temperature_c=12, distance_km=2))  # fmt: skip
    mosjoen = assess_exchange(ExchangeInputs(
        "heat", 15_000, quantity_unit="MWh/yr", offer_temperature_c=85, need_quantity=15_000,
        need_quantity_unit="MWh/yr", distance_km=1.0))  # fmt: skip
    for result in (fish_farm, mosjoen):
        assert result.worth_it and result.annual_net_benefit_nok.central > 0


def test_payback_only_when_there_is_an_investment():
    on_site = assess_exchange(heat(20_000)(0.0))
    piped = assess_exchange(heat(20_000)(2.0))
    assert on_site.payback_years.central is None
    assert piped.payback_years.central is not None and piped.payback_years.central > 0


def test_a_trucked_gas_pays_its_haul_instead_of_a_pipe():
    near = assess_exchange(ExchangeInputs("gas", 20_000, material_class="co2", use="greenhouse",
                                          distance_km=50))  # fmt: skip
    far = assess_exchange(ExchangeInputs("gas", 20_000, material_class="co2", use="greenhouse",
                                         distance_km=1000))  # fmt: skip
    assert near.business_case.cash_flows_nok[0] == 0 and near.worth_it
    assert not far.worth_it and far.verdict.code == "not_worth_distance"


def test_a_pipe_is_a_transport_mode_only_for_gas_and_water():
    from symbiose.impact.calc.errors import ImpactInputError

    with pytest.raises(ImpactInputError, match="unknown transport mode"):
        assess_exchange(ExchangeInputs("material", 100, material_class="gypsum",
                                       transport_mode="pipe"))  # fmt: skip
