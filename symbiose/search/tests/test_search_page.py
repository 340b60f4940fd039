"""The search page and API: signed-in users only, filters on visible values, located errors."""

from __future__ import annotations

import csv
import io

from symbiose.registry.actions import check_save_stream, do_save_stream


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_refuses_them(client, world):
    r = client.get("/search/?q=slag")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/api/search/streams?q=slag").status_code == 401
    assert client.get("/search/export.csv").status_code == 302


def test_a_signed_in_company_finds_public_streams_by_words_kind_and_material(client, world):
    client.force_login(world.outsider)
    r = client.get("/search/?q=furnace&category=heat", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    assert "Surplus heat from furnace cooling" in r.content.decode()
    data = client.get("/api/search/streams?material=slag").json()
    assert [h["stream"]["ref"] for h in data["results"]] == ["S-FJORD-SLAG"]
    assert data["results"][0]["stream"]["quantity"] is None


def test_the_api_filters_by_element_as_the_page_does(client, world):
    """An ``element`` parameter was once ignored by the API (every stream came back)."""
    from symbiose.resources.actions import check_set_composition

    check_set_composition(world.public_stream, [{"substance": "Ga", "content": "150",
                                                 "unit": "ppm"}], acting_user=None)  # fmt: skip
    do_save_stream(world.org, {"ref": "S-FJORD-HEAT", "sensitive_fields": []}, acting_user=None)
    client.force_login(world.outsider)
    page = client.get("/search/?element=Ga").content.decode()
    data = client.get("/api/search/streams?element=Ga").json()
    assert [h["stream"]["ref"] for h in data["results"]] == ["S-FJORD-HEAT"]
    assert "Surplus heat from furnace cooling" in page
    assert client.get("/api/search/streams?element=Zz").status_code == 422


def test_bad_filters_are_named_in_both_languages_and_never_a_server_error(client, world):
    client.force_login(world.outsider)
    for lang, words in (
        ("nb", ("Innenfor (km)", "Kommune")),
        ("en", ("Within (km)", "Municipality")),
    ):
        r = client.get("/search/?km=abc&municipality=Atlantis&qmin=-4&ewc=123",
                       HTTP_ACCEPT_LANGUAGE=lang)  # fmt: skip
        text = r.content.decode()
        assert r.status_code == 200
        assert all(w in text for w in words), lang
    api = client.get("/api/search/streams?km=5", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 422
    assert "latitude" in " ".join(api.json()["problems"])


def test_export_is_for_facilitators_and_neutralises_formulas(client, world):
    check_save_stream(
        {"ref": "S-FJORD-EVIL", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": '=HYPERLINK("http://x","click")', "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    client.force_login(world.outsider)
    assert client.get("/search/export.csv").status_code == 403
    client.force_login(world.other_facilitator)
    r = client.get("/search/export.csv?q=hyperlink")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[1][5].startswith("'=HYPERLINK")
    assert client.get("/search/export.xlsx").status_code == 200


def test_a_saved_search_runs_again_from_the_list(client, world):
    client.force_login(world.outsider)
    r = client.post("/search/saved/new/", {"name": "Varme", "category": "heat", "km": "",
                                            "sort": "title"})  # fmt: skip
    assert r.status_code == 302
    page = client.get("/search/saved/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Varme" in page and "?category=heat" in page
    run = client.get("/search/?category=heat").content.decode()
    assert "Surplus heat from furnace cooling" in run
    assert client.get("/api/search/saved").json()[0]["query"] == {"category": "heat"}


def test_watches_are_made_listed_and_stopped_over_the_api(client, world):
    client.force_login(world.outsider)
    made = client.post("/api/search/watches", {"kind": "crm", "crm": "gallium"},
                       content_type="application/json")  # fmt: skip
    assert made.status_code == 201
    bad = client.post("/api/search/watches", {"kind": "stream", "stream": "S-FJORD-DUST"},
                      content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert bad.status_code == 422 and "no stream you may see" in bad.json()["problems"][0]
    listed = client.get("/api/search/watches", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [w["description"] for w in listed] == ["raw material: Gallium"]
    client.force_login(world.owner)  # another user's watch looks missing
    assert client.delete(f"/api/search/watches/{made.json()['id']}").status_code == 404
    client.force_login(world.outsider)
    assert client.delete(f"/api/search/watches/{made.json()['id']}").status_code == 204
    assert client.get("/api/search/watches").json() == []
