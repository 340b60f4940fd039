"""axe-core (vendored from npm, tests/e2e/vendor/axe-core) finds no serious or critical
accessibility violation on the main journeys' pages, in Norwegian, on a phone and a screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_every_page import site  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
    )
    return found


def test_main_journeys_have_no_serious_accessibility_violations(
    browser,
    live_server,
    world,
    site,  # noqa: F811
):
    journeys = {
        None: ["/", "/accounts/signup/", "/accounts/login/", "/map/"],
        world.owner: [
            "/streams/",
            f"/organisations/{world.org.ref}/streams/new/",
            f"/streams/{world.secret_stream.ref}/matches/",
            f"/contact/{site['contact'].pk}/",
        ],  # fmt: skip
        world.facilitator: [
            f"/hub/{world.hub.slug}/",
            f"/hub/{world.hub.slug}/matches/",
            f"/hub/o/{site['opportunity'].ref}/",
            f"/hub/{world.hub.slug}/workshops/{site['workshop'].pk}/",
        ],  # fmt: skip
    }
    found = []
    for user, urls in journeys.items():
        for width in (390, 1366):
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          bypass_csp=True)  # fmt: skip
            context.add_cookies([c for c in _cookies(live_server, user)])
            page = context.new_page()
            for url in urls:
                page.goto(live_server.url + url, wait_until="networkidle")
                found += [f"{width} {url}: {v}" for v in violations(page)]
            context.close()
    assert not found, "\n".join(found)


def _cookies(live_server, user) -> list[dict]:
    from django.test import Client

    cookies = [{"name": "django_language", "value": "nb", "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append({"name": "sessionid", "value": client.cookies["sessionid"].value,
                        "url": live_server.url})  # fmt: skip
    return cookies
