"""Sign-up, sign-in throttling, password reset and invitations."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.workers import drain
from tests.world import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.django_db
def test_sign_up_creates_an_account_and_leads_to_organisation_registration(client):
    r = client.post(
        "/accounts/signup/",
        {"email": "Ny@Bedrift.no", "password": "grønn-symbiose-2026", "name": "Kari"},
        **EN,
    )
    assert r.status_code == 302 and r["Location"] == "/organisations/new/"
    user = get_user_model().objects.get(username="ny@bedrift.no")
    assert user.check_password("grønn-symbiose-2026")
    assert client.get("/organisations/new/").status_code == 200


@pytest.mark.django_db
def test_sign_up_with_a_weak_password_says_what_is_wrong_with_it(client):
    r = client.post("/accounts/signup/", {"email": "a@b.no", "password": "12345678"}, **EN)
    assert r.status_code == 200
    assert "password is too common" in r.content.decode()


def test_sign_up_refuses_an_email_that_already_has_an_account(client, world):
    r = client.post("/accounts/signup/", {"email": "owner@example.no", "password": "x" * 12}, **EN)
    assert "already exists" in r.content.decode()


def test_sign_in_with_the_right_password_works(client, world):
    from django.core.cache import cache

    cache.clear()
    r = client.post("/accounts/login/", {"username": "owner@example.no", "password": PASSWORD})
    assert r.status_code == 302


def test_password_reset_sends_a_link_by_email(client, world):
    r = client.post("/accounts/password-reset/", {"email": "owner@example.no"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_company_admin_invites_a_colleague_who_gets_an_email(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/organisations/ORG-FJORD/", {"email": "ny.kollega@example.no"})
    assert r.status_code == 302
    assert world.org.members.filter(username="ny.kollega@example.no").exists()
    drain()  # a task worker sends the queued mail
    assert mail.outbox and "Fjordmetall AS" in mail.outbox[0].subject


def test_plain_member_cannot_invite(client, world):
    client.force_login(world.colleague)
    r = client.post("/organisations/ORG-FJORD/", {"email": "x@example.no"})
    assert r.status_code == 404


def test_someone_elses_organisation_page_is_its_profile_without_members(client, world):
    client.force_login(world.outsider)
    page = client.get("/organisations/ORG-FJORD/").content.decode()
    assert "Fjordmetall AS" in page and "Surplus heat from furnace cooling" in page
    assert "owner@example.no" not in page and "Filter dust" not in page
    assert client.post("/organisations/ORG-FJORD/", {"email": "x@example.no"}).status_code == 404


def test_an_organisation_one_may_not_see_looks_missing(client, world):
    from symbiose.registry.actions import check_save_organisation

    check_save_organisation({"ref": "ORG-QUIET", "name": "Quiet AS"}, acting_user=None)
    client.force_login(world.outsider)
    assert client.get("/organisations/ORG-QUIET/").status_code == 404
