"""Issue 11.2: workshops invite only hub members, and a match sheet shows exactly what the
company may see (and nothing a facilitator could not see)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from symbiose.facilitation.actions import do_save_workshop
from symbiose.facilitation.forms import WorkshopForm
from symbiose.facilitation.models import Workshop
from symbiose.facilitation.reports import match_sheet_data
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream, do_disclose
from tests.world import HIDDEN


def test_the_invite_list_offers_only_the_hubs_members(hubworld):
    form = WorkshopForm(hub=hubworld.hub)
    offered = set(form.fields["invited"].queryset.values_list("ref", flat=True))
    assert offered == {"ORG-FJORD", "ORG-VARME"}


def test_inviting_an_organisation_outside_the_hub_is_refused_with_a_reason(client, hubworld):
    client.force_login(hubworld.facilitator)
    response = client.post(
        reverse("facilitation:workshop-create", args=["testpark"]),
        {"title": "Spring", "date": "2026-04-02", "invited": [hubworld.outsider_org.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and not Workshop.objects.exists()
    assert "Invite only the hub&#x27;s member organisations" in response.content.decode()


@pytest.fixture
def old_workshop(hidden_world):
    """A workshop saved before the rule, inviting an organisation outside the hub (the hidden
    one, which is in the other hub): the old way of reaching its data."""
    return do_save_workshop(
        hidden_world.hub, {"title": "Old", "date": datetime.date(2026, 1, 5)},
        invited=[hidden_world.org, hidden_world.hidden_org], acting_user=None,
    )  # fmt: skip


def test_no_match_sheet_or_listing_for_an_invited_organisation_outside_the_hub(
    client, hidden_world, old_workshop
):
    client.force_login(hidden_world.facilitator)
    url = reverse("facilitation:workshop-sheet", args=["testpark", old_workshop.pk, HIDDEN["ref"]])
    assert client.get(url).status_code == 404
    page = client.get(
        reverse("facilitation:workshop", args=["testpark", old_workshop.pk])
    ).content.decode()
    assert HIDDEN["name"] not in page and "Fjordmetall AS" in page


def test_a_match_sheet_leaves_out_what_others_disclosed_to_the_company_in_private(hidden_world):
    w = hidden_world
    check_save_stream(
        {"ref": "S-FJORD-NEED", "organisation_ref": "ORG-FJORD", "direction": "need",
         "category": "material", "title": "Manganese slag wanted", "ewc_code": "10 02 02",
         "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    do_recompute_all()
    do_disclose(w.hidden_offer, w.org, ["identity"], acting_user=w.hidden_owner)
    ws = do_save_workshop(w.hub, {"title": "W", "date": datetime.date(2026, 2, 1)},
                          invited=[w.org], acting_user=None)  # fmt: skip
    sheet = match_sheet_data(ws, w.org)
    need = next(r for r in sheet["rows"] if r["stream"]["ref"] == "S-FJORD-NEED")
    partners = [m["match"].offer for m in need["matches"]]
    hidden_offer = next(p for p in partners if p["ref"] == "S-QZ-OFFER")
    assert hidden_offer["organisation_name"] != HIDDEN["name"]
    assert hidden_offer["organisation_ref"] is None
