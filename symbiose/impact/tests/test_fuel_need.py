"""Which pairs take the energy path: a material offered to a heat need, or to a material need
that asks for fuel and names no material; read only from what the viewer may see."""

from __future__ import annotations

import pytest
from django.test import Client

from symbiose.impact.adapter import assess_pair
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from tests.world import PASSWORD


def save(ref: str, org: str, direction: str, category: str, title: str, quantity: str,
         unit: str, **more: str) -> Stream:  # fmt: skip
    check_save_stream({"ref": ref, "organisation_ref": org, "direction": direction,
                       "category": category, "title": title, "quantity": quantity,
                       "unit": unit, "visibility": "public", **more},
                      acting_user=None)  # fmt: skip
    return Stream.objects.get(ref=ref)


@pytest.fixture
def bread(world):
    save("S-BREAD", "ORG-FJORD", "offer", "material", "Overskuddsbrød fra bakeriet", "30", "t")
    return world


def test_a_need_for_boiler_fuel_takes_the_energy_path(bread):
    offer = Stream.objects.get(ref="S-BREAD")
    fuel = save("N-FUEL", "ORG-OUT", "need", "material", "Brensel til dampkjelen", "500", "t")
    feed = save("N-FEED", "ORG-OUT", "need", "material", "Fôrkorn til grisene", "500", "t")
    burnt = assess_pair(offer, fuel).result
    fed = assess_pair(offer, feed).result
    assert burnt.energy_recovery and any("heat delivered" in li.label_template
                                         for li in burnt.lines)  # fmt: skip
    assert not fed.energy_recovery
    assert any("no longer buys" in li.label_template for li in fed.lines)
    # a gas need for peak-boiler fuel: a material offered to it can only be burnt
    peak = save("N-PEAK", "ORG-OUT", "need", "gas", "Biogas eller bioolje til spisslast",
                "500000", "Nm3", description="Fornybart brensel til spisslastkjeler.")  # fmt: skip
    assert assess_pair(offer, peak).result.energy_recovery


def test_a_heat_need_takes_the_energy_path_and_caps_the_heat(bread):
    offer = Stream.objects.get(ref="S-BREAD")
    steam = save("N-STEAM", "ORG-OUT", "need", "heat", "Damp til tørking", "20", "MWh")
    result = assess_pair(offer, steam).result
    assert result.energy_recovery
    heat = [li.value for li in result.lines if li.label_template.startswith("heat delivered")]
    assert heat == [pytest.approx(20.0)]  # 30 t of bread give about 69 MWh: 20 are needed
    assert any(n.code == "energy_need_cap" for n in result.notes)


def test_a_hidden_description_does_not_decide_the_path_for_those_who_may_not_see_it(bread):
    offer = Stream.objects.get(ref="S-BREAD")
    save("N-RAW", "ORG-OUT", "need", "material", "Råstoff", "500", "t",
         description="Brensel til dampkjelen")  # fmt: skip
    Stream.objects.filter(ref="N-RAW").update(sensitive_fields=["description"])
    need = Stream.objects.get(ref="N-RAW")
    # the need's own organisation (ORG-OUT) reads its description, the offer's owner may not
    theirs = assess_pair(offer, need, viewer=bread.role("outsider")).result
    other = assess_pair(offer, need, viewer=bread.role("owner")).result
    assert theirs.energy_recovery and not other.energy_recovery
    assert assess_pair(offer, need).result.energy_recovery  # the platform sees everything


def test_the_water_share_an_owner_states_is_read_where_the_viewer_may_see_it(world):
    save("S-BARK", "ORG-FJORD", "offer", "material", "Bark fra sagbruket", "2000", "t",
         composition="Fuktighet ca. 55 %")  # fmt: skip
    need = save("N-HEAT", "ORG-OUT", "need", "heat", "Damp til tørking", "90000", "MWh")
    offer = Stream.objects.get(ref="S-BARK")
    seen = assess_pair(offer, need).result
    assert seen.inputs.moisture == 0.55
    assert [li.params.get("water") for li in seen.lines][0] == 0.55
    hidden = assess_pair(offer, need, hidden={"offer.composition"}).result
    assert hidden.inputs.moisture is None
    assert [li.params.get("water") for li in hidden.lines][0] == 0.45  # the class's typical


def test_the_fuel_a_need_says_it_burns_today_is_what_the_fuel_replaces(bread):
    offer = Stream.objects.get(ref="S-BREAD")
    gas = save("N-GAS", "ORG-OUT", "need", "heat", "Damp til tørking og oljeutvinning", "60000",
               "MWh", description="Dampbehov; i dag gassfyrt kjel.")  # fmt: skip
    plain = save("N-PLAIN", "ORG-OUT", "need", "heat", "Damp til tørking", "60000", "MWh")
    on_gas = assess_pair(offer, gas).result
    assert on_gas.counterfactual["receiver"] == "natural_gas"
    assert assess_pair(offer, plain).result.counterfactual["receiver"] == "wood_chips"
    assert (
        on_gas.annual_net_benefit_nok.central
        > assess_pair(offer, plain).result.annual_net_benefit_nok.central
    )
    Stream.objects.filter(ref="N-GAS").update(sensitive_fields=["description"])
    gas.refresh_from_db()
    hidden = assess_pair(offer, gas, viewer=bread.role("owner")).result
    assert hidden.counterfactual["receiver"] == "wood_chips"  # its words are not the viewer's


def test_the_pages_heat_replaces_choice_is_the_fuel_a_fuel_replaces(bread):
    offer = Stream.objects.get(ref="S-BREAD")
    need = save("N-PLAIN", "ORG-OUT", "need", "heat", "Damp til tørking", "60000", "MWh")
    chosen = assess_pair(offer, need, heat_replaced_fuel="natural_gas").result
    assert chosen.counterfactual["receiver"] == "natural_gas"


def test_a_cement_kiln_asking_for_alternative_fuel_replaces_its_coke(bread):
    offer = Stream.objects.get(ref="S-BREAD")
    kiln = save("N-KILN", "ORG-OUT", "need", "material", "Alternative fuels for the cement kiln",
                "20000", "t")  # fmt: skip
    result = assess_pair(offer, kiln).result
    assert result.energy_recovery and result.counterfactual["receiver"] == "petroleum_coke"


def test_the_page_names_the_fuel_a_fuel_replaces_by_default(bread):
    save("N-DH", "ORG-OUT", "need", "heat", "Biobrensel til fjernvarmeanlegget", "5000", "MWh")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="owner@example.no", password=PASSWORD)
    html = client.get("/impact/S-BREAD/N-DH/").content.decode()
    assert "default (wood chips)" in html and "default (electricity)" not in html
    assert "heat delivered" in html and "USDA, FoodData Central" in html
