"""A combustible gas offered to a *gas* need (CO gas for a rolling mill's reheating furnace,
biogas for peak boilers) is valued by the fuel gas it replaces in the receiver's own burners,
energy for energy: LPG unless the receiver says otherwise, never natural gas at the EU price
(calc/gas_energy.py; docs/impact-method.md, "Gas for a gas need").

Every expected figure is worked out by hand from the factor rows named in the test.
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

LOOK = Lookup(load_factors())
#: Central rows, per MWh of fuel on its net calorific value.
LPG_NOK = LOOK.value("price.lpg", "NOK/kWh") * 1000.0
LPG_KG = LOOK.value("fuel.lpg", "kgCO2e/kWh")
GAS_NOK = LOOK.value("price.natural_gas", "NOK/kWh") * 1000.0
CO_MJ = LOOK.value("ncv.co_gas", "MJ/kg")


def gas_need(cls: str, quantity: float, unit: str, **more) -> ExchangeInputs:
    return ExchangeInputs("gas", quantity, quantity_unit=unit, material_class=cls,
                          energy_recovery=True, gas_need=True, transport_mode="pipe",
                          distance_km=0, **more)  # fmt: skip


def line(r, text: str):
    (found,) = [li for li in r.lines if text in li.label_template]
    return found


def test_flared_co_gas_replaces_the_lpg_the_receiver_burns_energy_for_energy():
    """20 000 000 Nm3 of CO-rich gas (1.25 kg/Nm3: 25 000 t at IPCC's 7.06 MJ/kg), flared
    today, to a furnace that says nothing of its fuel: 49 028 MWh of LPG not bought."""
    r = assess_exchange(gas_need("gas_co", 20_000_000, "Nm3/yr"))
    mwh = 25_000 * CO_MJ / 3.6
    assert r.energy_recovery
    assert line(r, "gas energy delivered").value == pytest.approx(mwh)
    assert r.annual_net_benefit_nok.central == pytest.approx(mwh * LPG_NOK)
    assert r.co2e_t_per_yr.central == pytest.approx(mwh * LPG_KG)
    assert r.counterfactual["receiver"] == "lpg" and r.counterfactual["route"] == "vented"
    assert not [li for li in r.lines if "owner buys" in li.label_template]
    assert {n.code for n in r.notes} >= {"gas_need"}
    # not the old gas model: 0.21 t of natural gas per t at 10 800 NOK/t
    assert r.annual_net_benefit_nok.central != pytest.approx(25_000 * 0.21 * 10_800)
    low, central, high = (getattr(r.annual_net_benefit_nok, k) for k in ("low", "central",
                                                                         "high"))  # fmt: skip
    assert low < central < high


def test_a_stated_fuel_is_what_the_gas_replaces_and_no_boiler_is_read():
    """The receiver says it burns natural gas: the same MWh, at natural gas's price."""
    r = assess_exchange(gas_need("gas_co", 20_000_000, "Nm3/yr", receiver_supply="natural_gas"))
    mwh = 25_000 * CO_MJ / 3.6
    assert r.annual_net_benefit_nok.central == pytest.approx(mwh * GAS_NOK)
    assert {n.code for n in r.notes} >= {"gas_need_fuel"}


def test_a_need_in_fuel_energy_caps_the_gas_valued():
    """A furnace that needs 30 000 MWh of fuel gas takes that much of the 49 028 offered."""
    r = assess_exchange(gas_need("gas_co", 20_000_000, "Nm3/yr", need_quantity=30_000,
                                 need_quantity_unit="MWh/yr"))  # fmt: skip
    assert line(r, "gas energy delivered").value == pytest.approx(30_000)
    assert r.annual_net_benefit_nok.central == pytest.approx(30_000 * LPG_NOK)
    assert "energy_need_cap" in {n.code for n in r.notes}


def test_a_gas_its_owner_burns_today_costs_it_the_fuel_it_buys_instead():
    """Burnt in its owner's own plant today (hydrogen's default route, incineration with its
    energy used): the owner buys natural gas of the same energy instead, which is subtracted;
    flared today, it loses nothing."""
    flared = assess_exchange(gas_need("hydrogen", 1_000_000, "Nm3/yr", offer_route="vented"))
    used = assess_exchange(gas_need("hydrogen", 1_000_000, "Nm3/yr", offer_route="incineration"))
    tonnes = 1_000_000 * 0.0899 / 1000
    owner = tonnes * LOOK.value("fuel_value.hydrogen", "dimensionless") * LOOK.value(
        "price.natural_gas_t", "NOK/t")  # fmt: skip
    assert flared.annual_net_benefit_nok.central - used.annual_net_benefit_nok.central == (
        pytest.approx(owner))  # fmt: skip


def test_a_gas_need_without_the_flag_keeps_the_gas_model():
    """Hydrogen as a feedstock (hydrochloric acid) still replaces hydrogen from a reformer."""
    r = assess_exchange(ExchangeInputs("gas", 100, material_class="hydrogen",
                                       transport_mode="pipe"))  # fmt: skip
    assert not r.energy_recovery and r.counterfactual["receiver"] == "virgin"
