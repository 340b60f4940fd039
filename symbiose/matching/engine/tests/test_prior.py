"""The statistical flow prior: learned from the first two evaluation sets only, one explained
component of a pair's relation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.prior import MATCHING_DIR, PRIOR_CSV, TRAINING_SETS
from symbiose.matching.engine.specificity import FOCUS_WEIGHT
from symbiose.matching.engine.tests.conftest import make
from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.knowledge import flow_prior, sector_inputs
from symbiose.taxonomy.legal import listing_marks
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
        if listing_marks(term):  # "used cooking oil" is catering waste: the law may block it
            continue
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


def test_documented_flows_rank_first_among_offers_that_serve_the_same_named_use():
    # Both serve the cattle farm's named use (feed) and neither shares a named class with
    # it; documented exchanges sent brewers' grain to farms six times and fish offal only
    # through its parent class. The prior, beside the use, now ranks them; before, they tied
    # (the relations now differ only by how many uses each class has, FOCUS_WEIGHT at most).
    streams = [make("n", "need", "Fôr til storfe", nace="01.41"),
               make("z_grain", "offer", "Brewers' spent grain"),
               make("a_offal", "offer", "Fish offal")]  # fmt: skip
    got = MatchEngine(streams).candidates_for("n", top_n=5)
    by = {m.offer_ref: m.components for m in got}
    assert min(by["z_grain"]["relation"], by["a_offal"]["relation"]) >= 0.8
    assert abs(by["z_grain"]["relation"] - by["a_offal"]["relation"]) <= FOCUS_WEIGHT
    assert by["z_grain"]["prior"] > by["a_offal"]["prior"] > 0
    assert by["z_grain"]["what"] > by["a_offal"]["what"]
    assert [m.offer_ref for m in got][0] == "z_grain"
