"""Where each role lands, and the page a refused role sees."""

from __future__ import annotations

import pytest


def test_a_hub_facilitator_lands_on_the_hub_dashboard(client, world):
    client.force_login(world.facilitator)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/hub/testpark/"


def test_a_company_member_lands_on_my_streams(client, world):
    client.force_login(world.owner)
    assert client.get("/")["Location"] == "/streams/"


def test_a_facilitator_without_an_organisation_gets_no_my_streams_link(client, world):
    client.force_login(world.facilitator)
    page = client.get("/hub/").content.decode()
    assert 'href="/streams/"' not in page and 'href="/hub/"' in page


@pytest.mark.parametrize(("lang", "text"), [("nb", "Denne siden er ikke for din rolle"),
                                            ("en", "This page is not for your role")])  # fmt: skip
def test_a_system_facilitator_refused_a_write_sees_a_page_in_their_language(
    client, world, lang, text
):
    client.force_login(world.system_facilitator)
    client.cookies["django_language"] = lang
    response = client.get("/hub/testpark/edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert text in page and f'<html lang="{lang}">' in page and 'class="brand"' in page


def test_the_portfolio_explains_its_totals_and_the_score_levels(client, world):
    client.force_login(world.facilitator)
    client.cookies["django_language"] = "en"
    page = client.get("/hub/portfolio/").content.decode()
    assert "How the totals are made" in page and "/ 20" in page
    form = client.get("/hub/testpark/assess/").content.decode()
    assert "3 – under way, with first results" in form
