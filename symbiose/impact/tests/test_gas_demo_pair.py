"""The demo's CO-rich furnace gas offered to a district-heating plant's heat need is valued on
the energy path (the fuel the plant stops burning), not as natural gas at the EU price (224 M
NOK/yr before; docs/impact-method.md, "Energy recovery")."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from symbiose.impact.adapter import assess_pair
from symbiose.registry.models import Stream

#: eff.natural_gas, eff.wood_pellets and price.wood_chips_kwh (NOK/MWh), central rows.
GAS_BOILER, CHIP_BOILER, CHIPS = 0.86, 0.77, 200.0


@pytest.mark.django_db
def test_the_demo_co_gas_to_district_heating_is_the_chips_the_plant_stops_burning():
    call_command("demo", stdout=io.StringIO())
    offer = Stream.objects.get(ref="S-FERROGLOBE-COGAS")
    need = Stream.objects.get(ref="S-MOFJV-BASEHEAT")
    r = assess_pair(offer, need).result
    assert r.energy_recovery
    # the gas's heat (its Nm3 at 1.25 kg/Nm3 and 7.06 MJ/kg, x 0.86) exceeds the plant's
    # stated heat need, so the need is what is valued: chips not burnt, at the wood-fuel price
    gas_heat = float(offer.quantity) * 1.25 / 1000 * 7.06 / 3.6 * GAS_BOILER
    heat = min(gas_heat, float(need.quantity))
    heat_line = [li for li in r.lines if li.label_template.startswith("heat delivered")]
    assert heat_line[0].value == pytest.approx(heat)
    chips = heat / CHIP_BOILER * CHIPS
    bought = [li for li in r.lines if "no longer buys" in li.label_template]
    assert bought[0].value == pytest.approx(chips)
    assert r.annual_net_benefit_nok.central <= chips  # less any pipe or haul, never more
    assert r.annual_net_benefit_nok.central < 50e6  # was 224 M NOK/yr as natural gas
    # what the supplier loses today: its surplus is flared, so nothing
    assert not [li for li in r.lines if "owner buys" in li.label_template]
