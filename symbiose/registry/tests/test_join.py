"""Joining an organisation by request: find it, ask, its company admins approve or decline."""

from __future__ import annotations

import pytest
from django.core import mail

from symbiose.registry.actions import do_create_user
from symbiose.registry.joins.actions import JoinRefused, check_request_to_join, do_decide_join
from symbiose.registry.models import AuditEvent, JoinRequest
from tests.workers import drain

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def newcomer(world):
    return do_create_user("ny@fjordmetall.example.no", "Symbiose-test-2026!", acting_user=None)


def test_a_signed_in_user_finds_an_organisation_by_name_or_number(client, world, newcomer):
    client.force_login(newcomer)
    assert "Fjordmetall AS" in client.get("/organisations/find/?q=fjordmet").content.decode()
    assert "Fjordmetall AS" in client.get("/organisations/find/?q=923 609 016").content.decode()
    assert "Fjordmetall AS" not in client.get("/organisations/find/?q=nothing").content.decode()


def test_finding_needs_signing_in(client, world):
    assert client.get("/organisations/find/?q=fjord").status_code == 302


def test_asking_to_join_mails_the_company_admins_and_is_audited(
    client, world, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/organisations/ORG-FJORD/join/", {"message": "I run furnace 2."})
    assert r.status_code == 302
    req = JoinRequest.objects.get()
    assert (req.user, req.status, req.message) == (newcomer, "pending", "I run furnace 2.")
    drain()  # a task worker sends the queued mail
    assert mail.outbox[0].to == ["owner@example.no"]  # the admin, not the plain member
    assert "ny@fjordmetall.example.no" in mail.outbox[0].body
    assert AuditEvent.objects.filter(verb="join-requested", object_ref="ORG-FJORD").exists()
    page = client.get("/organisations/ORG-FJORD/", **EN).content.decode()
    assert "waiting for an answer" in page


def test_only_one_pending_request_per_user_and_organisation(world, newcomer):
    check_request_to_join(world.org, "", acting_user=newcomer)
    with pytest.raises(JoinRefused, match="already asked to join"):
        check_request_to_join(world.org, "again", acting_user=newcomer)
    assert JoinRequest.objects.count() == 1


def test_members_cannot_ask_to_join_their_own_organisation(world):
    with pytest.raises(JoinRefused, match="already a member"):
        check_request_to_join(world.org, "", acting_user=world.colleague)


def test_a_declined_request_may_not_be_repeated_at_once(world, newcomer):
    req = check_request_to_join(world.org, "", acting_user=newcomer)
    do_decide_join(req, approve=False, acting_user=world.owner)
    with pytest.raises(JoinRefused, match="declined recently"):
        check_request_to_join(world.org, "", acting_user=newcomer)


def test_a_user_waits_for_at_most_five_organisations(world, newcomer):
    from symbiose.registry.actions import check_save_organisation
    from symbiose.registry.joins.actions import MAX_PENDING_JOINS

    for n in range(MAX_PENDING_JOINS):
        org, _ = check_save_organisation({"ref": f"ORG-N{n}", "name": f"N{n}"}, acting_user=None)
        check_request_to_join(org, "", acting_user=newcomer)
    with pytest.raises(JoinRefused, match="waiting for answers from 5 organisations"):
        check_request_to_join(world.org, "", acting_user=newcomer)


def test_the_admin_sees_pending_requests_and_approves(
    client, world, newcomer, django_capture_on_commit_callbacks
):
    req = check_request_to_join(world.org, "I run furnace 2.", acting_user=newcomer)
    client.force_login(world.owner)
    page = client.get("/organisations/ORG-FJORD/", **EN).content.decode()
    assert "Requests to join" in page and "I run furnace 2." in page
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"/organisations/ORG-FJORD/join/{req.pk}/", {"decision": "approve"})
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.status == "approved" and req.decided_by == world.owner
    assert world.org.members.filter(pk=newcomer.pk).exists()
    drain()
    assert mail.outbox[-1].to == [newcomer.email] and "approved" in mail.outbox[-1].body
    assert AuditEvent.objects.filter(verb="join-approved").exists()
    client.force_login(newcomer)
    assert "ORG-FJORD" in client.get("/streams/").content.decode()


