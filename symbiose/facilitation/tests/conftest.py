"""Facilitation fixtures: the shared world plus a second Testpark member with needs, and matches."""

from __future__ import annotations

import pytest

from symbiose.facilitation.actions import do_add_hub_members
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_organisation, check_save_stream


@pytest.fixture
def hubworld(world):
    """``world`` with Varmeverket AS in Testpark needing heat and slag, and matches computed."""
    org, _ = check_save_organisation(
        {
            "ref": "ORG-VARME",
            "name": "Varmeverket AS",
            "municipality": "Kristiansand",
            "lat": "58.15",
            "lon": "8.0",
        },  # fmt: skip
        acting_user=None,
    )
    do_add_hub_members(world.hub, [org], acting_user=None)
    for ref, category, title, extra in (
        ("S-VARME-HEAT", "heat", "Heat for district heating", {"temperature_c": "70"}),
        ("S-VARME-SLAG", "material", "Slag for road building", {"ewc_code": "10 02 02"}),
    ):
        check_save_stream(
            {"ref": ref, "organisation_ref": "ORG-VARME", "direction": "need",
             "category": category, "title": title, "quantity": "10", "unit": "GWh"
             if category == "heat" else "t", "period": "year", "visibility": "public", **extra},
            acting_user=None,
        )  # fmt: skip
    do_recompute_all()
    world.varme = org
    return world


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def english():
    """Messages checked in these tests are the English ones unless a test says otherwise."""
    from django.utils import translation

    with translation.override("en"):
        yield
