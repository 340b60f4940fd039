"""The hub dashboard counts what the match board lists.

The dashboard reads only its best rows (``dashboard.SHOWN``) to list, draw and value them;
it used to count those too, so a hub with 677 candidates said "200 candidate matches". Here
``SHOWN`` is lowered below the hub's candidates so that a count of the read rows would show.
"""

from __future__ import annotations

import pytest
from django.utils import translation

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


def test_figures_made_from_the_best_rows_say_how_many_of_how_many(with_infeasible, monkeypatch):
    """The Sankey draws the feasible ones among the best ``SHOWN``, the impact table values
    the best ``limit`` feasible: each says "best n of N" when the hub has more."""
    monkeypatch.setattr(dashboard, "SHOWN", 2)
    user, hub = with_infeasible.facilitator, with_infeasible.hub
    dash = dashboard.build(user, hub)
    total = dash["feasible_count"]
    assert dash["sankey_legend"] == f"best 2 of {total} feasible candidate matches"
    opps = list(access.visible_opportunities(user).filter(hub=hub))
    assert f"best 3 of {total} feasible candidate matches" in dashboard.impact(
        user, hub, opps, limit=3
    )
    assert "feasible candidate matches" in dashboard.impact(user, hub, opps)  # all valued
    with translation.override("nb"):
        assert dashboard.best_of(100, 1450) == (
            "de beste 100 av 1\N{NO-BREAK SPACE}450 gjennomførbare mulige koblinger"
        )


@pytest.mark.parametrize("role", ["facilitator", "system_facilitator", "admin", "outsider"])
def test_one_reading_gives_the_best_rows_and_the_counts_as_two_would(with_infeasible, role):
    from symbiose.facilitation import ranking

    user, hub = with_infeasible.role(role), with_infeasible.hub
    for k in (1, 2, 5, 200):
        rows = ranking.hub_rows(user, hub)
        top, total, feasible = ranking.top_and_counts(user, rows, k)
        assert top == ranking.top_rows(user, rows, k)
        assert (total, feasible) == ranking.feasible_counts(user, rows)
