"""Confidentiality in the web pages, JSON API, map layer, match reasons and contact requests.

For every role and every URL, no value that the owner marked sensitive on
``world.secret_stream`` may appear unless the role is an insider. Numbers are checked in every
way a page may print them (Norwegian and English grouping and decimal marks).
"""

from __future__ import annotations

import pytest

from symbiose.matching.actions import do_refresh_stream
from symbiose.matching.models import Candidate
from symbiose.registry.actions import check_save_stream
from symbiose.web.actions import do_request_contact
from tests.world import INSIDERS, ROLES, SECRET

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
