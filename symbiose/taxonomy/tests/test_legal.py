"""The legal limits on uses (``data/use_limits.csv``, ``data/legal_words.csv``) and the
words that used to misread a material into a use it may not have."""

from __future__ import annotations

import csv
from itertools import combinations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.knowledge import sector_profiles
from symbiose.taxonomy.legal import (
    MARKS,
    RULES,
    WHENS,
    class_uses,
    forbidden_uses,
    limit,
    listing_marks,
    use_limits,
)
from symbiose.taxonomy.lists import DATA_DIR
from symbiose.taxonomy.materials import load_materials, load_uses, materials_by_id

ALL_MARKS = [frozenset(c) for k in range(len(MARKS) + 1) for c in combinations(MARKS, k)]


def test_every_limit_names_a_known_class_and_use_and_carries_why_and_source():
    by_id, uses = materials_by_id(), load_uses()
    assert use_limits()
    for row in use_limits():
        assert row.class_id in by_id and row.use in uses, row
        assert row.rule in RULES and row.when in WHENS, row
        assert row.why_en.strip() and row.why_nb.strip(), row
        assert row.source.strip() and row.version.strip(), row
        assert row.rule == "forbidden" or row.when == "always", row  # a mark only forbids


def test_legal_words_carry_a_mark():
    with (DATA_DIR / "legal_words.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["mark"] in MARKS and r["source"].strip() for r in rows)


@pytest.mark.parametrize("marks", ALL_MARKS)
def test_no_class_may_be_used_for_what_the_law_forbids_it(marks):
    for m in load_materials():
        assert not class_uses(m.id, marks) & forbidden_uses(m.id, marks), (m.id, marks)


#: Sectors that take food materials only to feed animals (a mixed farm also spreads manure).
FEED_SECTORS = ("01.4", "01.41", "01.42", "01.46", "01.47", "10.9", "10.91", "10.92")


def test_feed_sectors_do_not_list_inputs_the_law_keeps_out_of_feed():
    for code, profile in sector_profiles().items():
        if code in FEED_SECTORS:
            bad = [c for c in profile.inputs if "feed" in forbidden_uses(c)]
            assert not bad, (code, bad)


@pytest.mark.parametrize("class_id, use, allowed", [
    ("food_waste", "feed", False),
    ("food_waste", "insect_farming", False),
    ("bakery_waste", "feed", True),
    ("brewers_grain", "feed", True),
    ("fish_residue", "feed", True),
    ("manure", "feed", False),
    ("digestate", "feed", False),
    ("sludge_bio", "feed", False),
    ("coffee_grounds", "feed", False),
    ("wood_clean", "feed", False),
])  # fmt: skip
def test_which_classes_may_be_feed(class_id, use, allowed):
    assert (use in class_uses(class_id)) is allowed


@pytest.mark.parametrize("text, marks", [
    ("Brødrester fra bakeriet", set()),
    ("Brødrester fra kantina", {"catering"}),
    ("Matavfall fra storkjøkkenet", {"catering"}),
    ("Utgåtte baguetter med skinke og reker", {"animal"}),
    ("Bakervarer uten kjøtt og fisk", set()),
    ("Leftover sandwiches with ham, from the staff canteen", {"animal", "catering"}),
    ("Used cooking oil", {"catering"}),
    ("Kjøttdeig og svinekjøtt, utgått på dato", {"animal"}),
])  # fmt: skip
def test_listing_marks(text, marks):
    assert listing_marks(text) == frozenset(marks)


def test_bread_is_feed_unless_it_comes_from_a_kitchen_or_holds_meat():
    assert limit("bakery_waste", "feed").rule == "conditional"
    assert limit("bakery_waste", "feed", frozenset({"animal"})).rule == "forbidden"
    assert limit("bakery_waste", "feed", frozenset({"catering"})).rule == "forbidden"
    assert "feed" not in class_uses("bakery_waste", frozenset({"catering"}))
    assert limit("slag", "feed") is None  # the law sets no limit where no use exists


@pytest.mark.parametrize("title, direction, category, nace, first", [
    ("Trefiberrester og kantavskjær", "offer", "material", None, "wood_clean"),
    ("Fiberplater", "offer", "material", None, "wood_clean"),
    ("Kantavskjær", "offer", "material", "16.21", "wood_clean"),
    ("Kapp av stålplater", "offer", "material", None, "metal_ferrous"),
    ("Flis til fjernvarmeanlegget", "offer", "material", None, "wood_clean"),
    ("Flis til fjernvarmeanlegget", "need", "material", None, "wood_clean"),
    ("CO2 i røykgass", "offer", "gas", None, "co2"),
    ("Catering waste", "offer", "material", None, "food_waste"),
    ("Storkjøkkenavfall", "offer", "material", None, "food_waste"),
])  # fmt: skip
def test_words_that_used_to_misread(title, direction, category, nace, first):
    found = classify(title, category=category, nace=nace, direction=direction)
    assert [h.class_id for h in found.classes] == [first], found


def test_a_sector_named_after_a_purpose_word_is_not_the_offer_producer():
    found = classify("Flis til fjernvarmeanlegget", direction="offer")
    assert found.sectors == ()  # the district-heating plant takes it; it gives off ash
    assert classify("Kapp og flis fra sagbruket").sectors == ("16.11",)
