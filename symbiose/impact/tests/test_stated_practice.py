"""The owner's stated current practice changes the value, and stays private with the price."""

from __future__ import annotations

import pytest

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
