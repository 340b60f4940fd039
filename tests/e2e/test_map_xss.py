"""Stored XSS on the maps: a stream title with markup is shown as text and never runs."""

from __future__ import annotations

import pytest

from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_add_member,
    do_create_user,
)
from tests.workers import drain, failed

pytestmark = pytest.mark.browser
PASSWORD = "Grønn-symbiose-2026"
PAYLOAD = '<img src="x" onerror="window.__xss=1">Slag<script>window.__xss=2</script>'


@pytest.fixture
def two_companies(transactional_db):
    attacker = do_create_user("a@angrep.example.no", PASSWORD, acting_user=None)
    org, _ = check_save_organisation(
        {"ref": "ORG-A", "name": "Angrep AS", "lat": "58.1", "lon": "8.0"}, acting_user=None
    )
    do_add_member(org, attacker, acting_user=None, role="admin")
    check_save_stream(
        {"ref": "S-A", "organisation_ref": "ORG-A", "direction": "offer", "category": "material",
         "title": PAYLOAD, "ewc_code": "100202", "visibility": "public"},
        acting_user=attacker,
    )  # fmt: skip
    victim = do_create_user("v@offer.example.no", PASSWORD, acting_user=None)
    org, _ = check_save_organisation(
        {"ref": "ORG-V", "name": "Offer AS", "lat": "58.2", "lon": "8.1"}, acting_user=None
    )
    do_add_member(org, victim, acting_user=None, role="admin")
    check_save_stream(
        {"ref": "S-V", "organisation_ref": "ORG-V", "direction": "need", "category": "material",
         "title": "Slag for cement", "ewc_code": "100202", "visibility": "public"},
        acting_user=victim,
    )  # fmt: skip
    assert drain() >= 1 and not failed()  # the task worker computes the match
    return victim


def test_markup_in_a_title_is_shown_as_text_on_the_maps(browser, live_server, two_companies):
    page = browser.new_context(locale="en-GB").new_page()
    csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_errors.append(m))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("v@offer.example.no")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    for path in ("/streams/S-V/matches/", "/map/"):
        page.goto(live_server.url + path)
        markers = page.locator("path.leaflet-interactive")
        markers.first.wait_for()
        tip = page.locator(".leaflet-tooltip, .leaflet-popup-content").filter(has_text="onerror")
        for n in range(markers.count()):
            markers.nth(n).dispatch_event("mouseover")
            markers.nth(n).dispatch_event("click")  # the resource map opens a pop-up on click
            page.wait_for_timeout(200)
            if tip.count():
                break
        assert "<img" in tip.first.inner_text(), path  # the markup is text ...
        assert page.locator(".leaflet-pane img[src='x']").count() == 0  # ... not an element
        assert page.evaluate("window.__xss") is None
    assert csp_errors == []  # our own pages need nothing the policy forbids
