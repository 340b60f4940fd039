"""Confidentiality in the web pages, JSON API, map layer, match reasons and contact requests.

For every role and every URL, no value that the owner marked sensitive on
``world.secret_stream`` may appear unless the role is an insider. Numbers are checked in every
way a page may print them (Norwegian and English grouping and decimal marks).

The second half does the same for *identity*: the name, ref and organisation number of the
organisation in ``hidden_world`` reach only its insiders, and a counterpart after an accepted
contact request (not after a declined one), through pages, JSON, match reasons and alert e-mails.
"""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from symbiose.contact.actions import do_request_contact
from symbiose.matching.actions import do_refresh_stream
from symbiose.matching.models import Candidate
from symbiose.registry import access
from symbiose.registry.actions import check_save_stream
from tests.workers import drain
from tests.world import HIDDEN, HIDDEN_INSIDERS, INSIDERS, ROLES, SECRET

SECRET_LOCATION = ("58.0771", "58,0771", "7.8123", "7,8123")
NUMBER_SPELLINGS = {
    "quantity": ("7373.25", "7373,25", "7 373,25", "7\xa0373,25", "7,373.25", "7373.2", "7373,2"),
    "price": ("-4321.5", "-4321,5", "-4 321,5", "-4\xa0321,5", "-4,321.5", "4321,5", "4321.5"),
}


def leaks(text: str) -> set[str]:
    found = {n for n in ("description", "composition") if SECRET[n] in text}
    found |= {n for n, spellings in NUMBER_SPELLINGS.items() if any(s in text for s in spellings)}
    if any(s in text for s in SECRET_LOCATION):
        found.add("location")
    return found


@pytest.fixture
def matched_world(world):
    need, _ = check_save_stream(
        {
            "ref": "S-OUT-NEED",
            "organisation_ref": "ORG-OUT",
            "direction": "need",
            "category": "material",
            "title": "Manganese slag for cement",
            "ewc_code": "10 02 02",
            "visibility": "public",
        },
        acting_user=world.outsider,
    )
    do_refresh_stream(need.pk)
    assert Candidate.objects.filter(offer=world.secret_stream, need=need).exists()
    req = do_request_contact(
        need, world.secret_stream, fields=[], note="hello", acting_user=world.outsider
    )
    world.contact_pk = req.pk
    return world


URLS = [
    "/",
    "/map/",
    "/map/layer.json",
    "/map/layer.json?category=material",
    "/streams/",
    "/streams/S-OUT-NEED/matches/",
    "/streams/S-OUT-NEED/matches/?feasible=1",
    "/streams/S-FJORD-SLAG/matches/",
    "/streams/S-FJORD-SLAG/contact/?own=S-OUT-NEED",
    "/contact/",
    "/contact/{contact}/",
    "/api/registry/streams",
    "/api/registry/streams?category=material",
    "/api/registry/streams/S-FJORD-SLAG",
    "/api/matching/streams/S-OUT-NEED/matches",
    "/api/matching/streams/S-FJORD-SLAG/matches",
]


@pytest.mark.parametrize("role", ROLES)
def test_sensitive_values_never_reach_a_user_who_may_not_see_them(client, matched_world, role):
    """Every URL in both languages (one test per role: the world is slow to build)."""
    if role != "anonymous":
        client.force_login(matched_world.role(role))
    problems = []
    for url in URLS:
        for lang in ("nb", "en"):
            path = url.format(contact=matched_world.contact_pk)
            r = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
            if r.status_code >= 500:
                problems.append((path, lang, r.status_code))
            elif role not in INSIDERS and leaks(r.content.decode()):
                problems.append((path, lang, leaks(r.content.decode())))
    assert problems == []


def test_insiders_do_see_the_values_so_the_matrix_can_catch_leaks(client, matched_world):
    client.force_login(matched_world.owner)
    text = client.get("/api/registry/streams/S-FJORD-SLAG").content.decode()
    assert leaks(text) == {"description", "composition", "quantity", "price", "location"}


