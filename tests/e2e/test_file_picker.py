"""The file picker in a real browser: our button in the page's language, the browser's own
"Choose File" out of sight, and the chosen file's name shown beside the button."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "button", "none"),
                         [("nb", "Velg en fil", "Ingen fil valgt"),
                          ("en", "Choose a file", "No file chosen")])  # fmt: skip
def test_the_file_picker_speaks_the_page_language_and_names_the_file(
    browser, live_server, world, tmp_path, lang, button, none
):
    client = Client()
    client.force_login(world.facilitator)
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 800})
    context.add_cookies(
        [{"name": k, "value": v.value, "url": live_server.url} for k, v in client.cookies.items()]
        + [{"name": "django_language", "value": lang, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/hub/testpark/import/")
    picker = page.locator(".file-pick")
    assert picker.locator(".file-button").inner_text().strip() == button
    assert picker.locator(".file-name").inner_text().strip() == none
    assert page.locator("#id_file").evaluate("el => getComputedStyle(el).opacity") == "0"
    path = tmp_path / "streams.csv"
    path.write_text("ref,title\n", encoding="utf-8")
    page.set_input_files("#id_file", str(path))
    assert picker.locator(".file-name").inner_text().strip() == "streams.csv"
    # a click on our button opens the browser's picker: the invisible input lies over it
    box = picker.locator(".file-button").bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).id",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit == "id_file"
    context.close()
