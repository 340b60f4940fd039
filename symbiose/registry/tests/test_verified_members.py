"""Issue 11.12: "members" streams are for verified organisations only: a self-registered
account with an organisation of its own sees no more than an anonymous visitor."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.facilitation.actions import check_invite_organisation, do_decide_hub_membership
from symbiose.registry import access
from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_add_member,
    do_create_user,
    verification_problem,
)
from tests.world import ROLES


@pytest.fixture
def members_stream(world):
    stream, _ = check_save_stream(
        {"ref": "S-FJORD-MEMBERS", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Members-only ladle skulls", "visibility": "members"},
        acting_user=None,
    )  # fmt: skip
    return stream


#: Roles that see a "members" stream of Fjordmetall: verified organisations (Fjordmetall is
#: in Testpark, Outsider AS was approved by an admin), facilitators and admins.
SEE_MEMBERS = {"owner", "colleague", "outsider", "facilitator", "other_facilitator",
               "system_facilitator", "admin"}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_members_streams_reach_only_verified_organisations(client, world, members_stream, role):
    user = world.role(role)
    assert access.can_see_stream(user, members_stream) == (role in SEE_MEMBERS)
    if role != "anonymous":
        client.force_login(user)
    status = client.get("/api/registry/streams/S-FJORD-MEMBERS").status_code
    assert status == (200 if role in SEE_MEMBERS else 404)
    listing = client.get("/api/registry/streams?limit=500").content.decode()
    assert ("Members-only ladle skulls" in listing) == (role in SEE_MEMBERS)


def test_accepting_an_invitation_verifies_the_organisation(world, members_stream):
    req = world.hub.membership_requests.get(organisation=world.pending_org)
    assert not access.can_see_stream(world.pending_member, members_stream)
    do_decide_hub_membership(req, accept=True, acting_user=world.pending_member)
    world.pending_org.refresh_from_db()
    assert world.pending_org.is_verified
    assert access.can_see_stream(world.pending_member, members_stream)


def test_an_organisation_without_a_valid_number_is_not_verified_by_joining(world, members_stream):
    user = do_create_user("nonumber@example.no", "x-Pass-2026!", acting_user=None)
    org, _ = check_save_organisation({"ref": "ORG-NONUM", "name": "Utennummer AS"},
                                     acting_user=None)  # fmt: skip
    do_add_member(org, user, acting_user=None, role="admin")
    req = check_invite_organisation(world.hub, org, acting_user=world.facilitator)
    do_decide_hub_membership(req, accept=True, acting_user=user)
    org.refresh_from_db()
    assert world.hub.members.filter(pk=org.pk).exists() and not org.is_verified
    assert not access.can_see_stream(user, members_stream)
    with translation.override("en"):
        problem = verification_problem(org)
        text = translation.gettext(problem.template).format(**problem.params)
        assert "Utennummer AS has no organisation number" in text


def test_the_stream_form_says_who_members_are(client, world):
    client.force_login(world.owner)
    url = "/organisations/ORG-FJORD/streams/new/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Only people in verified organisations see the stream" in page
    assert "members: signed-in users of verified organisations" in page


def test_a_hub_facilitator_verifies_a_member_once_its_number_checks_out(client, world):
    from symbiose.facilitation.actions import do_add_hub_members
    from symbiose.registry.models import Organisation

    org, _ = check_save_organisation({"ref": "ORG-LATE", "name": "Sent AS"}, acting_user=None)
    do_add_hub_members(world.hub, [org], acting_user=None)
    url = "/hub/testpark/verify/"
    client.force_login(world.system_facilitator)  # reads the hub, does not change it
    assert client.post(url, {"ref": "ORG-LATE"}).status_code == 403
    client.force_login(world.facilitator)
    page = client.post(url, {"ref": "ORG-LATE"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Sent AS has no organisation number" in page.content.decode()
    Organisation.objects.filter(pk=org.pk).update(org_number="934567897")
    client.post(url, {"ref": "ORG-LATE"})
    assert Organisation.objects.get(pk=org.pk).is_verified
    assert client.post(url, {"ref": "ORG-OUT"}).status_code == 404  # not a member
