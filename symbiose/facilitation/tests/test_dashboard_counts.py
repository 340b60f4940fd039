"""The hub dashboard counts what the match board lists.

The dashboard reads only its best rows (``dashboard.SHOWN``) to list, draw and value them;
it used to count those too, so a hub with 677 candidates said "200 candidate matches". Here
``SHOWN`` is lowered below the hub's candidates so that a count of the read rows would show.
"""

from __future__ import annotations

import pytest

from symbiose.facilitation import access, dashboard
from symbiose.facilitation import board as board_module
from symbiose.facilitation.actions.hubpairs import do_build_all_hub_pairs
from symbiose.facilitation.models import HubPair
from symbiose.facilitation.tests.conftest import add_stream
from symbiose.matching.access import rank_rows
from symbiose.matching.actions import do_recompute_all


def _board_total(user, hub, **filters) -> int:
    return board_module.board(user, hub, board_module.Filters(**filters))["total"]


@pytest.fixture
def with_infeasible(crowded):
    """The crowded world plus two small heat needs 20 km from Fjordmetall's furnace: too far
    to pipe so little heat, so infeasible; the one that hides its site is feasible for those
    it hides it from (the check needs the site), as the board filters it."""
    for ref, hidden in (("S-OUT-HEAT", "location"), ("S-OUT-HEAT2", "")):
        add_stream(ref, "ORG-OUT", "need", "Heat for drying", category="heat", ewc_code="",
                   quantity="3", unit="GWh", temperature_c="60", sensitive_fields=hidden,
                   lat="58.33", lon="8.05")  # fmt: skip
    do_recompute_all()
    return crowded


@pytest.mark.parametrize("stored", [False, True])
@pytest.mark.parametrize("role", ["facilitator", "system_facilitator", "admin"])
def test_the_dashboard_counts_every_candidate_the_board_lists(
    with_infeasible, monkeypatch, role, stored
):
    crowded = with_infeasible
    monkeypatch.setattr(dashboard, "SHOWN", 2)
    if stored:
        do_build_all_hub_pairs()
    else:
        HubPair.objects.all().delete()
    user, hub = crowded.role(role), crowded.hub
    dash = dashboard.build(user, hub)
    every = rank_rows(user, access.hub_candidate_rows(user, hub))
    assert len(dash["candidates"]) == 2 < len(every)
    assert dash["candidate_count"] == _board_total(user, hub) == len(every)
    feasible = sum(1 for _c, fig in every if fig["feasible"])
    assert dash["feasible_count"] == _board_total(user, hub, feasibility="feasible") == feasible
    assert 0 < feasible < len(every)  # both kinds are there, so a wrong flag would show
