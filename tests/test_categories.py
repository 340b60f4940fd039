"""One category specification (taxonomy/categories.py): every layer reads it, none redefines."""

from __future__ import annotations

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
