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
