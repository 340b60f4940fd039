"""Sign-up, sign-in throttling, password reset and invitations."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.workers import drain
from tests.world import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def sign_up(client, email, capture, name="Kari"):
    """Post the sign-up form and deliver the e-mail it queues; return (response, mails)."""
    before = len(mail.outbox)
    with capture(execute=True):
        r = client.post("/accounts/signup/", {"email": email, "name": name}, **EN)
    drain()  # a task worker sends the queued mail
    return r, mail.outbox[before:]


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/signup/\S+/)", message.body).group(1)


@pytest.mark.django_db
def test_sign_up_sends_a_link_to_choose_the_password_then_leads_to_the_organisation(
    client, django_capture_on_commit_callbacks
):
    r, sent = sign_up(client, "Ny@Bedrift.no", django_capture_on_commit_callbacks)
    assert r.status_code == 302 and r["Location"] == "/accounts/signup/sent/"
    assert not get_user_model().objects.filter(username="ny@bedrift.no").exists()
    assert [m.to for m in sent] == [["ny@bedrift.no"]]
    link = link_in(sent[0])
    weak = client.post(link, {"password": "12345678"}, **EN)
    assert weak.status_code == 200 and "password is too common" in weak.content.decode()
    r = client.post(link, {"password": "grønn-symbiose-2026"}, **EN)
    assert r.status_code == 302 and r["Location"] == "/organisations/new/"
    user = get_user_model().objects.get(username="ny@bedrift.no")
    assert user.check_password("grønn-symbiose-2026") and user.first_name == "Kari"
    assert client.get("/organisations/new/").status_code == 200
    assert client.get(link, **EN)["Location"] == "/accounts/login/"  # a link works once


def test_sign_up_does_not_reveal_whether_an_email_has_an_account(
    client, world, django_capture_on_commit_callbacks
):
    pages = []
    for email in ("owner@example.no", "nobody@example.no"):
        r, sent = sign_up(client, email, django_capture_on_commit_callbacks)
        assert r.status_code == 302 and r["Location"] == "/accounts/signup/sent/"
        page = client.get("/accounts/signup/sent/", **EN).content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", page)  # masked per page
        pages.append(page.replace(email, "EMAIL"))
        assert len(sent) == 1
    assert pages[0] == pages[1]
    assert "already has one" in mail.outbox[-2].body and "/accounts/signup/" not in (
        mail.outbox[-2].body
    )
    assert get_user_model().objects.get(username="owner@example.no").check_password(PASSWORD)


@pytest.mark.django_db
def test_a_forged_sign_up_link_does_nothing(client):
    r = client.get("/accounts/signup/eyJlbWFpbCI6ImFAYi5ubyJ9:forged:sig/", **EN)
    assert r.status_code == 400 and "This link does not work" in r.content.decode()
    r = client.post("/accounts/signup/eyJlbWFpbCI6ImFAYi5ubyJ9:forged:sig/",
                    {"password": "grønn-symbiose-2026"})  # fmt: skip
    assert r.status_code == 400 and not get_user_model().objects.exists()


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
