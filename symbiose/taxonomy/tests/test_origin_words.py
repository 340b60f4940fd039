"""An offer that names a process and a residue names where it comes from (issue 12, class 6).

"Pectin production residues" and "Pektinrester" are what is left after making pectin, not
raw material for pectin: the process is the offer's origin, not a use it serves.
A need that names the process still wants raw material for it.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


def _read(text: str, direction: str = "offer"):
    found = classify(text, direction=direction)
    return [h.class_id for h in found.classes], found.uses


@pytest.mark.parametrize(
    "text",
    [
        "Pectin production residues",
        "Pectin residues",
        "Residues of pectin production",
        "Residues from pectin production",
        "Pektinrester",
        "Restprodukter fra pektinproduksjonen",
        "Rester etter pektinproduksjon",
        "Restprodukter fra pektinproduktionen",
        "Pektinreste",
        "Résidus de la production de pectine",
        "Zementabfälle",
    ],
)
def test_a_process_named_with_a_residue_word_is_the_offers_origin_not_a_use(text):
    # The process is where the residue comes from; it is no use the residue serves. The
    # offer is read as what that process leaves (its sector's side streams), and those
    # classes do not serve the process again: documented exchanges never paired such a
    # residue with its process.
    classes, uses = _read(text)
    assert "food_ingredients" not in uses and "cement" not in uses
    assert classes in (["food_processing_residue"], ["cement_kiln_dust"]), classes
    found = classify(text)
    if found.classes[0].source == "sector":  # read from what the process leaves
        assert found.spent_for & {"food_ingredients", "cement"}


@pytest.mark.parametrize(
    "text",
    ["Raw material for pectin production", "Råvare til pektinproduktion", "Pektin"],
)
def test_a_need_naming_the_process_still_wants_raw_material_for_it(text):
    assert "food_ingredients" in _read(text, "need")[1]


@pytest.mark.parametrize(
    "text",
    [
        "Citrus peel",
        "Dried citrus peel",
        "Apple pomace",
        "Sitrusskall",
        "Ekstraheret citrusskal",
        "Zitrusschalen",
        "Cáscara de cítricos",
    ],
)
def test_fruit_peel_and_pomace_are_food_processing_residues(text):
    assert _read(text)[0][0] == "food_processing_residue"
