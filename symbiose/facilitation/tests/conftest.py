"""Facilitation fixtures: the shared world plus a second Testpark member with needs, and matches."""

from __future__ import annotations

import pytest

from symbiose.facilitation.actions import do_add_hub_members
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_archive_stream,
    do_disclose,
)
from tests.world import add_hidden_organisation


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


def add_stream(ref, org_ref, direction, title, **extra):
    data = {"ref": ref, "organisation_ref": org_ref, "direction": direction,
            "category": "material", "title": title, "ewc_code": "10 02 02", "quantity": "500",
            "unit": "t", "period": "year", "visibility": "public", **extra}  # fmt: skip
    return check_save_stream(data, acting_user=None)[0]


@pytest.fixture
def crowded(world):
    """The world with the hidden organisation in both hubs, and slag offered and sought by
    organisations in one, two or no hubs, with every visibility, an archived stream and a
    disclosure, then matched."""
    add_hidden_organisation(world)
    do_add_hub_members(world.hub, [world.hidden_org], acting_user=None)  # now in two hubs
    both, _ = check_save_organisation(
        {"ref": "ORG-BOTH", "name": "Tohus AS", "municipality": "Arendal", "lat": "58.46",
         "lon": "8.77"}, acting_user=None)  # fmt: skip
    do_add_hub_members(world.hub, [both], acting_user=None)
    do_add_hub_members(world.other_hub, [both], acting_user=None)
    add_stream("S-BOTH-NEED", "ORG-BOTH", "need", "Manganese slag for remelting")
    add_stream("S-BOTH-OFFER", "ORG-BOTH", "offer", "Slag from the furnace",
            visibility="members", sensitive_fields="quantity;location")  # fmt: skip
    add_stream("S-FJORD-NEED", "ORG-FJORD", "need", "Slag for road building")
    add_stream("S-OUT-NEED", "ORG-OUT", "need", "Ferromanganese slag wanted", visibility="members")
    secret = add_stream("S-OUT-SECRET", "ORG-OUT", "offer", "Slag, facilitators only",
                     visibility="facilitator", sensitive_fields="description")  # fmt: skip
    do_disclose(secret, world.org, ["description"], acting_user=None)
    gone = add_stream("S-OUT-GONE", "ORG-OUT", "need", "Slag once wanted")
    do_recompute_all()
    do_archive_stream(gone, acting_user=None)
    return world
