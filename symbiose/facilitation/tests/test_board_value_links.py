"""A pair on the facilitator's match board links to its value page ("How was this
computed?"), as a company's own match cards do, and every such link opens for each viewer
of the board: before, a facilitator could see a pair's worth but never how it was made."""

from __future__ import annotations

import re

import pytest

from symbiose.facilitation.tests.conftest import login
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("viewer", ["facilitator", "system_facilitator"])
def test_every_valued_pair_on_the_board_links_to_a_value_page_that_opens(client, hubworld,
                                                                          viewer):  # fmt: skip
    check_save_stream({"ref": "S-VARME-SLAG", "organisation_ref": "ORG-VARME",
                       "direction": "need", "category": "material", "title": "Slag for roads",
                       "quantity": "500", "unit": "t", "period": "year",
                       "visibility": "public", "ewc_code": "10 02 02"},
                      acting_user=None)  # fmt: skip
    do_recompute_all()
    login(client, getattr(hubworld, viewer))
    client.cookies["django_language"] = "en"
    page = client.get("/hub/testpark/matches/").content.decode()
    assert "Net benefit" in page  # the board values its pairs
    links = re.findall(r'<a href="(/impact/[^"]+/)">How was this computed\?</a>', page)
    assert links and len(links) == page.count("Net benefit")
    for url in links:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "What is it worth?" in response.content.decode()
