"""The owner's stated current practice changes the value, and stays private with the price."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.impact.adapter import assess_pair
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream


@pytest.fixture
def bark(world):
    check_save_stream({
        "ref": "S-BARK", "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "material", "title": "Bark from the sawmill", "quantity": "2000",
        "unit": "t", "visibility": "public",
    }, acting_user=None)  # fmt: skip
    check_save_stream({
        "ref": "S-CHIPS", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Wood chips for our boiler", "quantity": "3000",
        "unit": "t", "visibility": "public",
    }, acting_user=None)  # fmt: skip
    return world


def test_bark_is_taken_as_sold_and_landfill_only_when_the_owner_says_so(bark):
    offer, need = Stream.objects.get(ref="S-BARK"), Stream.objects.get(ref="S-CHIPS")
    default = assess_pair(offer, need).result
    assert default.counterfactual["route"] == "sold"
    Stream.objects.filter(ref="S-BARK").update(current_practice="landfill")
    offer.refresh_from_db()
    stated = assess_pair(offer, need).result
    assert stated.counterfactual["route"] == "landfill"
    assert stated.annual_net_benefit_nok.central > default.annual_net_benefit_nok.central


def test_a_viewer_who_may_not_see_the_price_gets_the_default_practice(bark):
    Stream.objects.filter(ref="S-BARK").update(current_practice="landfill",
                                               sensitive_fields=["price"])  # fmt: skip
    offer, need = Stream.objects.get(ref="S-BARK"), Stream.objects.get(ref="S-CHIPS")
    outsider = assess_pair(offer, need, viewer=bark.role("outsider")).result
    owner = assess_pair(offer, need, viewer=bark.role("owner")).result
    assert outsider.counterfactual["route"] == "sold"
    assert owner.counterfactual["route"] == "landfill"


def test_the_pair_page_counts_critical_raw_materials_only_when_composition_is_visible(bark):
    check_save_stream({
        "ref": "S-SIMN", "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "material", "title": "SiMn slag", "quantity": "1000", "unit": "t",
        "visibility": "public", "crm": "manganese", "composition": "MnO 8 %",
    }, acting_user=None)  # fmt: skip
    offer, need = Stream.objects.get(ref="S-SIMN"), Stream.objects.get(ref="S-CHIPS")
    with translation.override("en"):
        data = assess_pair(offer, need, viewer=bark.role("outsider")).to_dict()
    assert data["resources"]["crm_recovered_t"]["manganese"] == pytest.approx(62.0, abs=0.1)
    assert any("Manganese" in line for line in data["resource_lines"])
    Stream.objects.filter(ref="S-SIMN").update(sensitive_fields=["composition"])
    offer.refresh_from_db()
    hidden = assess_pair(offer, need, viewer=bark.role("outsider")).to_dict()
    assert hidden["resources"]["crm_recovered_t"] == {}
    assert not any("anganese" in line for line in hidden["resource_lines"])


def test_a_pair_that_loses_money_is_listed_apart_from_the_proposals(bark):
    from django.test import Client

    from symbiose.matching.actions import do_recompute_all
    from tests.world import PASSWORD

    do_recompute_all()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="outsider@example.no", password=PASSWORD)
    html = client.get("/streams/S-CHIPS/matches/").content.decode()
    proposals, _, apart = html.partition('class="card not-worth"')
    assert "Bark from the sawmill" not in proposals
    assert "Bark from the sawmill" in apart and "already sold as fuel or product" in apart


def test_a_receiver_whose_class_replaces_no_product_buys_nothing_today(bark):
    check_save_stream({
        "ref": "S-ACIDNEED", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Waste acid for neutralisation", "quantity": "5000",
        "unit": "t", "visibility": "public",
    }, acting_user=None)  # fmt: skip
    check_save_stream({
        "ref": "S-ACID", "organisation_ref": "ORG-FJORD", "direction": "offer",
        "category": "material", "title": "Spent sulphuric acid", "quantity": "5000",
        "unit": "t", "visibility": "public", "price_nok_per_unit": "-400",
    }, acting_user=None)  # fmt: skip
    offer, need = Stream.objects.get(ref="S-ACID"), Stream.objects.get(ref="S-ACIDNEED")
    result = assess_pair(offer, need).result
    assert result.counterfactual["receiver"] == "none"
    assert result.resources["virgin_material_saved_t"] == 0
    assert result.counterfactual["reasoning"] == ""  # the class's default route is not used
