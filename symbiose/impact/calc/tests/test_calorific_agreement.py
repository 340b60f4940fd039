"""Matching and value read a fuel's calorific value the same way: every lower heating value in
the matching knowledge (``taxonomy/data/class_knowledge.csv``, as received) of a class the
value model burns lies inside the value model's low-high range as received
(``impact/data/energy.csv`` through :func:`net_calorific_value`)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from symbiose.impact.calc.energy_recovery import fuel_family, net_calorific_value
from symbiose.impact.calc.factors import Lookup, load_factors

KNOWLEDGE = Path(__file__).resolve().parents[3] / "taxonomy" / "data" / "class_knowledge.csv"
ROWS = [r for r in csv.DictReader(KNOWLEDGE.open(encoding="utf-8")) if r["lhv_mj_kg"]]
LOOK = Lookup(load_factors())


def value_range(cls: str) -> tuple[float, float] | None:
    family = fuel_family(cls)
    if family is None:
        return None
    low = net_calorific_value(LOOK.with_case("low"), family)[0]
    high = net_calorific_value(LOOK.with_case("high"), family)[0]
    return low, high


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["class"])
def test_a_knowledge_calorific_value_lies_in_the_value_models_range(row):
    span = value_range(row["class"])
    if span is None:
        pytest.skip("the value model does not burn this class")
    low, high = span
    assert low <= float(row["lhv_mj_kg"]) <= high, (row["class"], low, high)


def test_the_classes_that_disagreed_before_now_agree():
    """Sugar residue (8), coffee grounds (12), animal by-products (8) and solvents (25) lay
    outside the value model's range before; each is a class the value model burns."""
    for cls in ("sugar_residue", "coffee_grounds", "animal_byproduct", "solvent"):
        assert value_range(cls) is not None, cls
    assert len(ROWS) > 25
