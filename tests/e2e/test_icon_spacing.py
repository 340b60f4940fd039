"""An icon before its words keeps a space in running text ("⏲ Waiting for their answer"), as
in buttons and badges, where the flex box's gap gives it; it never gets two."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.browser

#: Space in px between an icon's right edge and the first letter of the words after it.
GAP = """el => {
  const icon = el.querySelector('svg.icon');
  const text = [...el.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  return range.getBoundingClientRect().left - icon.getBoundingClientRect().right;
}"""


def test_an_icon_in_running_text_and_in_a_button_keeps_one_space(browser, live_server, world):
    client = Client()
    client.force_login(world.owner)
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])  # fmt: skip
    page = context.new_page()
    page.goto(f"{live_server.url}/search/?q=slag")
    link = page.locator("a[href='/search/saved/']")  # a plain link: running text
    button = page.get_by_role("button", name="Search", exact=True)  # a flex box with a gap
    text_gap, button_gap = link.evaluate(GAP), button.evaluate(GAP)
    assert 3 <= text_gap <= 8, text_gap
    assert 3 <= button_gap <= 8, button_gap
    page.goto(f"{live_server.url}/streams/")
    fact = page.locator(".item-facts > span:has(svg.icon)").first  # a flex item with a gap
    assert 3 <= fact.evaluate(GAP) <= 8, fact.evaluate(GAP)
    context.close()
