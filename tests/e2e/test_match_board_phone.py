"""The facilitator's match board on a 390 px phone: each pair reads as one block with its fit,
worth and distance in view, not in a table that must be scrolled sideways."""

from __future__ import annotations

import pytest
from django.test import Client

from symbiose.facilitation.tests.conftest import hubworld  # noqa: F401 - Testpark with matches

pytestmark = pytest.mark.browser


def test_the_match_board_stacks_each_pair_on_a_phone(browser, live_server, hubworld):  # noqa: F811
    client = Client()
    client.force_login(hubworld.facilitator)
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": "nb", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/hub/testpark/matches/")
    rows = page.locator("table.board tbody tr")
    assert rows.count() >= 1 and page.locator("table.board td[data-label]").count() >= 6
    wrap = page.locator("table.board").locator("xpath=..")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "the board scrolls sideways"
    first = rows.first
    for label in ("Treff", "Verdi", "Avstand"):
        cell = first.locator(f'td[data-label="{label}"]')
        assert cell.count() == 1, label
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    context.close()
