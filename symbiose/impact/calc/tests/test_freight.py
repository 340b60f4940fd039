"""Freight is the haul per tonne-km plus loading and unloading, each named in the breakdown."""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import load_factors
from symbiose.impact.calc.types import ExchangeInputs


def slag(**changes):
    base = dict(category="material", quantity=1000, material_class="slag_steel", distance_km=40)
    return assess_exchange(ExchangeInputs(**{**base, **changes}))


def factor(fid: str) -> float:
    return load_factors().get(fid).value


@pytest.mark.parametrize("mode", ["truck", "ship", "rail"])
def test_the_breakdown_names_the_mode_and_its_loading_line(mode):
    result = slag(transport_mode=mode)
    lines = {line.factor_ids: line for line in result.lines if line.factor_ids}
    haul = lines[(f"transport.cost.{mode}",)]
    handling = lines[(f"transport.handling.{mode}",)]
    assert haul.label_template.startswith(f"transport by {mode}:")
    assert "loading and unloading" in handling.label_template
    assert haul.value == pytest.approx(-1000 * 40 * factor(f"transport.cost.{mode}"))
    assert handling.value == pytest.approx(-1000 * factor(f"transport.handling.{mode}"))


def test_a_stated_cost_per_tonne_km_replaces_the_haul_and_the_loading():
    result = slag(transport_cost_nok_per_tkm=1.0)
    freight = [line for line in result.lines if line.unit == "NOK/yr" and (
        "transport" in line.label_template or "loading" in line.label_template)]  # fmt: skip
    assert [line.value for line in freight] == [pytest.approx(-1000 * 40 * 1.0)]
    assert freight[0].factor_ids == ()


def test_an_exchange_on_the_same_site_has_no_loading_cost():
    result = slag(distance_km=0)
    assert not any("loading" in line.label_template for line in result.lines)


def test_the_low_case_reads_the_dear_end_of_the_freight_ranges():
    near, far = slag(distance_km=10), slag(distance_km=200)
    for result in (near, far):
        benefit = result.annual_net_benefit_nok
        assert benefit.low < benefit.central < benefit.high
    # 190 km more of hauling costs at least the cheap end of the range, at most the dear end
    extra = near.annual_net_benefit_nok.central - far.annual_net_benefit_nok.central
    assert extra == pytest.approx(1000 * 190 * factor("transport.cost.truck"))
    low_extra = near.annual_net_benefit_nok.low - far.annual_net_benefit_nok.low
    assert low_extra == pytest.approx(1000 * 190 * factor("transport.cost.truck.high"))
