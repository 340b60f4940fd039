"""The network view keeps the allocation that maximises value within supply and demand."""

import io
import json

import pytest
from django.core.management import call_command

from symbiose.impact.network import allocate_network
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_organisation, check_save_stream


@pytest.fixture
def competition(db):
    """One slag offer of 1 000 t/yr and two road builders wanting 800 t/yr each."""
    for ref, lat in (("O-SMELT", 58.10), ("O-ROAD1", 58.12), ("O-ROAD2", 58.30)):
        check_save_organisation({"ref": ref, "name": ref, "lat": lat, "lon": 7.9},
                                acting_user=None)  # fmt: skip
    rows = [
        ("S-SLAG", "O-SMELT", "offer", "Granulated slag for road construction", "1000"),
        ("N-ROAD1", "O-ROAD1", "need", "Slag aggregate for road base", "800"),
        ("N-ROAD2", "O-ROAD2", "need", "Slag aggregate for road base", "800"),
    ]
    for ref, org, direction, title, qty in rows:
        check_save_stream({"ref": ref, "organisation_ref": org, "direction": direction,
                           "category": "material", "title": title, "quantity": qty,
                           "unit": "t", "visibility": "public"}, acting_user=None)  # fmt: skip
    do_recompute_all()


@pytest.mark.parametrize("objective", ["score", "co2"])
def test_allocation_never_exceeds_supply_or_demand(competition, objective):
    result = allocate_network(objective=objective)
    flows = {(r["offer"], r["need"]): r["flow"] for r in result.kept}
    assert result.status == "optimal"
    assert sum(f for (o, _n), f in flows.items() if o == "S-SLAG") <= 1000 + 1e-6
    assert all(f <= 800 + 1e-6 for f in flows.values())
    assert sum(flows.values()) == pytest.approx(1000, rel=1e-6)  # all supply is used


def test_allocation_prefers_the_better_match_first(competition):
    result = allocate_network(objective="score")
    flows = {r["need"]: r["flow"] for r in result.kept}
    scores = {r["need"]: r["score"] for r in result.kept + result.dropped}
    best = max(scores, key=scores.get)
    assert flows[best] == pytest.approx(800)


def test_allocate_command_prints_json(competition):
    out = io.StringIO()
    call_command("allocate", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["objective"] == "score" and data["kept"]


def test_outsiders_get_no_flows_that_would_reveal_quantities(world, competition):
    assert allocate_network(viewer=world.outsider).kept == []
    assert allocate_network(viewer=world.admin).kept


def test_unknown_objective_is_refused(db):
    with pytest.raises(ValueError, match="objective must be one of score, co2"):
        allocate_network(objective="profit")


def test_a_one_off_lot_is_listed_apart_not_shared_as_a_yearly_flow(competition):
    check_save_stream({"ref": "S-HEAP", "organisation_ref": "O-SMELT", "direction": "offer",
                       "category": "material", "title": "Granulated slag heap for roads",
                       "quantity": "5000", "unit": "t", "period": "once",
                       "visibility": "public"}, acting_user=None)  # fmt: skip
    do_recompute_all()
    result = allocate_network(objective="score")
    shared = {r["offer"] for r in result.kept + result.dropped}
    assert "S-HEAP" not in shared and "S-SLAG" in shared
    assert {p["offer"] for p in result.one_off} == {"S-HEAP"}
    flows = {(r["offer"], r["need"]): r["flow"] for r in result.kept}
    assert sum(flows.values()) == pytest.approx(1000, rel=1e-6)  # the lot adds no yearly flow


def test_the_allocate_command_says_how_many_lots_it_left_out(competition):
    from django.utils import translation

    check_save_stream({"ref": "S-HEAP", "organisation_ref": "O-SMELT", "direction": "offer",
                       "category": "material", "title": "Granulated slag heap for roads",
                       "quantity": "5000", "unit": "t", "period": "once",
                       "visibility": "public"}, acting_user=None)  # fmt: skip
    do_recompute_all()
    for lang, words in (("en", "one-off lot"), ("nb", "engangsparti")):
        out = io.StringIO()
        with translation.override(lang):
            call_command("allocate", stdout=out)
        assert words in out.getvalue() and ": 2 " in out.getvalue() + " ", out.getvalue()
