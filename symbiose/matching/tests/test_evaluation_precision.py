"""Precision on every evaluation set: the negative controls hold, and no pair without a shared
material, use, sector or waste code is proposed at all.

These run the engine on the shipped sets (the engine never reads ``truth.csv`` or
``negatives.csv``); they check promises that hold for any registry, not a figure to tune.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation

MATCHING = Path(__file__).resolve().parents[1]
SETS = ["evaluation", "evaluation2", "evaluation3", "evaluation4", "evaluation5", "evaluation6"]
LINKS = ("class", "relation")  # a shared class, or a use, sector, bridge or prior relation


@lru_cache(maxsize=5)
def engine(name: str) -> MatchEngine:
    streams, _truth = load_evaluation(MATCHING / name)
    return MatchEngine(streams)


@pytest.mark.parametrize("name", [s for s in SETS if (MATCHING / s / "negatives.csv").exists()])
def test_negative_controls_are_never_proposed_as_feasible(name):
    with (MATCHING / name / "negatives.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    e = engine(name)
    failed = []
    for row in rows:
        offer, need = row["offer_ref"], row["need_ref"]
        hits = [m for m in e.candidates_for(offer, top_n=10) if m.need_ref == need]
        hits += [m for m in e.candidates_for(need, top_n=10) if m.offer_ref == offer]
        if any(m.feasible for m in hits):
            failed.append((offer, need, row["reason"]))
    assert failed == []


@pytest.mark.parametrize("name", SETS)
def test_every_proposed_pair_shares_a_material_use_sector_or_waste_code(name):
    """Not only the feasible ones: a pair linked by wording alone is never stored or shown."""
    matches = engine(name).match_all(top_n=10)
    assert any(m.feasible for m in matches) and any(not m.feasible for m in matches)
    unlinked = [(m.offer_ref, m.need_ref) for m in matches
                if not any(m.components.get(k, 0) > 0 for k in LINKS)
                and not m.components.get("ewc", 0) >= 0.75]  # fmt: skip
    assert unlinked == []
