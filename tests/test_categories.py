"""One category specification (taxonomy/categories.py): every layer reads it, none redefines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from symbiose.impact.calc.exchange import CANONICAL_UNITS, FALLBACK_CLASS
from symbiose.matching.engine import physics
from symbiose.matching.engine.types import CATEGORIES as ENGINE_CATEGORIES
from symbiose.registry import units, validation
from symbiose.registry.models import CATEGORIES as MODEL_CHOICES
from symbiose.registry.models import Stream
from symbiose.taxonomy.categories import CATEGORIES, CATEGORY_KEYS, opportunity_kind


def test_every_layer_knows_exactly_the_specified_categories():
    keys = list(CATEGORY_KEYS)
    assert [k for k, _label in MODEL_CHOICES] == keys
    assert [k for k, _label in Stream._meta.get_field("category").choices] == keys
    assert list(ENGINE_CATEGORIES) == keys
    assert list(units.CATEGORY_UNITS) == keys and list(CANONICAL_UNITS) == keys
    assert set(validation.CATEGORY_WORDS.values()) == set(keys)


def test_each_category_is_counted_in_one_of_its_own_units():
    for c in CATEGORIES:
        assert CANONICAL_UNITS[c.key] == c.canonical_unit
        assert c.canonical_unit in units.CATEGORY_UNITS[c.key]


def test_pipe_bound_categories_are_the_ones_the_physics_limits():
    assert set(physics.LOCAL) == {c.key for c in CATEGORIES if c.pipe_bound}
    assert physics.LOCAL == {"heat": 0, "cold": 1, "water": 2, "gas": 3}  # its limit order


def test_fallback_classes_and_opportunity_kinds_follow_the_specification():
    assert FALLBACK_CLASS == {"material": "unclassified", "water": "water", "gas": "gas_other"}
    assert {c.key: opportunity_kind(c.key) for c in CATEGORIES} == {
        "material": "by-product", "heat": "utility", "cold": "utility",
        "water": "utility", "gas": "by-product", "service": "by-product",
    }  # fmt: skip
    assert opportunity_kind("unknown") == "by-product"


def test_the_classifier_falls_back_to_each_category_s_listing_class():
    from symbiose.taxonomy.classify import classify
    from symbiose.taxonomy.materials import materials_by_id

    for c in CATEGORIES:
        found = classify("qqqq zzzz", category=c.key).classes
        if c.listing_class is None:
            assert found == (), c.key
            continue
        assert materials_by_id()[c.listing_class].category == c.key
        assert [(h.class_id, h.weight, h.source) for h in found] == [
            (c.listing_class, c.listing_weight, "category")
        ]


def test_utilities_thermal_categories_and_too_far_reasons_come_from_the_specification():
    from symbiose.matching.engine.features import UTILITY_ROOTS
    from symbiose.matching.engine.reasons import R_TOO_FAR
    from symbiose.taxonomy.suggest import UTILITY_CATEGORIES

    utilities = {c.key for c in CATEGORIES if c.opportunity_kind == "utility"}
    assert UTILITY_CATEGORIES == utilities
    assert UTILITY_ROOTS == {c.listing_class for c in CATEGORIES if c.key in utilities}
    assert {k: r.template for k, r in R_TOO_FAR.items()} == {c.key: c.too_far for c in CATEGORIES}


# --- Category names appear only in the specification --------------------------------------
ROOT = Path(__file__).resolve().parents[1]


def category_groups(source: str) -> list[int]:
    """Line numbers of literal collections (tuple, list, set, dict keys) that name two or more
    categories: a rule that treats some categories alike, which belongs in the specification
    as a property (``pipe_bound``, ``thermal``, ...)."""
    keys = set(CATEGORY_KEYS)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        named = {e.value for e in items if isinstance(e, ast.Constant) and e.value in keys}
        if len(named) >= 2:
            found.append(node.lineno)
    return found


@pytest.mark.parametrize(
    ("source", "groups"),
    [
        ('if c in ("heat", "cold"): pass', True),
        ('UNITS = {"material": "t/yr", "gas": "t/yr"}', True),
        ('ok = frozenset({"water", "heat", "cold"})', True),
        ('if c == "heat": pass', False),
        ('SHARES = [("material", 0.7), ("heat", 0.1)]', False),
        ('KINDS = ("material", "ewc", "crm")', False),
    ],
)
def test_the_group_finder_finds_lists_of_categories(source, groups):
    assert bool(category_groups(source)) is groups


def test_no_code_outside_the_specification_lists_categories():
    """Adding a category is a change in ``taxonomy/categories.py`` plus its data: no other
    module may list categories (a value model may still test for its own category)."""
    spec = ROOT / "symbiose" / "taxonomy" / "categories.py"
    offenders = []
    for path in sorted((ROOT / "symbiose").rglob("*.py")):
        if path == spec or {"tests", "migrations"} & set(path.parts):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        offenders += [
            f"{path.relative_to(ROOT)}:{n}: {lines[n - 1].strip()}" for n in category_groups(source)
        ]
    assert not offenders, "\n".join(offenders)
