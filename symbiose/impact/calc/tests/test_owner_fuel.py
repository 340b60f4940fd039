"""A combustible stream its owner burns today as fuel: giving it away, the owner buys gas.

Class fix of the December 2026 reference-case review (``docs/impact-method.md``, "Classes of
fault fixed"): the route ``incineration`` ("incinerated with energy recovery") of a fuel
means its energy is used today, so the owner replaces it with natural gas of the same
energy, in CO2 and in money; flared or vented, nothing is lost.
"""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

LOOK = Lookup(load_factors())
GAS_KG_PER_T = LOOK.value("virgin.natural_gas_t", "kgCO2e/t")
GAS_PER_H2 = LOOK.value("fuel_value.hydrogen", "dimensionless")


def hydrogen(**changes):
    return assess_exchange(ExchangeInputs("gas", 100, material_class="hydrogen", **changes))


def test_hydrogen_burnt_today_subtracts_the_natural_gas_its_owner_buys_instead():
    burnt, flared = hydrogen(), hydrogen(offer_route="vented")
    assert burnt.counterfactual["route"] == "incineration"
    assert flared.co2e_t_per_yr.central - burnt.co2e_t_per_yr.central == pytest.approx(
        100 * GAS_PER_H2 * GAS_KG_PER_T / 1000
    )
    gas_cost = 100 * GAS_PER_H2 * LOOK.value("price.natural_gas_t", "NOK/t")
    assert flared.annual_net_benefit_nok.central - burnt.annual_net_benefit_nok.central == (
        pytest.approx(gas_cost)
    )
    assert "owner_fuel" in {n.code for n in burnt.notes}
    assert "owner_fuel" not in {n.code for n in flared.notes}


def test_the_fuel_value_of_hydrogen_is_its_energy_against_natural_gas():
    # 119.96 MJ/kg against the 48.0 MJ/kg of the natural-gas factor, to two figures
    assert GAS_PER_H2 == pytest.approx(119.96 / 48.0, abs=0.005)


def test_a_fuel_burnt_by_its_owner_is_not_kept_from_a_waste_incinerator():
    assert hydrogen().resources["kept_from_incineration_t"] == 0


def test_hydrogen_still_pays_when_the_receiver_replaces_hydrogen_made_from_gas():
    # grey hydrogen costs more than the gas of the same energy it is made from
    assert hydrogen().annual_net_benefit_nok.central > 0
    assert LOOK.value("price.hydrogen_grey", "NOK/t") > GAS_PER_H2 * LOOK.value(
        "price.natural_gas_t", "NOK/t"
    )


@pytest.mark.parametrize("material_class", ["gas_co", "gas_methane", "gas_other"])
def test_an_off_gas_burnt_today_only_moves_its_fuel_use_and_pays_no_gate_fee(material_class):
    burnt = assess_exchange(ExchangeInputs("gas", 1000, material_class=material_class,
                                           offer_route="incineration"))  # fmt: skip
    flared = assess_exchange(ExchangeInputs("gas", 1000, material_class=material_class))
    assert flared.co2e_t_per_yr.central > 0
    assert burnt.co2e_t_per_yr.central == pytest.approx(0, abs=1e-6)
    assert burnt.annual_net_benefit_nok.central == pytest.approx(0, abs=1e-6)
    used = {fid for line in burnt.lines for fid in line.factor_ids}
    assert not used & {"fee.incineration", "tax.incineration", "disposal.incineration_mixed"}