@pytest.mark.parametrize("role", ROLES)
def test_facilitator_only_stream_is_a_404_in_api_and_pages(client, world, role):
    if role != "anonymous":
        client.force_login(world.role(role))
    api = client.get("/api/registry/streams/S-FJORD-DUST").status_code
    assert api == (200 if role in INSIDERS else 404)
    listing = client.get("/api/registry/streams").content.decode()
    assert ("S-FJORD-DUST" in listing) == (role in INSIDERS)
    assert "S-FJORD-DUST" not in client.get("/map/layer.json").content.decode() or (
        role in INSIDERS
    )


# --- Identity: the organisation in ``hidden_world`` hides who owns its streams ----------------

HIDDEN_ROLES = (*ROLES, "hidden_owner")
IDENTITY_URLS = [
    "/",
    "/map/",
    "/map/layer.json",
    "/streams/",
    "/streams/S-FJORD-SLAG/matches/",
    "/streams/S-OUT-NEED/matches/",
    "/streams/S-QZ-OFFER/contact/?own=S-OUT-NEED",
    "/contact/",
    "/contact/{asked}/",
    "/contact/{asking}/",
    "/api/registry/streams",
    "/api/registry/streams/S-QZ-OFFER",
    "/api/registry/streams/S-QZ-NEED",
    "/api/matching/streams/S-FJORD-SLAG/matches",
    "/api/matching/streams/S-OUT-NEED/matches",
    "/impact/S-QZ-OFFER/S-OUT-NEED/",
    "/impact/S-FJORD-SLAG/S-QZ-NEED/",
    "/api/impact/pairs/S-QZ-OFFER/S-OUT-NEED",
    "/organisations/ORG-QZX-4471/",
    "/organisations/ORG-FJORD/",
    "/organisations/find/?q=Kvartsverk",
    "/organisations/find/?q=987654309",
]


def identity_leaks(text: str, url: str = "") -> set[str]:
    found = {k for k, v in HIDDEN.items() if v in text}
    if HIDDEN["org_number"] in url:  # the search box shows the number that was typed
        found.discard("org_number")
    return found


@pytest.fixture
def identity_world(hidden_world):
    """Matches both ways with the hidden organisation, and two pending contact requests: the
    hidden organisation asks Fjordmetall (``asked``), the outsider asks it (``asking``)."""
    w = hidden_world
    need, _ = check_save_stream(
        {"ref": "S-OUT-NEED", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Manganese slag for cement", "ewc_code": "10 02 02",
         "visibility": "public"},
        acting_user=w.outsider,
    )  # fmt: skip
    for stream in (need, w.hidden_offer, w.hidden_need):
        do_refresh_stream(stream.pk)
    assert Candidate.objects.filter(offer=w.hidden_offer, need=need).exists()
    assert Candidate.objects.filter(offer=w.secret_stream, need=w.hidden_need).exists()
    asked = do_request_contact(w.hidden_need, w.secret_stream, fields=[], note="Hei",
                               acting_user=w.hidden_owner)  # fmt: skip
    asking = do_request_contact(need, w.hidden_offer, fields=[], note="Hello",
                                acting_user=w.outsider)  # fmt: skip
    w.contacts = {"asked": asked.pk, "asking": asking.pk}
    return w


def identity_problems(client, world, role: str, urls=IDENTITY_URLS) -> list:
    if role != "anonymous":
        client.force_login(world.role(role))
    problems = []
    for url in urls:
        for lang in ("nb", "en"):
            path = url.format(**world.contacts)
            r = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
            if r.status_code >= 500:
                problems.append((path, lang, r.status_code))
            elif identity_leaks(r.content.decode(), path):
                problems.append((path, lang, identity_leaks(r.content.decode(), path)))
    return problems


