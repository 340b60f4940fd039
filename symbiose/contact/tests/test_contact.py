"""Contact requests: anonymous until accepted, every reveal recorded, messages after."""

from __future__ import annotations

import re

import pytest

from symbiose.contact.models import ContactRequest
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import AuditEvent, Disclosure
from tests.workers import drain
from tests.world import SECRET

NEED_SECRET = "Outsider secret cement recipe 5521"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def need(world):
    stream, _ = check_save_stream(
        {
            "ref": "S-OUT-NEED",
            "organisation_ref": "ORG-OUT",
            "direction": "need",
            "category": "material",
            "title": "Slag for cement",
            "description": NEED_SECRET,
            "sensitive_fields": "description",
            "visibility": "public",
        },
        acting_user=world.outsider,
    )
    return stream


def ask(client, world, need, fields=("description",)):
    client.force_login(world.outsider)
    r = client.post(
        "/streams/S-FJORD-SLAG/contact/",
        {"own": need.ref, "fields": list(fields), "note": "We make cement."},
    )
    assert r.status_code == 302
    return ContactRequest.objects.get()


def test_a_request_reveals_nothing_and_hides_who_asks(client, world, need):
    req = ask(client, world, need)
    assert not Disclosure.objects.exists()
    client.force_login(world.owner)
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert "Slag for cement" in page and "We make cement." in page
    assert "Outsider AS" not in page and "outsider@example.no" not in page
    assert NEED_SECRET not in page
    listing = client.get("/contact/").content.decode()
    assert "Outsider AS" not in listing


def test_before_acceptance_the_requester_sees_no_secret_either(client, world, need):
    req = ask(client, world, need)
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert not any(v in page for v in SECRET.values())
    assert "owner@example.no" not in page


def test_on_acceptance_both_see_identity_and_only_the_chosen_fields(client, world, need):
    req = ask(client, world, need)
    client.force_login(world.owner)
    r = client.post(f"/contact/{req.pk}/answer/", {"answer": "accept", "fields": ["description"]})
    assert r.status_code == 302
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert "Outsider AS" in page and "outsider@example.no" in page and NEED_SECRET in page
    client.force_login(world.outsider)
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert "Fjordmetall AS" in page and "owner@example.no" in page
    assert SECRET["description"] in page
    for name in ("quantity", "price", "composition"):
        assert SECRET[name] not in page
    reveals = AuditEvent.objects.filter(verb="disclosed")
    assert reveals.count() == 2


def test_declining_reveals_nothing(client, world, need):
    req = ask(client, world, need)
    client.force_login(world.owner)
    client.post(f"/contact/{req.pk}/answer/", {"answer": "decline", "fields": ["description"]})
    assert not Disclosure.objects.exists()
    client.force_login(world.outsider)
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert SECRET["description"] not in page and "owner@example.no" not in page


def test_only_the_receiver_may_answer(client, world, need):
    req = ask(client, world, need)
    r = client.post(f"/contact/{req.pk}/answer/", {"answer": "accept"})
    assert r.status_code == 404
    assert ContactRequest.objects.get().status == "pending"


def test_messages_only_after_acceptance_and_only_between_the_two(client, world, need):
    req = ask(client, world, need)
    client.post(f"/contact/{req.pk}/", {"body": "too early"})
    assert not req.messages.exists()
    client.force_login(world.owner)
    client.post(f"/contact/{req.pk}/answer/", {"answer": "accept"})
    client.post(f"/contact/{req.pk}/", {"body": "Hello from Fjordmetall"})
    client.force_login(world.outsider)
    assert "Hello from Fjordmetall" in client.get(f"/contact/{req.pk}/").content.decode()
    for role in ("other_facilitator", "colleague"):
        client.force_login(world.role(role))
        status = client.get(f"/contact/{req.pk}/").status_code
        assert status == (200 if role == "colleague" else 404)


def test_cannot_ask_about_a_stream_one_may_not_see(client, world, need):
    client.force_login(world.outsider)
    r = client.post("/streams/S-FJORD-DUST/contact/", {"own": need.ref})
    assert r.status_code == 404


def test_the_receiver_is_told_by_email_without_learning_who_asks(
    client, world, need, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world, need)
    drain()  # a task worker sends the queued mail
    assert mail.outbox and "owner@example.no" in mail.outbox[0].to
    assert "Outsider" not in mail.outbox[0].body + mail.outbox[0].subject


def test_acceptance_discloses_both_identities_with_the_chosen_fields(client, world, need):
    req = ask(client, world, need)
    client.force_login(world.owner)
    client.post(f"/contact/{req.pk}/answer/", {"answer": "accept", "fields": ["price"]})
    got = {d.stream.ref: d.fields for d in Disclosure.objects.all()}
    assert got == {"S-OUT-NEED": ["description", "identity"], "S-FJORD-SLAG": ["identity", "price"]}


def test_identity_is_not_offered_as_a_choice_since_acceptance_always_reveals_it(
    client, world, need
):
    client.force_login(world.outsider)
    response = client.get("/streams/S-FJORD-SLAG/contact/?own=S-OUT-NEED")
    assert response.status_code == 200
    offered = set(re.findall(r'name="fields" value="(\w+)"', response.content.decode()))
    assert offered == {"description"}  # the need's one hidden field, and not identity


def test_the_form_warns_when_our_name_is_shown_and_offers_to_hide_it(client, world, need):
    client.force_login(world.outsider)
    page = client.get("/streams/S-FJORD-SLAG/contact/?own=S-OUT-NEED", **EN).content.decode()
    assert "They may guess who you are" in page and "Slag for cement" in page
    r = client.post("/streams/S-FJORD-SLAG/contact/",
                    {"own": need.ref, "note": "", "hide_identity": "on"})  # fmt: skip
    assert r.status_code == 302
    need.refresh_from_db()
    assert "identity" in need.sensitive_fields
    assert AuditEvent.objects.filter(verb="updated", object_ref=need.ref).exists()
    page = client.get("/streams/S-FJORD-SLAG/contact/?own=S-OUT-NEED", **EN).content.decode()
    assert "They may guess who you are" not in page and "hide_identity" not in page


def test_a_pending_request_hides_the_requester_even_when_its_stream_names_them(client, world, need):
    assert not need.is_sensitive("identity")  # Outsider AS is shown on its stream elsewhere
    req = ask(client, world, need)
    client.force_login(world.owner)
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert "Outsider AS" not in page and "ORG-OUT" not in page
