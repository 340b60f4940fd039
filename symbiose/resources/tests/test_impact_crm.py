"""Recovered CRM in impact: counted from an analysis only when the viewer may see it."""

from __future__ import annotations

import pytest

from symbiose.impact.adapter import assess_pair
from symbiose.registry.actions import check_save_stream
from symbiose.resources.actions import check_set_composition


@pytest.fixture
def pair(world):
    offer, _ = check_save_stream(
        {"ref": "S-FJORD-MNDUST", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Manganese dust", "ewc_code": "10 02 08",
         "quantity": "2000", "unit": "t", "visibility": "public", "crm": "manganese"},
        acting_user=world.owner,
    )  # fmt: skip
    check_set_composition(offer, [{"substance": "MnO", "content": "20", "unit": "%"}],
                          acting_user=world.owner)  # fmt: skip
    need, _ = check_save_stream(
        {"ref": "S-OUT-MN", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Manganese units for remelting",
         "ewc_code": "10 02 08", "quantity": "2000", "unit": "t", "visibility": "public"},
        acting_user=world.outsider,
    )  # fmt: skip
    return world, offer, need


def test_an_insider_gets_recovered_manganese_from_the_analysis(pair):
    world, offer, need = pair
    result = assess_pair(offer, need, viewer=world.owner).result
    mn = result.resources["crm_recovered_t"]["manganese"]
    assert mn == pytest.approx(2000 * 0.20 * 54.938 / (54.938 + 15.999), rel=1e-3)


def test_an_outsider_gets_no_figure_from_a_hidden_analysis(pair):
    world, offer, need = pair
    result = assess_pair(offer, need, viewer=world.outsider).result
    assert "manganese" not in (result.resources.get("crm_recovered_t") or {})
