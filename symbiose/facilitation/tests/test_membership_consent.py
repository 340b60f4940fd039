"""Issue 11.1: an organisation joins a hub only with its consent, and hubs are created only by
those who run hubs. Until a company accepts, the hub's facilitators see it as outsiders do."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from symbiose.facilitation import access
from symbiose.facilitation.actions import check_ask_to_join_hub, check_invite_organisation
from symbiose.facilitation.models import Hub, HubMembershipRequest
from symbiose.registry.actions import check_save_stream, do_add_member

SECRET_QTY = "4242.75"


@pytest.fixture
def target(world):
    """Outsider AS with a company admin, a facilitator-only stream and a hidden quantity."""
    world.outsider_admin = world.outsider
    do_add_member(world.outsider_org, world.outsider, acting_user=None, role="admin")
    for ref, visibility, sensitive in (
        ("S-OUT-SECRET", "facilitator", ""),
        ("S-OUT-QTY", "public", "quantity"),
    ):
        check_save_stream(
            {"ref": ref, "organisation_ref": "ORG-OUT", "direction": "offer",
             "category": "material", "title": f"Outsider stream {ref}", "quantity": SECRET_QTY,
             "unit": "t", "period": "year", "visibility": visibility,
             "sensitive_fields": sensitive},
            acting_user=None,
        )  # fmt: skip
    return world


def facilitator_view(client, user) -> tuple[int, str]:
    client.force_login(user)
    hidden = client.get("/api/registry/streams/S-OUT-SECRET")
    shown = client.get("/api/registry/streams/S-OUT-QTY").content.decode()
    return hidden.status_code, shown


def test_an_invitation_alone_gives_the_facilitator_nothing_until_the_company_accepts(
    client, target
):
    client.force_login(target.facilitator)
    client.post(reverse("facilitation:hub-members", args=["testpark"]), {"ref": "ORG-OUT"})
    req = HubMembershipRequest.objects.get(organisation=target.outsider_org)
    assert req.status == "pending" and req.initiated_by == "hub"
    status, shown = facilitator_view(client, target.facilitator)
    assert status == 404 and SECRET_QTY not in shown and json.loads(shown)["quantity"] is None

    client.force_login(target.outsider_admin)
    page = client.get(reverse("facilitation:hubs"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Testpark invites Outsider AS to join" in page
    client.post(reverse("facilitation:membership-decide", args=[req.pk]), {"accept": "1"})
    assert target.outsider_org in target.hub.members.all()
    status, shown = facilitator_view(client, target.facilitator)
    assert status == 200 and json.loads(shown)["quantity"] == float(SECRET_QTY)


@pytest.mark.parametrize("role", ["facilitator", "admin", "system_facilitator", "owner"])
def test_only_the_organisations_company_admin_may_accept_an_invitation(client, target, role):
    req = check_invite_organisation(target.hub, target.outsider_org, acting_user=target.facilitator)
    client.force_login(target.role(role))
    url = reverse("facilitation:membership-decide", args=[req.pk])
    assert client.post(url, {"accept": "1"}).status_code == 404
    assert target.outsider_org not in target.hub.members.all()


def test_a_declined_invitation_leaves_the_company_outside(client, target):
    req = check_invite_organisation(target.hub, target.outsider_org, acting_user=target.facilitator)
    client.force_login(target.outsider_admin)
    client.post(reverse("facilitation:membership-decide", args=[req.pk]), {"accept": "0"})
    req.refresh_from_db()
    assert req.status == "declined" and target.outsider_org not in target.hub.members.all()


def test_a_company_asks_to_join_and_a_hub_facilitator_accepts(client, target):
    client.force_login(target.outsider_admin)
    client.post(
        reverse("facilitation:membership-ask"),
        {"organisation": target.outsider_org.pk, "hub": target.hub.pk, "message": "Hei"},
    )
    req = HubMembershipRequest.objects.get(organisation=target.outsider_org)
    assert req.initiated_by == "organisation" and req.status == "pending"
    # The company cannot accept its own request.
    url = reverse("facilitation:membership-decide", args=[req.pk])
    assert client.post(url, {"accept": "1"}).status_code == 404
    client.force_login(target.other_facilitator)  # not this hub's facilitator
    assert client.post(url, {"accept": "1"}).status_code == 404
    client.force_login(target.facilitator)
    page = client.get(
        reverse("facilitation:hub", args=["testpark"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "asks to join" in page and "Hei" in page
    client.post(url, {"accept": "1"})
    assert target.outsider_org in target.hub.members.all()


def test_a_plain_member_cannot_ask_for_the_organisation(client, target):
    client.force_login(target.colleague)  # member, not company admin, of Fjordmetall
    response = client.post(
        reverse("facilitation:membership-ask"),
        {"organisation": target.org.pk, "hub": target.other_hub.pk},
    )
    assert response.status_code == 403
    assert not HubMembershipRequest.objects.filter(organisation=target.org).exists()


def test_inviting_twice_or_a_member_is_refused_with_a_reason(target):
    check_invite_organisation(target.hub, target.outsider_org, acting_user=target.facilitator)
    with pytest.raises(ValueError, match="already waiting for an answer"):
        check_invite_organisation(target.hub, target.outsider_org, acting_user=None)
    with pytest.raises(ValueError, match="Fjordmetall AS is already a member of Testpark"):
        check_ask_to_join_hub(target.hub, target.org, acting_user=target.owner)


def test_an_organisation_hiding_its_identity_cannot_be_invited_and_looks_missing(
    client, hidden_world
):
    client.force_login(hidden_world.facilitator)
    url = reverse("facilitation:hub-members", args=["testpark"])
    page, missing = (
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", client.post(
            url, {"ref": ref}, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        for ref in ("ORG-QZX-4471", "ORG-QZX-4472")
    )  # fmt: skip
    assert "No organisation has the reference “ORG-QZX-4471”" in page
    assert page.replace("4471", "4472") == missing.replace("4471", "4472")
    assert not HubMembershipRequest.objects.filter(organisation__ref="ORG-QZX-4471").exists()


def test_a_company_admin_takes_the_organisation_out_of_a_hub(client, world):
    client.force_login(world.owner)
    client.post(reverse("facilitation:membership-leave", args=["testpark"]), {"ref": "ORG-FJORD"})
    assert world.org not in world.hub.members.all()
    assert not access.registry_access.can_see_stream(world.facilitator, world.hidden_stream)


def test_a_colleague_who_is_not_company_admin_cannot_leave_for_the_organisation(client, world):
    client.force_login(world.colleague)
    url = reverse("facilitation:membership-leave", args=["testpark"])
    assert client.post(url, {"ref": "ORG-FJORD"}).status_code == 404
    assert world.org in world.hub.members.all()


@pytest.mark.parametrize(
    "role,allowed",
    [("system_facilitator", False), ("facilitator", True), ("admin", True), ("owner", False),
     ("outsider", False)],
)  # fmt: skip
def test_hubs_are_created_by_admins_and_hub_facilitators_only(client, world, role, allowed):
    client.force_login(world.role(role))
    data = {"slug": "ny", "name": "Ny", "kind": "park"}
    response = client.post(reverse("facilitation:hub-create"), data)
    assert Hub.objects.filter(slug="ny").exists() is allowed
    assert (response.status_code == 403) is not allowed


def test_a_member_company_sees_only_the_hub_members_it_may_see(client, hidden_world):
    from symbiose.facilitation.actions import do_add_hub_members

    do_add_hub_members(hidden_world.hub, [hidden_world.hidden_org], acting_user=None)
    client.force_login(hidden_world.owner)
    page = client.get(reverse("facilitation:hub", args=["testpark"])).content.decode()
    assert "Fjordmetall AS" in page and "Nordvik Hemmelig Kvartsverk AS" not in page