@pytest.mark.parametrize("role", [r for r in HIDDEN_ROLES if r not in HIDDEN_INSIDERS])
def test_a_hidden_identity_never_reaches_a_user_who_may_not_see_it(client, identity_world, role):
    assert identity_problems(client, identity_world, role) == []


@pytest.mark.parametrize("role", HIDDEN_INSIDERS)
def test_insiders_see_the_hidden_organisations_name(client, identity_world, role):
    client.force_login(identity_world.role(role))
    text = client.get("/api/registry/streams/S-QZ-OFFER").content.decode()
    assert identity_leaks(text) == {"name", "ref"}
    assert client.get("/organisations/ORG-QZX-4471/").status_code == 200


def alert_bodies(world, *users) -> str:
    from django.core import mail

    from symbiose.contact.actions import do_save_alert
    from symbiose.web.management.commands.send_alerts import send_due_alerts

    mail.outbox.clear()
    for user, stream in users:  # every match mailed, whatever its score: names are checked here
        do_save_alert(stream, acting_user=user, max_km=None, feasible_only=False, min_score=0.0)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        send_due_alerts()
    drain()
    return "\n".join(m.body for m in mail.outbox)


def test_alert_emails_name_a_hidden_owner_only_as_an_organisation(identity_world):
    w = identity_world
    body = alert_bodies(w, (w.owner, w.secret_stream), (w.outsider, w.outsider_org.streams.get()))
    assert "Manganese slag for remelting" in body and "Manganese slag from ferroalloy" in body
    assert identity_leaks(body) == set()


def answer(client, world, accept: bool) -> None:
    client.force_login(world.hidden_owner)
    r = client.post(f"/contact/{world.contacts['asking']}/answer/",
                    {"answer": "accept" if accept else "decline"})  # fmt: skip
    assert r.status_code == 302


AFTER = ["/contact/{asking}/", "/api/registry/streams/S-QZ-OFFER", "/streams/S-OUT-NEED/matches/",
         "/organisations/ORG-QZX-4471/"]  # fmt: skip


def test_after_acceptance_the_requester_sees_the_name_and_it_is_recorded(client, identity_world):
    from symbiose.registry.models import Disclosure

    w = identity_world
    answer(client, w, accept=True)
    client.force_login(w.outsider)
    for url in AFTER:
        text = client.get(url.format(**w.contacts)).content.decode()
        assert HIDDEN["name"] in text, url
    rows = {(d.stream.ref, d.organisation.ref): d.fields for d in Disclosure.objects.all()}
    assert rows == {("S-QZ-OFFER", "ORG-OUT"): ["identity"],
                    ("S-OUT-NEED", HIDDEN["ref"]): ["identity"]}  # fmt: skip
    assert HIDDEN["name"] in alert_bodies(w, (w.outsider, w.outsider_org.streams.get()))
    assert identity_problems(client, w, "owner") == []  # nobody else learns it
    assert (
        identity_leaks(json.dumps(access.redacted(w.outsider, w.hidden_need), default=str)) == set()
    )


def test_after_declining_the_requester_still_does_not_see_the_name(client, identity_world):
    from symbiose.registry.models import Disclosure

    answer(client, identity_world, accept=False)
    assert identity_problems(client, identity_world, "outsider", AFTER) == []
    assert not Disclosure.objects.exists()


@translation.override("en")
def test_same_organisation_reason_is_dropped_when_the_owner_is_hidden(identity_world):
    from symbiose.matching.access import visible_match
    from symbiose.matching.engine.reasons import R_SAME_ORG

    w = identity_world
    pair = Candidate.objects.get(offer=w.hidden_offer, need=w.hidden_need)
    assert R_SAME_ORG.template in [r["template"] for r in pair.reasons]
    texts = {role: [r["text"] for r in visible_match(w.role(role), pair).reasons]
             for role in ("outsider", "hidden_owner")}  # fmt: skip
    assert R_SAME_ORG.template not in texts["outsider"]
    assert R_SAME_ORG.template in texts["hidden_owner"]
