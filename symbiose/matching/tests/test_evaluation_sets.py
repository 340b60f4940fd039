"""The evaluation sets load, pass the listing template's validation and keep their promises."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from symbiose.matching.engine.evalset import load_evaluation
from symbiose.registry.importers.listing import plan_import
from symbiose.registry.importers.sources import read_paths

MATCHING = Path(__file__).resolve().parents[1]
SECOND = MATCHING / "evaluation2"
THIRD = MATCHING / "evaluation3"
FOURTH = MATCHING / "evaluation4"
FIFTH = MATCHING / "evaluation5"
SIXTH = MATCHING / "evaluation6"
SEVENTH = MATCHING / "evaluation7"
SETS = [MATCHING / "evaluation", SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH]
HELD_OUT = [SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH]
HELD_OUT_IDS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.django_db
@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_evaluation_set_passes_the_template_validation(folder):
    plan = plan_import(read_paths([folder]), nace_revision="2.1")
    assert plan.problems == []
    streams, truth = load_evaluation(folder)
    refs = {s.ref: s for s in streams}
    for offer, need in truth:
        assert refs[offer].direction == "offer" and refs[need].direction == "need"


SIZES = [(SECOND, 200), (THIRD, 100), (FOURTH, 60), (FIFTH, 60), (SIXTH, 40), (SEVENTH, 60)]


@pytest.mark.parametrize(("folder", "size"), SIZES, ids=HELD_OUT_IDS)
def test_held_out_set_has_its_exchanges_with_a_cited_source_and_year(folder, size):
    truth = _rows(folder / "truth.csv")
    assert len(truth) >= size
    assert len({(t["offer_ref"], t["need_ref"]) for t in truth}) == len(truth)
    for t in truth:
        assert t["source"].strip() and t["year"].isdigit(), t
        assert t["evidence"] in ("case", "practice"), t


@pytest.mark.parametrize("folder", HELD_OUT, ids=HELD_OUT_IDS)
def test_held_out_set_has_at_least_half_its_needs_naming_no_material(folder):
    truth = _rows(folder / "truth.csv")
    streams = {s["ref"]: s for s in _rows(folder / "streams.csv")}
    phrasing = {t["need_ref"]: t["need_phrasing"] for t in truth}
    assert set(phrasing.values()) <= {"material", "use", "sector"}
    materialless = [ref for ref, kind in phrasing.items() if kind != "material"]
    assert len(materialless) >= 0.5 * len(phrasing)
    # A need that names no material carries no waste code either.
    assert all(not streams[ref]["ewc_code"] for ref in materialless)


CONTROLS = [(SECOND, 10), (THIRD, 8), (FOURTH, 8), (FIFTH, 8), (SIXTH, 8), (SEVENTH, 8)]


@pytest.mark.parametrize(("folder", "size"), CONTROLS, ids=HELD_OUT_IDS)
def test_held_out_set_negative_controls_pair_an_offer_with_a_need(folder, size):
    streams, _truth = load_evaluation(folder)
    refs = {s.ref: s for s in streams}
    negatives = _rows(folder / "negatives.csv")
    assert len(negatives) >= size
    for row in negatives:
        assert refs[row["offer_ref"]].direction == "offer"
        assert refs[row["need_ref"]].direction == "need"
        assert row["reason"].strip()
