"""Text to material class: evidence from words, codes and sectors, never from a substring."""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.materials import ancestors


def ids(title, **kw):
    return [c.class_id for c in classify(title, **kw).classes]


def under(title, expected, **kw):
    return any(expected in ancestors(c) for c in ids(title, **kw))


# Failure class 1: materials the thesaurus did not know, in both languages and with codes.
@pytest.mark.parametrize("title, expected", [
    ("Bagasse from the sugar mill", "sugar_residue"),
    ("Molasses", "sugar_residue"),
    ("Sugar filter mud", "sugar_residue"),
    ("Waste edible oil", "fat_oil_bio"),
    ("Barren liquor", "caustic_soda"),
    ("Ammonium sulphate solution", "ammonium_sulphate"),
    ("Red mud", "bauxite_residue"),
    ("Rødslam", "bauxite_residue"),
    ("Waste lubricants", "oil"),
    ("Cryolite", "aluminium_bath"),
    ("Kryolitt fra elektrolysen", "aluminium_bath"),
    ("Bek og tjære", "pitch_tar"),
    ("Coal tar pitch", "pitch_tar"),
    ("Quartz fines", "olivine"),
    ("Silicon fines", "silicon_fines"),
    ("Lignin", "pulping_liquor"),
    ("Svartlut", "pulping_liquor"),
    ("Black liquor", "pulping_liquor"),
    ("Olivine sand", "olivine"),
    ("Spent bleaching earth", "spent_bleaching_earth"),
    ("Slaughter by-products", "animal_byproduct"),
    ("Blodvann fra slakteriet", "animal_byproduct"),
    ("Leftover bread", "bakery_waste"),
    ("Brødrester", "bakery_waste"),
    ("brød", "bakery_waste"),
    ("Kaffegrut", "coffee_grounds"),
    ("Coffee grounds", "coffee_grounds"),
    ("Potteforing", "spent_pot_lining"),
    ("Tynnsyre", "acid_sulphuric"),
    ("Exhaust gas at 400 °C", "flue_gas"),
    ("Used tyres", "rubber"),
    ("Rice husk", "crop_residue"),
])  # fmt: skip
def test_materials_are_recognised_in_either_language(title, expected):
    assert under(title, expected), ids(title)


@pytest.mark.parametrize("code, expected", [
    ("010309", "bauxite_residue"), ("200126", "oil"), ("020499", "sugar_residue"),
    ("020401", "tare_soil"), ("030302", "green_liquor_dregs"), ("100304", "aluminium_bath"),
    ("190805", "sludge_bio"),
])  # fmt: skip
def test_a_code_alone_gives_the_class(code, expected):
    assert under("", expected, ewc_code=code)


# Failure class 6: false friends.
@pytest.mark.parametrize("title, wrong", [
    ("Scrap wood", "metal"),
    ("Brødrester", "metal"),
    ("Brødrester", "sludge"),
    ("Industrial waste", "cement_kiln_dust"),
    ("Zn recovery", "alkali"),
    ("Ensilasje", "fish_residue"),
])  # fmt: skip
def test_a_substring_or_a_shared_word_is_not_evidence(title, wrong):
    assert not under(title, wrong), ids(title)


@pytest.mark.parametrize("title, expected, wrong", [
    ("Ferrosilisiumslagget", "slag_ferroalloy", None),
    ("Spillvarmen", "heat", None),
    ("Kullsyreanlegg", "co2", "acid"),
    ("Vannverksslam", "iron_sludge", "water"),
])  # fmt: skip
def test_a_marked_term_counts_at_the_end_of_a_compound_not_in_its_middle(title, expected, wrong):
    assert under(title, expected), ids(title)
    assert wrong is None or not under(title, wrong), ids(title)


def test_the_words_win_over_a_code_of_the_same_family():
    assert ids("Ferroalloy slag", ewc_code="100202") == ["slag_ferroalloy"]
    assert ids("Rice husk", ewc_code="020701") == ["crop_residue"]


def test_a_code_of_another_family_adds_its_class():
    assert set(ids("Stålslagg", ewc_code="100102")) == {"slag_steel", "ash_fly"}


def test_every_class_says_where_it_came_from():
    k = classify("Treflis", "fra sagbruket, også bark", ewc_code="100101")
    assert {(c.class_id, c.source) for c in k.classes} >= {("wood_clean", "title")}
    assert all(c.source in ("title", "description", "ewc_code") for c in k.classes)


# Failure class 3: needs that name a kind of company instead of a material.
@pytest.mark.parametrize("title, nace", [
    ("Pig farms", "01.46"),
    ("Raw material for a toy factory", "32.40"),
    ("Feed mill", "10.91"),
    ("Power plant", "35.11"),
    ("Lead recycling", "24.43"),
    ("Råvare til teglverket", "23.32"),
    ("Til sagbruk og høvleri", "16.11"),
])  # fmt: skip
def test_sector_words_are_found_in_needs(title, nace):
    assert nace in classify(title, direction="need").sectors


def test_sector_words_are_whole_words():
    assert classify("Mineral fines", direction="need").sectors == ()


def test_an_offer_without_a_material_takes_its_producers_side_streams():
    k = classify("Restprodukt fra produksjonen", nace="16.11")
    assert k.classes[0].class_id == "wood_clean"
    assert {c.source for c in k.classes} == {"sector"}
    assert classify("Restprodukt fra produksjonen", nace="16.11", direction="need").classes == ()


def test_a_heat_listing_is_heat_even_without_the_word():
    assert [
        (c.class_id, c.source) for c in classify("Til settefiskanlegget", category="heat").classes
    ] == [("heat", "category")]


@pytest.mark.parametrize("word", ["koldioxid", "kuldioxid", "Kohlendioxid", "koolzuur",
                                  "hiilidioksidi", "kullsyre", "carbon dioxide"])  # fmt: skip
def test_co2_is_named_in_the_nordic_and_neighbouring_languages(word):
    assert [c.class_id for c in classify(f"{word} fra prosessen", category="gas").classes] == [
        "co2"
    ]


@pytest.mark.parametrize(
    ("code", "nace", "expected"),
    [
        ("020202", "10.11", "animal_byproduct"),
        ("020202", "10.20", "fish_residue"),
        ("020203", "10.13", "animal_byproduct"),
    ],
)
def test_a_code_of_several_classes_lets_the_sector_decide(code, nace, expected):
    classes = classify("", direction="offer", ewc_code=code, nace=nace).classes
    assert classes[0].class_id == expected and classes[0].weight == 0.9
    assert all(c.weight < 0.9 for c in classes[1:])


def test_a_code_of_several_classes_without_a_sector_is_certain_of_none():
    classes = classify("", direction="offer", ewc_code="020202").classes
    assert {c.class_id for c in classes} == {"animal_byproduct", "fish_residue"}
    assert all(c.weight < 0.9 for c in classes)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("020601", "bakery_waste"), ("020502", "sludge_bio"),
     ("020603", "sludge_bio")],
)  # fmt: skip
def test_a_food_processing_code_names_the_one_class_its_title_describes(code, expected):
    assert [c.class_id for c in classify("", direction="offer", ewc_code=code).classes] == [
        expected
    ]
