"""Offers named only by their process meet the needs of what that process leaves.

"Residues from beer production" names no material; breweries leave spent grain, which farms
feed (issue 12, "needs and offers understood from their organisation"). The reason names the
producer's sector, and a process's residue does not go back to that process.
"""

from __future__ import annotations

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.tests.conftest import make


def test_an_offer_named_by_its_process_meets_a_need_for_what_the_process_leaves():
    streams = [make("grain", "offer", "Residues from beer production"),
               make("steel", "offer", "Reststoffe aus der Stahlerzeugung"),
               make("feed", "need", "Fôr til storfe"),
               make("road", "need", "Aggregate for road base")]  # fmt: skip
    engine = MatchEngine(streams)
    feed = engine.candidates_for("feed", top_n=5)
    assert [m.offer_ref for m in feed][:1] == ["grain"] and feed[0].feasible
    texts = [render(r) for r in feed[0].reasons]
    assert any("Typical side stream of the offer's sector (11.05" in t for t in texts), texts
    road = engine.candidates_for("road", top_n=5)
    assert [m.offer_ref for m in road][:1] == ["steel"] and road[0].feasible


def test_what_a_process_leaves_is_no_raw_material_for_the_same_process():
    streams = [make("res", "offer", "Residues from paper production"),
               make("mill", "need", "Raw material for the paper mill")]  # fmt: skip
    engine = MatchEngine(streams)
    assert "paper_production" not in engine.features("res").uses_class
    got = engine.candidates_for("mill", top_n=5, include_infeasible=True)
    assert all(m.components.get("relation", 0) < 0.8 for m in got)
