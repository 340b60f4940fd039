"""Vegetable oils are no mineral oil, and food processes name their residues (issue 12, 1, 6).

"Olive oil", "Rapsöl", "huile de tournesol" were read as mineral oil (waste-oil refining
and fuel); they are fats and edible oils. A food-processing residue named by its process
without a material word ("Rester fra slakting", "Osteproduksjonsrester", "Coffee roasting
residues") takes that process's side streams. The steelworks' and physico-chemical
treatment plants' sector profiles give off their own sludges, not an organic one.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.knowledge import sector_profile


def _first(text: str) -> str:
    return classify(text).classes[0].class_id


@pytest.mark.parametrize(
    "text",
    ["Olive oil", "Used olive oil", "Rapeseed oil", "Palm oil", "Olivenolje", "Rapsolje",
     "Rapsöl", "Huile de tournesol", "Aceite de oliva", "Olio di girasole", "Olej rzepakowy"],
)  # fmt: skip
def test_a_vegetable_oil_is_an_edible_oil_not_mineral_oil(text):
    assert _first(text) == "fat_oil_bio"


@pytest.mark.parametrize("text", ["Waste oil", "Mineral oil", "Spillolje"])
def test_mineral_oil_stays_oil(text):
    assert _first(text) == "oil"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Rester fra slakting", "animal_byproduct"), ("Slaughtering by-products", "animal_byproduct"),
     ("Osteproduksjonsrester", "dairy_whey"), ("Residues from cheese making", "dairy_whey"),
     ("Rester fra kaffebrenning", "coffee_grounds"), ("Coffee roasting residues", "coffee_grounds"),
     ("Rester fra ølbrygging", "brewers_grain"), ("Juiceproduksjonsrester", "crop_residue"),
     ("Presserester", "food_processing_residue"), ("Trester", "food_processing_residue")],
)  # fmt: skip
def test_a_food_process_names_its_residue(text, expected):
    assert _first(text) == expected


def test_steelworks_and_treatment_plants_give_off_their_own_sludges():
    assert "sludge_iron_steel" in sector_profile("24.10").outputs
    assert "sludge" not in sector_profile("24.10").outputs
    assert "sludge_metal_hydroxide" in sector_profile("38.33").outputs
    assert "green_liquor_dregs" in sector_profile("17.11").outputs
