"""A contact flow people can act on: what the receiver sees before answering, who to talk to
after, questions only when they mean something, bilingual e-mails with absolute links."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from symbiose.contact.display import distance_band
from symbiose.contact.models import ContactRequest
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream
from tests.workers import drain


@pytest.fixture
def need(world):
    stream, _ = check_save_stream(
        {"ref": "S-OUT-NEED", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Slag for cement", "ewc_code": "10 02 02",
         "quantity": "500", "unit": "t", "period": "year", "visibility": "public"},
        acting_user=world.outsider,
    )  # fmt: skip
    do_recompute_all()
    return stream


def ask(client, world, need, **extra):
    client.force_login(world.outsider)
    client.cookies["django_language"] = "en"
    r = client.post("/streams/S-FJORD-SLAG/contact/", {"own": need.ref, **extra})
    assert r.status_code == 302
    return ContactRequest.objects.get()


@pytest.mark.parametrize(("km", "band"), [(3, "under 10 km"), (10, "10–50 km"),
                                          (149.9, "50–150 km"), (900, "over 500 km"),
                                          (None, "")])  # fmt: skip
def test_distance_bands(km, band):
    assert distance_band(km) == band


def test_the_receiver_sees_distance_band_reasons_and_value_before_answering(client, world, need):
    req = ask(client, world, need)
    client.force_login(world.owner)
    client.cookies["django_language"] = "en"
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert 'id="decide"' in page and "Distance" in page
    assert "Same waste code 10 02 02" in page
    assert "Outsider AS" not in page and "outsider@example.no" not in page


def test_no_sensitive_field_question_when_nothing_is_sensitive(client, world, need):
    client.force_login(world.outsider)
    page = client.get("/streams/S-FJORD-SLAG/contact/").content.decode()
    assert 'name="fields"' not in page  # the outsider's stream hides nothing
    req = ask(client, world, need)
    client.force_login(world.owner)
    answer = client.get(f"/contact/{req.pk}/").content.decode()
    assert 'name="fields"' in answer  # Fjordmetall's slag hides quantity, price, ...
    assert 'value="price"' in answer and 'value="identity"' not in answer
    assert "the fields you tick below" in answer
    assert "nothing on your stream is hidden" not in answer


def test_acceptance_shares_the_persons_name_and_phone(client, world, need):
    get_user_model().objects.filter(pk=world.outsider.pk).update(first_name="Kari",
                                                                  last_name="Nordmann")  # fmt: skip
    req = ask(client, world, need, phone="+47 400 00 000")
    client.force_login(world.owner)
    client.post(f"/contact/{req.pk}/answer/", {"answer": "accept", "phone": "912 34 567"})
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert "Kari Nordmann" in page and "+47 400 00 000" in page
    client.force_login(world.outsider)
    theirs = client.get(f"/contact/{req.pk}/").content.decode()
    assert "912 34 567" in theirs and "owner@example.no" in theirs


def test_a_declined_request_keeps_the_phone_to_itself(client, world, need):
    req = ask(client, world, need, phone="+47 400 00 000")
    client.force_login(world.owner)
    client.post(f"/contact/{req.pk}/answer/", {"answer": "decline", "phone": "912 34 567"})
    req.refresh_from_db()
    assert req.target_phone == ""
    assert "+47 400 00 000" not in client.get(f"/contact/{req.pk}/").content.decode()


@override_settings(SITE_URL="https://symbiose.example.no")
def test_emails_are_bilingual_with_an_absolute_link(
    client, world, need, django_capture_on_commit_callbacks
):  # noqa: E501
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        req = ask(client, world, need)
    drain()
    body = mail.outbox[-1].body
    assert f"https://symbiose.example.no/contact/{req.pk}/" in body
    assert "Noen ber om kontakt" in body and "Someone asks to be put in touch" in body
    assert "Outsider" not in body + mail.outbox[-1].subject


def test_request_sent_is_shown_on_the_request_page_and_messages_are_limited(client, world, need):
    client.force_login(world.outsider)
    client.cookies["django_language"] = "en"
    r = client.post("/streams/S-FJORD-SLAG/contact/", {"own": need.ref}, follow=True)
    assert "Request sent." in r.content.decode()
    req = ContactRequest.objects.get()
    client.force_login(world.owner)
    client.post(f"/contact/{req.pk}/answer/", {"answer": "accept"})
    page = client.get(f"/contact/{req.pk}/").content.decode()
    assert 'data-counter="message-counter"' in page and 'maxlength="2000"' in page
    client.post(f"/contact/{req.pk}/", {"body": "x" * 2001})
    assert not req.messages.exists()
    client.post(f"/contact/{req.pk}/", {"body": "Hello"})
    assert req.messages.count() == 1
