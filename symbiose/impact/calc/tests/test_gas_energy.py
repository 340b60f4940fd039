"""A combustible gas offered to a heat need is valued by the fuel it replaces, on the energy
path (calc/energy_recovery.py, calc/gas_energy.py), never as natural gas bought at the EU price.

Every expected figure is worked out by hand from the factor rows, written out in the test.
"""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs

#: Central rows: a gas boiler (eff.natural_gas), the wood-chip boiler the receiver runs
#: today (eff.wood_pellets) and the wood-fuel price (price.wood_chips_kwh), NOK/MWh.
GAS_BOILER, CHIP_BOILER, CHIPS = 0.86, 0.77, 200.0


def gas(cls: str, quantity: float, unit: str, **more) -> ExchangeInputs:
    return ExchangeInputs(
        "gas",
        quantity,
        quantity_unit=unit,
        material_class=cls,
        energy_recovery=True,
        transport_mode="pipe",
        distance_km=0,
        **more,
    )


def line(r, text: str):
    (found,) = [li for li in r.lines if text in li.label_template]
    return found


def test_flared_co_gas_replaces_the_receivers_chips_and_loses_its_owner_nothing():
    """20 000 000 Nm3 of CO-rich furnace gas flared today (1.25 kg/Nm3: 25 000 t at IPCC's
    7.06 MJ/kg) to a heating plant on wood chips that needs 50 000 MWh of heat."""
    r = assess_exchange(gas("gas_co", 20_000_000, "Nm3/yr", need_quantity=50_000,
                            need_quantity_unit="MWh/yr"))  # fmt: skip
    tonnes = 20_000_000 * 1.25 / 1000
    heat = tonnes * 7.06 / 3.6 * GAS_BOILER  # 42 164 MWh, under the need
    assert r.energy_recovery
    assert line(r, "heat delivered").value == pytest.approx(heat)
    chips = heat / CHIP_BOILER * CHIPS  # 10.95 M NOK
    assert r.annual_net_benefit_nok.central == pytest.approx(chips)
    # flared today: its CO2 is emitted either way; only the chips' CH4 and N2O are saved
    assert line(r, "what burning the gas emits").value == 0.0
    assert r.co2e_t_per_yr.central == pytest.approx(heat / CHIP_BOILER * 0.034)
    # a range from the gas's make-up (blast-furnace gas to pure CO), low under high
    low, high = r.annual_net_benefit_nok.low, r.annual_net_benefit_nok.high
    assert low < chips * 2.47 / 7.06 * 1.01 and high > chips * 1.2


def test_a_gas_stated_as_energy_gives_that_energy_in_every_case():
    """10 GWh a year of biogas: 10 000 MWh of fuel whatever the gas's make-up."""
    r = assess_exchange(gas("gas_methane", 10, "GWh/yr"))
    assert line(r, "heat delivered").value == pytest.approx(10_000 * GAS_BOILER)
    assert r.annual_net_benefit_nok.central == pytest.approx(10_000 * GAS_BOILER
                                                             / CHIP_BOILER * CHIPS)  # fmt: skip


def test_hydrogen_its_owner_burns_today_costs_it_the_gas_it_must_buy():
    """1 000 000 Nm3 of by-product hydrogen (0.0899 kg/Nm3: 89.9 t at 120 MJ/kg) burnt by its
    owner today: the receiver saves chips, the owner buys natural gas of the same energy."""
    look = Lookup(load_factors())
    r = assess_exchange(gas("hydrogen", 1_000_000, "Nm3/yr"))
    tonnes = 1_000_000 * 0.0899 / 1000
    heat = tonnes * 120.0 / 3.6 * GAS_BOILER
    chips = heat / CHIP_BOILER * CHIPS
    owner = tonnes * look.value("fuel_value.hydrogen", "dimensionless") * look.value(
        "price.natural_gas_t", "NOK/t")  # fmt: skip
    assert r.annual_net_benefit_nok.central == pytest.approx(chips - owner)
    assert not r.worth_it


def test_a_gas_that_does_not_burn_serves_a_heat_need_no_way():
    r = assess_exchange(gas("gas_oxygen_nitrogen", 1_000_000, "Nm3/yr"))
    assert r.annual_net_benefit_nok.central == 0.0 and not r.energy_recovery


def test_a_stated_gas_boiler_is_what_the_gas_replaces():
    """The receiver says it burns natural gas today: the same gas boiler, at its price."""
    look = Lookup(load_factors())
    r = assess_exchange(gas("gas_co", 20_000_000, "Nm3/yr", receiver_supply="natural_gas"))
    heat = 25_000 * 7.06 / 3.6 * GAS_BOILER
    eta = line(r, "no longer buys").params["efficiency"]
    price = look.value("price.natural_gas", "NOK/kWh") * 1000
    assert r.annual_net_benefit_nok.central == pytest.approx(heat / eta * price)
