"""Flue gas and surplus heat in the Nordic and German words listings use (issue 12, class 6).

A flue gas named as the head of a compound ("Cementovnsrøggas", "Ovnsrøykgass",
"Kesselabgase") is flue-gas heat, and the process before it is where it comes from, not a
use ("Cementovnsrøggas" is no raw material for cement). Finnish heat words change their stem
when inflected ("hukkalämpö", "hukkalämmön"); exhaust air from ventilation is low-grade heat.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


@pytest.mark.parametrize(
    "text",
    ["Cementovnsrøggas", "Ovnrøggas", "Kedelrøggas", "Ovnsrøykgass", "Kjelrøykgass",
     "Ugnsrökgas", "Pannrökgas", "Ofenabgas", "Kesselabgase", "Afgangsgas", "Avgas",
     "Røggas fra cementovnen"],
)  # fmt: skip
@pytest.mark.parametrize("category", ["heat", "material", "gas"])
def test_flue_gas_at_the_end_of_a_compound_is_flue_gas_heat(text, category):
    found = classify(text, category=category)
    assert found.classes[0].class_id == "flue_gas", found.classes
    assert "cement" not in found.uses and "energy_recovery" not in found.uses


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Hukkalämmön hyödyntäminen", "heat"), ("Ylijäämälämmön myynti", "heat"),
     ("Jätelämpö", "heat"), ("Lauhdelämpö", "heat"), ("Frånluft", "heat"),
     ("Poistoilma", "heat"), ("Udsugningsluft", "heat"), ("Útblástur", "flue_gas")],
)  # fmt: skip
def test_nordic_heat_words_read_as_heat(text, expected):
    assert classify(text, category="heat").classes[0].class_id == expected


def test_finnish_district_heating_is_read_when_inflected():
    assert "district_heating" in classify("Kaukolämmön tuotanto", direction="need").uses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Røggasrensningsprodukt", "ash_fly"),
        ("Røykgassrenseprodukt", "ash_fly"),
        ("Gipsplater", "gypsum"),
    ],
)
def test_longer_words_keep_their_reading(text, expected):
    assert classify(text).classes[0].class_id == expected


def test_a_use_that_is_the_whole_word_around_its_material_stays_a_use():
    assert "plasterboard" in classify("Gipsplater").uses
