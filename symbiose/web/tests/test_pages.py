"""Public pages, language switch, Norwegian formats, map layer and the API."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace

import pytest

from symbiose.web.library import DATA_FILE, cases, cases_for


@pytest.mark.parametrize("url", ["/", "/cases/", "/map/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_answer_in_norwegian_by_default(client, db, url):
    r = client.get(url)
    assert r.status_code == 200
    assert '<html lang="nb">' in r.content.decode()


def test_the_language_switch_changes_the_page_language(client, db):
    assert "Logg inn" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Sign in" in page


def test_every_form_input_has_a_label(client, world):
    import re

    client.force_login(world.owner)
    for url in ("/organisations/new/", "/organisations/ORG-FJORD/streams/new/",
                "/accounts/password-reset/"):  # fmt: skip
        page = client.get(url).content.decode()
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
        for element_id in ids:
            assert f'for="{element_id}"' in page, (url, element_id)


def test_numbers_use_norwegian_grouping(client, world):
    client.force_login(world.owner)
    page = client.get("/streams/").content.decode()
    assert "7\xa0373,25" in page or "7 373,25" in page


def test_map_layer_leaves_out_streams_whose_location_is_hidden(client, world):
    refs = {f["properties"]["ref"] for f in client.get("/map/layer.json").json()["features"]}
    assert refs == {"S-FJORD-HEAT"}
    client.force_login(world.owner)
    refs = {f["properties"]["ref"] for f in client.get("/map/layer.json").json()["features"]}
    assert refs == {"S-FJORD-HEAT", "S-FJORD-SLAG", "S-FJORD-DUST"}


def test_map_layer_filters_by_category(client, world):
    data = client.get("/map/layer.json", {"category": "material"}).json()
    assert data["features"] == []


def test_api_lists_visible_streams_with_hidden_fields_null(client, world):
    rows = {r["ref"]: r for r in client.get("/api/registry/streams").json()}
    assert set(rows) == {"S-FJORD-SLAG", "S-FJORD-HEAT"}
    assert rows["S-FJORD-SLAG"]["quantity"] is None
    assert "quantity" in rows["S-FJORD-SLAG"]["hidden_fields"]


def test_api_matches_are_only_for_ones_own_streams(client, world):
    client.force_login(world.outsider)
    assert client.get("/api/matching/streams/S-FJORD-HEAT/matches").status_code == 404
    client.force_login(world.owner)
    assert client.get("/api/matching/streams/S-FJORD-HEAT/matches").status_code == 200


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_case_library_lists_every_case_in_its_data_file_with_its_sources(client, db, lang):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert data["version"] and len(data["cases"]) >= 21
    page = html.unescape(client.get("/cases/", HTTP_ACCEPT_LANGUAGE=lang).content.decode())
    for case in data["cases"]:
        assert case[f"title_{lang}"] in page and case[f"place_{lang}"] in page, case["id"]
        assert all(source in page for source in case["sources"]), case["id"]


def test_a_stream_finds_cases_of_its_category_by_its_words(db):
    slag = SimpleNamespace(category="material", title="Manganese slag", description="")
    heat = SimpleNamespace(category="heat", title="Varmt kjølevann", description="til fisk")
    assert cases_for(slag)[0].slug == "slag-aggregate"
    assert {c.slug for c in cases_for(heat)} <= {c.slug for c in cases() if "heat" in c.categories}
    assert cases_for(heat)[0].slug in {"fish-farm-heat", "kvinesdal-turbot"}


@pytest.mark.parametrize("role", ["owner", "facilitator", "system_facilitator", "outsider"])
def test_the_hub_link_is_shown_to_facilitators_only(client, world, role):
    client.force_login(world.role(role))
    page = client.get("/cases/").content.decode()
    assert ('href="/hub/"' in page) == (role in ("facilitator", "system_facilitator"))
