"""Confidentiality of search, saved searches, watches and notifications for every role.

Every search URL (page, API, export) with filters that aim at the hidden values of
``world.secret_stream`` and ``hidden_world``'s identity, in both languages: no server error,
no hidden value to a role that may not see it. Then attacks by a self-registered company, a
facilitator of another hub and an anonymous visitor (who gets no search at all).
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from symbiose.search.actions import check_create_watch, check_save_search
from tests.test_permission_matrix_web import identity_leaks, leaks
from tests.world import HIDDEN_INSIDERS, INSIDERS, ROLES

SEARCH_URLS = [
    "/search/",
    "/search/?q=slag",
    "/search/?q=Confidential",
    "/search/?material=slag&sort=quantity",
    "/search/?qmin=7000&qmax=8000&unit=t/yr",
    "/search/?crm=manganese",
    "/search/?element=Ga",
    "/search/?crm=gallium&sort=quantity",
    "/search/?lat=58.077&lon=7.812&km=5&sort=distance",
    "/search/?near=Kristiansand&km=30",
    "/search/?municipality=Sauda",
    "/search/?county=42&sort=fresh",
    "/search/saved/",
    "/watches/",
    "/api/search/streams",
    "/api/search/streams?qmin=7000&unit=t/yr",
    "/api/search/streams?lat=58.0771&lon=7.8123&km=20",
    "/api/search/streams?q=Kvartsverk",
    "/api/search/streams?element=Ga",
    "/api/search/saved",
    "/api/search/notifications",
    "/search/export.csv?q=slag",
    "/search/export.csv?lat=58.077&lon=7.812&km=20",
]
FACILITATOR_ROLES = ("facilitator", "other_facilitator", "system_facilitator", "admin")


#: A gallium content in the secret stream's analysis, which it hides (``analysis``).
GALLIUM = ("85.25", "85,25")


def _hide_an_analysis(world) -> None:
    from symbiose.registry.models import Stream
    from symbiose.resources.actions import do_set_composition

    stream = world.secret_stream
    Stream.objects.filter(pk=stream.pk).update(
        sensitive_fields=[*stream.sensitive_fields, "analysis"]
    )
    stream.refresh_from_db()
    do_set_composition(stream, [{"substance": "Ga", "content": 85.25, "unit": "ppm",
                                 "method": ""}], acting_user=None)  # fmt: skip


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return "\n".join(str(c) for ws in book for row in ws.iter_rows(values_only=True)
                         for c in row)  # fmt: skip
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize("role", (*ROLES, "hidden_owner"))
def test_search_shows_no_hidden_value_to_a_role_that_may_not_see_it(client, hidden_world, role):
    w = hidden_world
    _hide_an_analysis(w)
    if role != "anonymous":
        client.force_login(w.role(role))
    problems = []
    for url in [*SEARCH_URLS, "/search/export.xlsx?q=slag"]:
        for lang in ("nb", "en"):
            r = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
            if r.status_code >= 500:
                problems.append((url, lang, r.status_code))
                continue
            if role == "anonymous":
                if r.status_code not in (302, 401):
                    problems.append((url, lang, "anonymous got", r.status_code))
                continue
            if "/export." in url and r.status_code != (200 if role in FACILITATOR_ROLES else 403):
                problems.append((url, lang, "export status", r.status_code))
            text = _text(r)
            if role not in INSIDERS and leaks(text):
                problems.append((url, lang, leaks(text)))
            if role not in INSIDERS and any(g in text for g in GALLIUM):
                problems.append((url, lang, "analysis"))
            if role not in HIDDEN_INSIDERS and identity_leaks(text):
                problems.append((url, lang, identity_leaks(text)))
    assert problems == []


def test_insiders_find_the_hidden_values_so_the_matrix_can_catch_leaks(client, hidden_world):
    _hide_an_analysis(hidden_world)
    client.force_login(hidden_world.owner)
    text = client.get("/api/search/streams?qmin=7000&unit=t/yr").content.decode()
    assert leaks(text) >= {"quantity", "description", "composition", "location"}
    assert "85,25" in client.get("/search/?element=Ga").content.decode()
    client.force_login(hidden_world.other_facilitator)
    assert identity_leaks(client.get("/api/search/streams?q=Kvartsverk").content.decode())


def test_a_self_registered_company_searches_only_public_streams(client, hidden_world):
    client.force_login(hidden_world.self_registered)
    refs = {h["stream"]["ref"] for h in client.get("/api/search/streams").json()["results"]}
    assert refs == {"S-FJORD-SLAG", "S-FJORD-HEAT", "S-QZ-OFFER"}  # no members, no dust
    assert client.get("/search/export.csv").status_code == 403


def test_a_facilitator_of_another_hub_cannot_narrow_down_a_hidden_site(client, world):
    """Radius searches from the exact site and from far inside the cell answer alike."""
    client.force_login(world.other_facilitator)
    near = client.get("/api/search/streams?lat=58.0771&lon=7.8123&km=10&q=manganese").json()
    far = client.get("/api/search/streams?lat=58.0999&lon=7.9999&km=10&q=manganese").json()
    assert near == far
    hit = far["results"][0]
    assert hit["distance_coarse"] is True and hit["stream"]["lat"] is None


def test_anonymous_visitors_can_neither_save_nor_watch(client, world):
    assert client.post("/search/saved/new/", {"name": "x", "q": "slag"}).status_code == 302
    assert client.post("/watches/new/", {"kind": "crm", "crm": "manganese"}).status_code == 302
    assert client.post("/api/search/saved", {"name": "x"}, "application/json").status_code in (
        401, 403)  # fmt: skip


def test_saved_searches_and_watches_of_others_look_missing(client, world):
    saved = check_save_search("Owner-only-QX", {"q": "slag"}, acting_user=world.owner)
    watch = check_create_watch({"kind": "crm", "crm": "manganese"}, acting_user=world.owner)
    client.force_login(world.outsider)
    assert client.post(f"/search/saved/{saved.pk}/delete/").status_code == 404
    assert client.post(f"/watches/{watch.pk}/delete/").status_code == 404
    assert "Owner-only-QX" not in client.get("/search/saved/").content.decode()
    # watching a stream one may not see reads exactly like a stream that does not exist
    r1 = client.post("/watches/new/", {"kind": "stream", "stream": "S-FJORD-DUST"}, follow=True)
    r2 = client.post("/watches/new/", {"kind": "stream", "stream": "S-NOPE"}, follow=True)
    assert r1.status_code == r2.status_code == 200
    assert [str(m) for m in r1.context["messages"]] == [str(m) for m in r2.context["messages"]]


#: Words of the secret stream's hidden description and composition, and of the hidden
#: organisation's name, as someone would type them.
HIDDEN_WORDS = ("confidential", "Confid", "recipe", "XYZ-991", "qq", "secret grade",
                "kvartsverk", "Nordvik", "hemmel")  # fmt: skip


def _count(client, q: str, **params) -> tuple[int, list[str]]:
    data = client.get("/api/search/streams", {"q": q, **params}).json()
    return data["count"], [h["stream"]["ref"] for h in data["results"]]


@pytest.mark.parametrize("role", ["self_registered", "outsider", "other_facilitator"])
def test_a_hidden_word_finds_nothing_counts_nothing_orders_nothing(client, hidden_world, role):
    """The word index (``search.wordtext``) holds the words insiders see beside everyone's;
    through it, a word only insiders see gives no hit and no count to anyone else, and a
    visible word's hits and their order are those of a registry without the hidden words.
    The facilitator of another hub is an insider of the hidden organisation (its name is
    found) and an outsider of Fjordmetall (its hidden description is not)."""
    from symbiose.registry.actions import do_save_stream

    w = hidden_world
    client.force_login(w.role(role))
    for word in HIDDEN_WORDS:
        found = _count(client, word)
        if role == "other_facilitator" and word.lower().startswith(("kvarts", "nordvik", "hemmel")):
            assert found[0] == 2
        else:
            assert found == (0, []), word
    before = {s: _count(client, "slag", sort=s) for s in ("title", "fresh", "quantity")}
    # a hidden description now says "slag" too, many times: nothing changes for them
    do_save_stream(w.org, {"ref": "S-FJORD-HEAT", "description": "slag " * 20,
                           "sensitive_fields": ["description"]}, acting_user=None)  # fmt: skip
    assert {s: _count(client, "slag", sort=s) for s in before} == before
    client.force_login(w.owner)
    assert "S-FJORD-HEAT" in _count(client, "slag")[1]  # the insider finds it


def test_an_anonymous_visitor_searching_a_hidden_word_gets_no_answer(client, hidden_world):
    for word in HIDDEN_WORDS:
        api = client.get("/api/search/streams", {"q": word})
        page = client.get("/search/", {"q": word})
        assert api.status_code in (401, 403) and page.status_code == 302
        assert "count" not in api.content.decode()
