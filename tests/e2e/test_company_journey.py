"""The company journey in a real browser (Debian Chromium): sign up, register an organisation
and an offer without knowing its code, see matches, ask for contact; the counterpart accepts;
both see what was revealed and nothing more."""

from __future__ import annotations

import re

import pytest

from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_add_member,
    do_create_user,
    do_verify_organisation,
)
from tests.e2e.mailbox import sign_up_link
from tests.workers import drain, failed

pytestmark = pytest.mark.browser
PASSWORD = "Grønn-symbiose-2026"
COUNTERPART_SECRET = "Pays 812 NOK per tonne, contract SEM-4471"
MY_SECRET = "Our furnace 3 recipe FeMn-HC-882"


@pytest.fixture
def counterpart(transactional_db):
    user = do_create_user("innkjop@sement.example.no", PASSWORD, acting_user=None)
    org, _ = check_save_organisation(
        {"ref": "ORG-SEM", "name": "Sementfabrikken AS", "municipality": "Kristiansand",
         "org_number": "923456783", "lat": "58.10", "lon": "8.05"},
        acting_user=None,
    )  # fmt: skip
    do_add_member(org, user, acting_user=None, role="admin")
    # A verified organisation: its members see the "members" streams of others.
    assert do_verify_organisation(org, acting_user=None)
    for i in range(2):  # with it, enough organisations that Kristiansand names no one
        check_save_organisation({"ref": f"ORG-KRS-{i}", "name": f"Kristiansand {i} AS",
                                 "municipality": "Kristiansand"}, acting_user=None,
                                data_source="facilitator")  # fmt: skip
    check_save_stream(
        {"ref": "S-SEM-SLAG", "organisation_ref": "ORG-SEM", "direction": "need",
         "category": "material", "title": "Slag for cement production",
         "description": COUNTERPART_SECRET, "sensitive_fields": "description",
         "visibility": "public"},
        acting_user=user,
    )  # fmt: skip
    return user


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_new_company_finds_a_partner_and_both_see_only_what_was_revealed(
    browser, live_server, counterpart
):
    base = live_server.url
    me = browser.new_context(locale="en-GB").new_page()
    errors = []
    me.on("pageerror", lambda err: errors.append(str(err)))
    me.goto(f"{base}/accounts/signup/")
    me.get_by_label("Your name").fill("Kari Nordmann")
    me.get_by_label("E-mail").fill("kari@smelteverk.example.no")
    me.get_by_role("button", name="Create account").click()
    me.wait_for_url(re.compile(r"/accounts/signup/sent/"))
    me.goto(sign_up_link("kari@smelteverk.example.no"))  # the password is chosen from the e-mail
    me.get_by_label("Password").fill(PASSWORD)
    me.get_by_role("button", name="Create account").click()

    me.wait_for_url(re.compile(r"/organisations/new/"))
    me.get_by_label("Organisation name").fill("Smelteverket AS")
    me.locator("#site-map").click()  # the map's centre is in Norway: fills the municipality
    me.wait_for_function("document.getElementById('id_municipality').value !== ''")
    me.get_by_label("Municipality").fill("Kristiansand")
    me.get_by_label("Municipality").dispatch_event("change")
    me.wait_for_function("document.getElementById('id_lat').value !== ''")
    me.get_by_role("button", name="Save and continue").click()

    me.wait_for_url(re.compile(r"/streams/new/"))
    me.get_by_label("offer").check()
    me.get_by_label("Describe it in a few words").fill("slag from the smelter")
    suggestion = me.locator("#ewc-suggestions button").first
    suggestion.wait_for()
    suggestion.click()
    assert re.fullmatch(r"\d\d \d\d \d\d", me.get_by_label("Waste code (EWC)").input_value())
    me.get_by_label("Details").fill(MY_SECRET)
    me.locator("#stream-site-map").click()  # this stream at another site ...
    me.wait_for_function("document.getElementById('id_lat').value !== ''")
    me.get_by_role("button", name="Use the organisation's site").click()  # ... or not after all
    assert me.get_by_label("Latitude").input_value() == ""
    me.locator("input[name=sensitive_fields][value=description]").check()
    me.get_by_role("button", name="Save and see matches").click()

    me.wait_for_url(re.compile(r"/matches/"))
    assert me.get_by_text("looking for partners for this stream right now").is_visible()
    assert drain() >= 1 and not failed()  # the task worker's turn (scripts/run starts one)
    card = me.locator("article.card", has_text="Slag for cement production")
    assert COUNTERPART_SECRET not in me.content()
    card.get_by_role("link", name="Ask to be put in touch").click()
    me.locator("input[name=fields][value=description]").check()
    # Our stream shows our name to members, so they could guess who asks: hide it first.
    assert me.get_by_text("They may guess who you are").is_visible()
    me.get_by_label("Hide our name on this stream").check()
    me.get_by_label("Message to them").fill("We have slag that may suit your kiln.")
    me.get_by_role("button", name="Send request").click()
    me.wait_for_url(re.compile(r"/contact/\d+/"))
    contact_url = me.url
    assert COUNTERPART_SECRET not in me.content()

    them = browser.new_context(locale="en-GB").new_page()
    sign_in(them, base, "innkjop@sement.example.no")
    them.goto(contact_url)
    text = them.content()
    assert "slag from the smelter" in text and "suit your kiln" in text
    assert "Smelteverket AS" not in text and "kari@smelteverk" not in text
    assert MY_SECRET not in text
    them.goto(f"{base}/streams/S-SEM-SLAG/matches/")
    text = them.content()
    assert "slag from the smelter" in text and "Smelteverket AS" not in text  # hidden identity
    assert "An organisation in Kristiansand" in text
    them.goto(contact_url)
    them.get_by_role("button", name="Accept").click()
    them.wait_for_url(contact_url)
    text = them.content()
    assert "Smelteverket AS" in text and "kari@smelteverk.example.no" in text
    assert MY_SECRET in text
    them.get_by_label("Message").fill("Welcome, let us meet.")
    them.get_by_role("button", name="Send").click()

    me.goto(contact_url)
    text = me.content()
    assert "Sementfabrikken AS" in text and "innkjop@sement.example.no" in text
    assert "Welcome, let us meet." in text
    assert COUNTERPART_SECRET not in text  # they chose to reveal nothing
    assert errors == []
