"""Two class defaults of the December 2026 gas work (docs/impact-method.md, "Tyres" and "Crop
residues"): tyres burn at their own calorific value and fossil CO2, not as mixed waste; crop
residues are taken as returned to the soil today, so a pair that states no price is not
credited an incinerator's gate fee."""

from __future__ import annotations

import pytest

from symbiose.impact.calc.energy_recovery import fuel_family
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

LOOK = Lookup(load_factors())


def line(r, text: str):
    (found,) = [li for li in r.lines if text in li.label_template]
    return found


def test_tyres_are_their_own_fuel_family():
    family = fuel_family("rubber")
    assert family.key == "tyres" and family.ncv_id == "ncv.tyres"
    assert LOOK.value("ncv.tyres", "MJ/kg") == pytest.approx(30.0)


def test_tyres_burnt_for_heat_emit_their_fossil_co2_not_mixed_wastes():
    """1 000 t of tyres to a boiler: the burnt line counts 2 000 kg fossil CO2 per tonne."""
    r = assess_exchange(ExchangeInputs("material", 1000, material_class="rubber",
                                       energy_recovery=True, offer_route="landfill"))  # fmt: skip
    burnt = line(r, "fossil CO2 of burning it")
    assert burnt.factor_ids == ("disposal.incineration_tyres",)
    assert burnt.value == pytest.approx(-1000 * LOOK.value("disposal.incineration_tyres",
                                                           "kgCO2e/t") / 1000)  # fmt: skip
    assert burnt.value < -1000 * 0.5498  # more than the mixed-waste default
    assert line(r, "energy content as received").value == pytest.approx(30.0)
    assert "waste_fuel" in {n.code for n in r.notes}


def test_tyres_kept_from_an_incinerator_avoid_their_own_fossil_co2_and_the_tax():
    r = assess_exchange(ExchangeInputs("material", 100, material_class="rubber"))
    avoided = [li for li in r.lines if li.factor_ids == ("disposal.incineration_tyres",)]
    assert avoided and avoided[0].value == pytest.approx(100 * 2.0)
    cost = line(r, "cost today avoided")
    assert "tax.incineration" in cost.factor_ids


def test_crop_residues_are_returned_to_the_soil_today_and_earn_no_gate_fee():
    """200 t of straw 30 km away, no price stated: no gate fee avoided, nothing substituted,
    so the haul alone is left and the pair is not worth it."""
    r = assess_exchange(ExchangeInputs("material", 200, material_class="crop_residue",
                                       distance_km=30))  # fmt: skip
    assert r.counterfactual["route"] == "land_spreading"
    assert not [li for li in r.lines if "cost today avoided" in li.label_template]
    assert r.annual_net_benefit_nok.central < 0 and not r.worth_it
    assert "IPCC" in r.counterfactual["reasoning"]


def test_a_stated_disposal_cost_of_crop_residues_still_counts():
    """The owner says it pays 500 NOK/t to be rid of it: that is what the exchange saves."""
    r = assess_exchange(ExchangeInputs("material", 200, material_class="crop_residue",
                                       disposal_cost_nok_per_t=500))  # fmt: skip
    assert r.annual_net_benefit_nok.central == pytest.approx(200 * 500)
