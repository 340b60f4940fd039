"""The material-first path in a real browser: from a critical raw material to the streams and
deposits that hold it, on to a recovery technology and a research partner. Every page of the
path, and the stream form with its composition rows, passes the page checks (status, no
horizontal overflow, no English on Norwegian pages, numbers for the locale) in nb and en at
390 and 1366 px; screenshots go to ``tests/e2e/screenshots/``."""

from __future__ import annotations

import re

import pytest

from symbiose.registry.actions import check_save_stream, do_save_stream
from symbiose.resources.actions import (
    check_set_composition,
    do_save_competence,
    do_save_deposit,
    do_set_organisation_kind,
)
from tests.e2e.catalogue import english_interface_texts
from tests.e2e.test_every_page import SHOTS, WIDTHS, check_page, context_for

pytestmark = pytest.mark.browser


@pytest.fixture
def resources(world):
    dust, _ = check_save_stream(
        {"ref": "S-FJORD-GA", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Filterstøv fra ovn 2", "quantity": "1500",
         "unit": "t", "visibility": "public", "crm": "gallium;germanium",
         "sensitive_fields": ""},
        acting_user=world.owner,
    )  # fmt: skip
    check_set_composition(dust, [{"substance": "Ga", "content": "120", "unit": "ppm",
                                  "method": "estimate"},
                                 {"substance": "GeO2", "content": "55.5", "unit": "ppm"}],
                          acting_user=world.owner)  # fmt: skip
    do_save_stream(world.org, {"ref": "S-FJORD-SLAG", "crm": ["manganese"]},
                   acting_user=world.owner)  # fmt: skip
    do_save_deposit(
        world.org,
        {"ref": "D-FJORD-HEAP", "title": "Gammel slaggfylling", "quantity": 250000.0,
         "visibility": "public", "crm": ["gallium"], "lat": 58.12, "lon": 7.95},
        {"setting": "onshore", "accessibility": "open", "permit_status": "needed",
         "source": "Anslag (demo)"},
        acting_user=world.owner,
    )  # fmt: skip
    do_set_organisation_kind(world.outsider_org, "research_institute", acting_user=None)
    do_save_competence(
        world.outsider_org,
        {"kind": "test_facility", "title": "Leaching pilot for furnace dusts",
         "technology": "acid-leaching", "crm": ["gallium", "germanium"],
         "material_classes": ["filter_dust"], "trl": 5},
        acting_user=world.outsider,
    )  # fmt: skip
    return world


def test_a_visitor_follows_a_crm_to_a_technology_and_a_partner(browser, live_server, resources):
    page = browser.new_context(locale="en-GB").new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/resources/crm/")
    page.get_by_role("link", name="Gallium", exact=True).click()
    page.wait_for_url(re.compile(r"/resources/crm/gallium/"))
    assert page.get_by_text("Filterstøv fra ovn 2").is_visible()
    assert page.get_by_text("Gammel slaggfylling").is_visible()
    page.get_by_role("link", name="Filterstøv fra ovn 2").click()
    page.wait_for_url(re.compile(r"/resources/streams/S-FJORD-GA/"))
    assert page.get_by_role("heading", name="Who could work on this stream").is_visible()
    page.go_back()
    page.get_by_role("link", name="Acid or alkaline leaching (hydrometallurgy)").click()
    page.wait_for_url(re.compile(r"/resources/technologies/acid-leaching/"))
    assert page.get_by_text("TRL about 5–9").first.is_visible()
    page.get_by_role("link", name="Outsider AS").click()
    page.wait_for_url(re.compile(r"/resources/partners/ORG-OUT/"))
    assert page.get_by_text("Leaching pilot for furnace dusts").is_visible()
    assert page.get_by_text("research institute").is_visible()
    assert errors == []


def test_the_resource_pages_pass_the_page_checks_in_both_languages(browser, live_server, resources):
    SHOTS.mkdir(exist_ok=True)
    english = english_interface_texts()
    found = []
    visits = {
        None: ["/resources/crm/", "/resources/crm/gallium/", "/resources/deposits/",
               "/resources/streams/S-FJORD-GA/", "/resources/technologies/acid-leaching/",
               "/resources/partners/ORG-OUT/"],
        # "#…": check_page expects a 403 for a path ending in /edit/
        "owner": ["/organisations/ORG-FJORD/streams/new/",
                  "/streams/S-FJORD-GA/edit/#composition-rows",
                  "/resources/organisations/ORG-FJORD/competences/",
                  "/resources/organisations/ORG-FJORD/deposits/new/", "/resources/deposits/"],
    }  # fmt: skip
    for role, urls in visits.items():
        user = None if role is None else resources.role(role)
        for lang in ("nb", "en"):
            for width in WIDTHS:
                context = context_for(browser, live_server, user, lang, width)
                for path in urls:
                    page = context.new_page()
                    problems = check_page(page, live_server.url + path, lang, width, english)
                    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
                    page.screenshot(path=SHOTS / f"resources-{lang}-{width}-{name}.png",
                                    full_page=True)  # fmt: skip
                    found += [f"{role} {lang} {width} {path}: {p}" for p in problems]
                    page.close()
                context.close()
    assert not found, "\n".join(found)
