"""The material-first path: CRM → streams and deposits → technologies → partners, per role."""

from __future__ import annotations

import pytest

from symbiose.registry.actions import check_save_stream, do_save_stream
from symbiose.resources.actions import (
    check_set_composition,
    do_save_competence,
    do_save_deposit,
    do_set_organisation_kind,
)
from tests.world import INSIDERS, ROLES

#: A distinctive hidden content: must appear only to insiders, in any spelling.
SECRET_CONTENT = ("913.7", "913,7")


@pytest.fixture
def resource_world(world):
    """Fjordmetall's dust with a hidden gallium analysis (913.7 ppm) and a public germanium
    analysis on its slag; a public deposit; an institute with a gallium competence."""
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
    check_set_composition(slag, [{"substance": "GeO2", "content": "40", "unit": "ppm"}],
                          acting_user=world.owner)  # fmt: skip
    do_save_deposit(
        world.org,
        {"ref": "D-FJORD-OLD", "title": "Old slag heap at the quay", "quantity": 250000.0,
         "visibility": "public", "sensitive_fields": []},
        {"setting": "onshore", "accessibility": "open", "permit_status": "needed",
         "owner": "Kaiselskapet", "source": "survey 2019 (estimate)"},
        acting_user=world.owner,
    )  # fmt: skip
    check_set_composition(
        __import__("symbiose.registry.models", fromlist=["Stream"]).Stream.objects.get(
            ref="D-FJORD-OLD"),
        [{"substance": "Mn", "content": "18", "unit": "%", "method": "estimate"}],
        acting_user=world.owner,
    )  # fmt: skip
    do_set_organisation_kind(world.outsider_org, "research_institute", acting_user=None)
    do_save_competence(
        world.outsider_org,
        {"kind": "recovery", "title": "Gallium leaching pilot", "technology": "acid-leaching",
         "crm": ["gallium"], "material_classes": ["filter_dust"], "trl": 5},
        acting_user=world.outsider,
    )  # fmt: skip
    return world


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_analysis_never_shows_nor_is_inferable(client, resource_world, role):
    if role != "anonymous":
        client.force_login(resource_world.role(role))
    pages = {
        url: client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        for url in ("/resources/crm/", "/resources/crm/gallium/",
                    "/resources/streams/S-FJORD-GA/", "/resources/deposits/")
        for lang in ("nb", "en")
    }  # fmt: skip
    text = "".join(pages.values())
    insider = role in INSIDERS
    assert any(s in text for s in SECRET_CONTENT) == insider
    gallium = client.get("/resources/crm/gallium/").content.decode()
    assert ("Filter dust from furnace 2" in gallium) == insider  # held only through hidden rows
    # the germanium analysis is shown to everyone, with its contained tonnes
    germanium = client.get("/resources/crm/germanium/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Manganese slag" in germanium.content.decode()


def test_the_material_first_path_reaches_a_technology_and_a_partner(client, resource_world):
    page = client.get("/resources/crm/gallium/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/resources/technologies/acid-leaching/" in page
    assert "/resources/partners/ORG-OUT/" in page and "Gallium leaching pilot" in page
    tech = client.get("/resources/technologies/acid-leaching/").content.decode()
    assert "Outsider AS" in tech
    partner = client.get("/resources/partners/ORG-OUT/", HTTP_ACCEPT_LANGUAGE="nb")
    assert "forskningsinstitutt" in partner.content.decode()


def test_an_organisation_without_competences_has_no_partner_page(client, resource_world):
    assert client.get("/resources/partners/ORG-FJORD/").status_code == 404
    assert client.get("/resources/crm/unobtainium/").status_code == 404
    assert client.get("/resources/streams/S-FJORD-DUST/").status_code == 404  # facilitator-only


def test_the_deposit_is_listed_with_its_details_and_on_the_map(client, resource_world):
    page = client.get("/resources/deposits/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Old slag heap at the quay" in page and '"lat"' in page
    detail = client.get("/resources/streams/D-FJORD-OLD/", HTTP_ACCEPT_LANGUAGE="en")
    text = detail.content.decode()
    assert "permit needed, not applied for" in text and "Kaiselskapet" in text
    assert "250,000 t" in text or "250000 t" in text


def test_who_could_work_on_a_stream_lists_technologies_and_the_institute(client, resource_world):
    client.force_login(resource_world.owner)
    page = client.get("/resources/streams/S-FJORD-GA/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Who could work on this stream" in text
    assert "/resources/technologies/" in text and "Outsider AS" in text


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_members_edit_its_type_and_competences(client, world, role):
    from symbiose.resources.models import Competence

    if role != "anonymous":
        client.force_login(world.role(role))
    url = "/resources/organisations/ORG-FJORD/competences/"
    r = client.post(url, {"kind": "recovery", "title": "Slag milling trials", "trl": "4",
                          "technology": "physical-separation"})  # fmt: skip
    added = Competence.objects.filter(title="Slag milling trials").first()
    if role in ("owner", "colleague"):
        assert r.status_code == 302 and added.trl == 4
        assert "slag_ferroalloy" in added.material_classes  # from the catalogue technology
        client.post(url, {"org-kind": "university"})
        world.org.refresh_from_db()
        assert world.org.kind == "university"
        assert client.get("/resources/partners/ORG-FJORD/").status_code == 200
    else:
        assert r.status_code in (302, 404) and added is None
        if role == "anonymous":
            assert "/accounts/login/" in r["Location"]


def test_hub_totals_count_only_what_each_facilitator_may_see(client, resource_world):
    client.force_login(resource_world.facilitator)  # Testpark: Fjordmetall is a member
    page = client.get("/resources/crm/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    hub_part = page.split("Contained tonnes per hub")[1]
    assert "Testpark" in hub_part and "Ga 1.37 t" in hub_part  # 1500 t x 913.7 ppm
    client.force_login(resource_world.other_facilitator)  # Annen park: not Fjordmetall's
    page = client.get("/resources/crm/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    hub_part = page.split("Contained tonnes per hub")[1]
    assert "Annen park" in hub_part and "Ga " not in hub_part and "Testpark" not in hub_part


def test_a_member_registers_a_deposit_with_its_analysis_in_one_go(client, world):
    from symbiose.registry.models import Stream

    client.force_login(world.owner)
    data = {
        "title": "Gammel slaggfylling", "quantity": "120 000", "tonnes_estimated": "on",
        "setting": "offshore", "accessibility": "submerged", "permit_status": "unknown",
        "source": "Anslag", "visibility": "public", "sensitive_fields": ["analysis"],
        "composition-TOTAL_FORMS": "1", "composition-INITIAL_FORMS": "0",
        "composition-0-substance": "MnO", "composition-0-content": "7,5",
        "composition-0-unit": "%",
    }  # fmt: skip
    r = client.post("/resources/organisations/ORG-FJORD/deposits/new/", data)
    assert r.status_code == 302
    d = Stream.objects.deposits().get(title="Gammel slaggfylling")
    assert (d.quantity, d.unit, d.period, d.direction) == (120000.0, "t", "once", "offer")
    assert d.deposit.setting == "offshore" and d.deposit.tonnes_estimated
    assert d.composition_rows.get().content == 7.5
    bad = {**data, "title": "Feil", "composition-0-unit": "kg", "quantity": "mye"}
    page = client.post("/resources/organisations/ORG-FJORD/deposits/new/", bad,
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    assert "mye is not a number" in page
    assert not Stream.objects.filter(title="Feil").exists()
    client.force_login(world.outsider)
    r = client.post("/resources/organisations/ORG-FJORD/deposits/new/", {**data, "title": "X"})
    assert r.status_code == 404 and not Stream.objects.filter(title="X").exists()


@pytest.mark.parametrize(("lang", "comma", "source"), [
    ("en", ".", "as transcribed in the public dataset"),
    ("nb", ",", "slik de er gjengitt i det offentlige datasettet"),
])  # fmt: skip
def test_crm_pages_show_the_2023_figures_with_their_source(client, db, lang, comma, source):
    from symbiose.taxonomy.criticality import assessment

    a = assessment()["gallium"]
    sr, ei = (f"{v:.1f}".replace(".", comma) for v in (a.supply_risk, a.economic_importance))
    page = client.get("/resources/crm/gallium/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f"{sr}" in page and f"{ei}" in page and source in page
    index = client.get("/resources/crm/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f"{sr} / {ei}" in index
    magnets = client.get("/resources/crm/rare-earth-elements-for-permanent-magnets/",
                         HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    assert "not available in this version of the data" in magnets
    assert "as transcribed in the public dataset" not in magnets


@pytest.mark.parametrize(("lang", "yearly", "once"),
                         [("en", "t/yr", "In deposits and one-off lots"),
                          ("nb", "t/år", "I deponier og engangspartier")])  # fmt: skip
def test_contained_tonnes_keep_a_years_flow_and_a_stock_apart(client, resource_world, lang,
                                                               yearly, once):  # fmt: skip
    from symbiose.registry.models import Stream

    # a manganese flow beside the heap's manganese stock: 1 000 t/yr x 10 % and 250 000 t x 18 %
    flow, _ = check_save_stream(
        {"ref": "S-FJORD-MN", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Manganese fines", "quantity": "1000", "unit": "t",
         "period": "year", "visibility": "public", "sensitive_fields": ""},
        acting_user=resource_world.owner,
    )  # fmt: skip
    check_set_composition(flow, [{"substance": "Mn", "content": "10", "unit": "%"}],
                          acting_user=resource_world.owner)  # fmt: skip
    client.force_login(resource_world.facilitator)
    body = client.get("/api/resources/crm").json()
    mn = next(m for m in body if m["id"] == "manganese")
    assert [c["tonnes"] for c in mn["contained"]] == [pytest.approx(100.0)]
    assert [c["tonnes"] for c in mn["contained_once"]] == [pytest.approx(45000.0)]
    client.cookies["django_language"] = lang
    page = client.get("/resources/crm/manganese/").content.decode()
    assert f"Mn 100 {yearly}" in page and f"{once}, " in page and "Mn 45" in page
    assert "45 100" not in page and "45,100" not in page  # never added up
    assert Stream.objects.get(ref="D-FJORD-OLD").period == "once"


@pytest.mark.parametrize("role", ROLES)
def test_a_stream_page_links_only_to_its_pages_the_viewer_may_open(client, resource_world, role):
    """The edit and matches buttons show only where those pages open (a hub facilitator may
    edit a stream through the hub but has no "my stream" pages for it)."""
    import re

    if role != "anonymous":
        client.force_login(resource_world.role(role))
    page = client.get("/resources/streams/D-FJORD-OLD/").content.decode()
    links = re.findall(r'href="(/streams/D-FJORD-OLD/[a-z]+/)"', page)
    for link in links:
        assert client.get(link).status_code == 200, link
    assert bool(links) == (role in ("owner", "colleague"))
