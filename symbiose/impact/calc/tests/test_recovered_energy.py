"""Plastics kept from an incinerator take away the energy the incinerator recovered.

Class fix of the fourth December 2026 review (``docs/impact-method.md``, "CO2e avoided"):
the incinerator's fossil CO2 is avoided, but the district heat it made from the plastics
must now be made otherwise.
"""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

LOOK = Lookup(load_factors())


def lost_energy(result):
    return [line for line in result.lines
            if line.factor_ids[:1] == ("energy_recovered.incineration_plastics",)]  # fmt: skip


@pytest.mark.parametrize("material_class", ["polymer", "plastic_pe_pp", "plastic_pet"])
def test_plastics_kept_from_incineration_lose_the_energy_it_recovered(material_class):
    result = assess_exchange(ExchangeInputs("material", 100, material_class=material_class))
    assert result.counterfactual["route"] == "incineration"
    (line,) = lost_energy(result)
    expected = (
        100
        * LOOK.value("energy_recovered.incineration_plastics", "MWh/t")
        * LOOK.value("fuel.district_heat", "kgCO2e/kWh")
    )
    assert line.value == pytest.approx(-expected)


def test_the_low_case_loses_more_energy_than_the_high_case():
    result = assess_exchange(ExchangeInputs("material", 100, material_class="polymer"))
    kept = assess_exchange(ExchangeInputs("material", 100, material_class="polymer",
                                          offer_route="landfill"))  # fmt: skip
    assert not lost_energy(kept)
    low, high = (Lookup(load_factors(), c) for c in ("low", "high"))
    fid = "energy_recovered.incineration_plastics"
    assert low.value(fid, "MWh/t", favourable=False) > high.value(fid, "MWh/t", favourable=False)
    assert result.co2e_t_per_yr.low < result.co2e_t_per_yr.central < result.co2e_t_per_yr.high


def test_a_disposal_route_chosen_by_the_user_brings_its_energy_with_it():
    result = assess_exchange(ExchangeInputs("material", 100, material_class="unclassified",
                                            offer_route="incineration",
                                            disposal_route="incineration_plastics"))  # fmt: skip
    assert lost_energy(result)
