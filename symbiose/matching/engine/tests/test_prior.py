"""The statistical flow prior: learned from the first two evaluation sets only, one explained
component of a pair's relation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.prior import MATCHING_DIR, PRIOR_CSV, TRAINING_SETS
from symbiose.matching.engine.tests.conftest import make
from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.knowledge import flow_prior, sector_inputs
from symbiose.taxonomy.materials import ancestors, materials_by_id


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_prior_rows_come_from_documented_pairs_of_the_first_two_sets_only():
    truth = {
        name: {(r["offer_ref"], r["need_ref"]) for r in _rows(MATCHING_DIR / name / "truth.csv")}
        for name in (*TRAINING_SETS, "evaluation3")
    }
    rows = _rows(PRIOR_CSV)
    assert len(rows) > 50
    seen = 0
    for row in rows:
        pairs = row["pairs"].split(";")
        assert int(row["exchanges"]) == len(pairs), row
        assert row["sources"].strip(), row
        for p in pairs:
            name, refs = p.split(":", 1)
            offer, need = refs.split(">")
            assert name in TRAINING_SETS, p  # evaluation3 stays held out
            assert (offer, need) in truth[name], p
            seen += 1
    assert seen <= sum(len(truth[n]) for n in TRAINING_SETS)


def _prior_only_rows():
    """Learned (class, division) rows with 2+ exchanges that the sector profile lacks, and an
    English term that classifies to the class."""
    out = []
    for (cls, division), k in sorted(flow_prior().items()):
        m = materials_by_id()[cls]
        if k < 2 or m.category != "material" or not m.terms_en:
            continue
        if set(ancestors(cls)) & {c for c, _w in sector_inputs((division,))}:
            continue
        term = m.terms_en[0].lstrip("*").rstrip("=")
        hit = classify(term).classes
        if hit and hit[0].class_id == cls:
            out.append((cls, division, term))
    return out


def test_some_learned_flows_are_not_in_the_sector_profiles():
    # Otherwise the prior would add nothing the knowledge base does not already say.
    assert len(_prior_only_rows()) >= 3


@pytest.mark.parametrize("cls, division, term", _prior_only_rows()[:6])
def test_prior_links_a_need_that_names_nothing_to_what_its_sector_received(cls, division, term):
    streams = [
        make("o", "offer", term.capitalize(), lat=59.22, lon=10.93),
        make("n", "need", "Raw material", nace=division),
        make("x", "need", "Raw material", nace="99"),  # extraterritorial bodies: no prior
    ]
    got = {m.need_ref: m for m in MatchEngine(streams).candidates_for("o", top_n=10)}
    assert "n" in got and got["n"].components["prior"] > 0, list(got)
    assert got["n"].feasible
    text = " | ".join(render(r) for r in got["n"].reasons)
    assert "Documented exchanges sent" in text and f"({division} " in text, text
    assert "x" not in got or got["x"].components.get("prior", 0) == 0
    if "x" in got:
        assert got["x"].score < got["n"].score
