"""A stream's matches page while its candidates are being computed (issue 13): it says they
are on their way and never that no partner was found, also when the worker finishes while
the page is being built."""

from __future__ import annotations

import pytest

from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream
from symbiose.web.views import matches as view

COMMON = {"category": "material", "unit": "t", "period": "year", "visibility": "public",
          "ewc_code": "03 01 01", "quantity": "2000"}  # fmt: skip
ON_THEIR_WAY = "We are looking for partners for this stream right now."
NONE_FOUND = "No partners found yet."


@pytest.fixture
def saved_bark(world):
    """A need stored with its candidates, then the owner's new bark offer, its refresh not
    yet run (its change pending)."""
    check_save_stream({**COMMON, "ref": "S-OUT-BARK", "organisation_ref": "ORG-OUT",
                       "direction": "need", "title": "Bark for the boiler"},
                      acting_user=None)  # fmt: skip
    do_recompute_all()
    check_save_stream({**COMMON, "ref": "S-FJORD-BARK", "organisation_ref": "ORG-FJORD",
                       "direction": "offer", "title": "Bark from the sawmill"},
                      acting_user=world.owner)  # fmt: skip
    return world


def _page(client, world) -> str:
    client.force_login(world.owner)
    client.cookies["django_language"] = "en"
    response = client.get("/streams/S-FJORD-BARK/matches/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Possible partners for “Bark from the sawmill”" in page
    return page


def test_a_page_asked_for_before_the_refresh_says_partners_are_on_their_way(client, saved_bark):
    page = _page(client, saved_bark)
    assert ON_THEIR_WAY in page and 'http-equiv="refresh"' in page
    assert NONE_FOUND not in page


def test_a_refresh_finishing_while_the_page_is_built_never_reads_as_none_found(
    client, saved_bark, monkeypatch
):
    real = view.matches_for_stream

    def read_then_the_worker_finishes(*args, **kwargs):
        found = real(*args, **kwargs)  # read while the refresh is still pending
        do_recompute_all()  # the worker stores the candidates and marks the change handled
        return found

    monkeypatch.setattr(view, "matches_for_stream", read_then_the_worker_finishes)
    page = _page(client, saved_bark)
    assert ON_THEIR_WAY in page and NONE_FOUND not in page
    monkeypatch.undo()
    ready = _page(client, saved_bark)  # the next load shows them, with no notice
    assert ON_THEIR_WAY not in ready and 'http-equiv="refresh"' not in ready
    assert "Bark for the boiler" in ready