def test_the_admin_declines_and_the_requester_sees_it(client, world, newcomer):
    req = check_request_to_join(world.org, "", acting_user=newcomer)
    client.force_login(world.owner)
    client.post(f"/organisations/ORG-FJORD/join/{req.pk}/", {"decision": "decline"})
    assert not world.org.members.filter(pk=newcomer.pk).exists()
    client.force_login(newcomer)
    page = client.get("/organisations/find/", **EN).content.decode()
    assert "Fjordmetall AS" in page and "declined" in page


@pytest.mark.parametrize(
    "role,status",
    [("owner", 302), ("colleague", 404), ("outsider", 404), ("facilitator", 404),
     ("system_facilitator", 404), ("other_facilitator", 404), ("admin", 404),
     ("anonymous", 302)],
)  # fmt: skip
def test_only_that_organisations_company_admins_decide(client, world, newcomer, role, status):
    req = check_request_to_join(world.org, "", acting_user=newcomer)
    if role != "anonymous":
        client.force_login(world.role(role))
    r = client.post(f"/organisations/ORG-FJORD/join/{req.pk}/", {"decision": "approve"})
    assert r.status_code == status
    req.refresh_from_db()
    assert req.status == ("approved" if role == "owner" else "pending")


def test_an_admin_of_another_organisation_cannot_decide_by_guessing_the_number(client, world):
    from symbiose.registry.actions import do_add_member

    newcomer = do_create_user("x@example.no", None, acting_user=None)
    req = check_request_to_join(world.org, "", acting_user=newcomer)
    do_add_member(world.outsider_org, world.outsider, acting_user=None, role="admin")
    client.force_login(world.outsider)
    assert client.post(f"/organisations/ORG-OUT/join/{req.pk}/",
                       {"decision": "approve"}).status_code == 404  # fmt: skip
    assert client.post(f"/organisations/ORG-FJORD/join/{req.pk}/",
                       {"decision": "approve"}).status_code == 404  # fmt: skip
    req.refresh_from_db()
    assert req.status == "pending"


def test_an_identity_hidden_organisation_cannot_be_found_or_joined(client, hidden_world, newcomer):
    client.force_login(newcomer)
    for q in ("Nordvik", "987654309"):
        page = client.get(f"/organisations/find/?q={q}").content.decode()
        assert "Nordvik Hemmelig Kvartsverk" not in page and "ORG-QZX-4471" not in page
    assert client.get("/organisations/ORG-QZX-4471/").status_code == 404
    assert client.post("/organisations/ORG-QZX-4471/join/", {"message": "hi"}).status_code == 404
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize(
    ("lang", "message", "said"),
    [
        ("en", "x" * 501, "has at most 500 characters (it has 501)"),
        ("nb", "x" * 501, "500 eller færre tegn (den har nå 501)"),
        ("en", "I run\x07 furnace 2.", "invisible control character (U+0007) at position 6"),
        ("nb", "I run\x07 furnace 2.", "usynlig kontrolltegn (U+0007) på plass 6"),
    ],
)
def test_a_message_that_does_not_validate_is_said_at_the_field_and_nothing_is_sent(
    client, world, newcomer, lang, message, said
):
    client.force_login(newcomer)
    client.cookies["django_language"] = lang
    r = client.post("/organisations/ORG-FJORD/join/", {"message": message})
    page = r.content.decode()
    assert r.status_code == 422
    assert said in page and 'class="errorlist' in page
    assert message[-15:] in page  # the words typed are kept, to mend and send again
    assert not JoinRequest.objects.exists()
    assert not mail.outbox
