"""Confidentiality of composition analyses, for every role, through every path.

A hidden analysis (gallium 913.7 ppm in Fjordmetall's filter dust, hidden by default) must not
appear, nor be inferable, in pages, the API, the template export, the map layers, CRM pages or
contained-tonnes totals — for a self-registered company, a facilitator of another hub, an
anonymous visitor or anyone else who is not an insider. A shown analysis (germanium in the
slag) is the control: every role sees it, so the checks can fail.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from symbiose.registry.actions import check_save_stream, do_save_stream
from symbiose.resources.actions import check_set_composition, do_save_deposit
from symbiose.resources.models import CompositionRow
from tests.world import INSIDERS, ROLES

SECRET = ("913.7", "913,7", "0.9137", "1.37055", "1,37055", "1.37")  # the content and tonnes
URLS = [
    "/resources/crm/",
    "/resources/crm/gallium/",
    "/resources/streams/S-FJORD-GA/",
    "/resources/deposits/",
    "/map/layer.json",
    "/api/resources/crm",
    "/api/resources/streams/S-FJORD-GA/composition",
    "/api/resources/deposits",
    "/api/registry/streams",
    "/api/registry/streams/S-FJORD-GA",
]


@pytest.fixture
def analysed(world):
    dust, _ = check_save_stream(
        {"ref": "S-FJORD-GA", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Filter dust from furnace 2", "quantity": "1500",
         "unit": "t", "visibility": "public"},
        acting_user=world.owner,
    )  # fmt: skip
    check_set_composition(dust, [{"substance": "Ga", "content": "913.7", "unit": "ppm"}],
                          acting_user=world.owner)  # fmt: skip
    slag, _ = do_save_stream(world.org, {"ref": "S-FJORD-SLAG", "sensitive_fields": []},
                             acting_user=world.owner)  # fmt: skip
    check_set_composition(slag, [{"substance": "Ge", "content": "40", "unit": "ppm"}],
                          acting_user=world.owner)  # fmt: skip
    do_save_deposit(
        world.org,
        {"ref": "D-FJORD-HEAP", "title": "Old heap", "quantity": 5000.0, "visibility": "public",
         "lat": 58.1, "lon": 7.9},
        {"setting": "onshore", "owner": "Secret Landowner AS"},
        acting_user=world.owner,
    )  # fmt: skip
    check_set_composition(
        __import__("symbiose.registry.models", fromlist=["Stream"]).Stream.objects.get(
            ref="D-FJORD-HEAP"),
        [{"substance": "Ga", "content": "913.7", "unit": "ppm"}], acting_user=world.owner,
    )  # fmt: skip
    return world


def _fetch_all(client, world, role: str) -> str:
    client.logout()
    if role != "anonymous":
        client.force_login(world.role(role))
    parts = []
    for url in URLS:
        for lang in ("nb", "en"):
            r = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
            assert r.status_code < 500, (url, r.status_code)
            parts.append(r.content.decode())
    return "\n".join(parts)


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_analysis_reaches_no_one_but_insiders(client, analysed, role):
    text = _fetch_all(client, analysed, role)
    leaked = [s for s in SECRET if s in text]
    if role in INSIDERS:
        assert "913" in text
    else:
        assert leaked == []
        assert "S-FJORD-GA" not in client.get("/api/resources/crm").content.decode()
    assert '"Ge"' in client.get("/api/resources/streams/S-FJORD-SLAG/composition").content.decode()


@pytest.mark.parametrize("role", [r for r in ROLES if r not in INSIDERS])
def test_totals_and_crm_pages_are_the_same_with_or_without_the_hidden_analysis(
    client, analysed, role
):
    """The difference attack: an outsider's CRM totals and pages do not change when the
    hidden analysis is removed, so they cannot tell it is there."""
    if role != "anonymous":
        client.force_login(analysed.role(role))
    urls = ("/api/resources/crm", "/resources/crm/gallium/", "/resources/crm/")
    before = [client.get(u, HTTP_ACCEPT_LANGUAGE="en").content.decode() for u in urls]
    CompositionRow.objects.filter(substance="Ga").delete()
    after = [client.get(u, HTTP_ACCEPT_LANGUAGE="en").content.decode() for u in urls]
    strip = __import__("re").compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert [strip.sub("", b) for b in before] == [strip.sub("", a) for a in after]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_the_template_export_carries_only_visible_analyses(analysed, role, tmp_path):
    user = analysed.role(role)
    call_command("export", str(tmp_path), "--as-user", user.email, stdout=io.StringIO())
    composition = (tmp_path / "composition.csv").read_text()
    assert ("913.7" in composition) == (role in INSIDERS)
    assert "S-FJORD-SLAG,Ge,40,ppm" in composition


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_the_template_exports_deposits_with_the_owner_only_to_insiders(analysed, role, tmp_path):
    do_save_stream(analysed.org, {"ref": "D-FJORD-HEAP", "sensitive_fields": ["identity"]},
                   acting_user=analysed.owner)  # fmt: skip
    user = analysed.role(role)
    call_command("export", str(tmp_path), "--as-user", user.email, stdout=io.StringIO())
    deposits = (tmp_path / "deposits.csv").read_text()
    assert "D-FJORD-HEAP,deposit,onshore" in deposits  # a public deposit: every role has it
    assert ("Secret Landowner AS" in deposits) == (role in INSIDERS)


def test_the_deposit_owner_is_hidden_with_the_identity(client, analysed):
    do_save_stream(analysed.org, {"ref": "D-FJORD-HEAP", "sensitive_fields": ["identity"]},
                   acting_user=analysed.owner)  # fmt: skip
    client.force_login(analysed.outsider)
    text = client.get("/api/resources/deposits").content.decode()
    assert "Secret Landowner AS" not in text and "Fjordmetall" not in text
    assert json.loads(text)[0]["deposit"]["owner"] is None
    client.force_login(analysed.owner)
    assert "Secret Landowner AS" in client.get("/api/resources/deposits").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_totals_ignore_streams_the_viewer_may_not_see_even_when_handed_them(analysed, role):
    """A caller may pass every stream; a facilitator-only stream whose analysis is not marked
    sensitive still counts only for its insiders."""
    from symbiose.registry.models import Stream
    from symbiose.resources import access as res

    dust = Stream.objects.get(ref="S-FJORD-DUST")  # visibility "facilitator"
    do_save_stream(analysed.org, {"ref": dust.ref, "sensitive_fields": [], "quantity": 100.0,
                                  "unit": "t", "annual_quantity": 100.0,
                                  "annual_unit": "t/yr"}, acting_user=None)  # fmt: skip
    check_set_composition(dust, [{"substance": "Sb", "content": "500", "unit": "ppm"}],
                          acting_user=None)  # fmt: skip
    user = analysed.role(role)
    everything = list(Stream.objects.all())
    assert ("Sb" in res.contained_tonnes(user, everything)) == (role in INSIDERS)
    assert bool(res.rows_by_stream(user, everything).get(dust.id)) == (role in INSIDERS)
