"""Known materials that had no use, and a language that read nothing (issue 12, classes 1, 2).

* Wool is a class of its own, and insulation production (mineral or natural fibre) takes it.
* Vinasse and stillage, the potassium-rich residue of distilling, are not brewers' grain:
  they go to fertiliser and soil, biogas and feed.
* Plasters, mortars and renders are a use: lime, gypsum, sand, fly ash and rice husk or straw
  go into them.
* Fish skin is a hide for fish leather; Icelandic listings name fish skin, fish leather,
  fish residues and heat in their own words.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.legal import class_uses


def _first(text: str) -> str:
    return classify(text).classes[0].class_id


def _uses(text: str) -> frozenset[str]:
    return classify(text, direction="need").uses


@pytest.mark.parametrize(
    "text",
    ["Coarse and low-grade fleece wool", "Sheep wool", "Råull", "Saueull", "Fårull",
     "Schafwolle", "Laine de mouton", "Lana sucida", "Wełna owcza", "Ovčí vlna"],
)  # fmt: skip
def test_wool_is_wool_and_goes_to_insulation(text):
    assert _first(text) == "wool"
    assert {"mineral_wool", "textile_recycling", "soil_improvement"} <= class_uses("wool")


@pytest.mark.parametrize(
    "text",
    ["Raw material for insulation batts", "Råvare til isolasjonsproduksjon",
     "Rohstoff für Dämmstoffe", "Matières premières pour isolant"],
)  # fmt: skip
def test_an_insulation_maker_names_the_insulation_use(text):
    assert "mineral_wool" in _uses(text)


def test_a_fleece_jacket_is_still_a_textile():
    assert _first("Fleece jackets") == "textile"


@pytest.mark.parametrize(
    "text",
    ["Vinasse", "Alcohol residue (vinasse)", "Vinaza concentrada", "Vinhaça", "Schlempe",
     "Melasseschlempe", "Stillage from the ethanol plant", "Vinasse de mélasse"],
)  # fmt: skip
def test_vinasse_and_stillage_are_a_potassium_fertiliser_not_brewers_grain(text):
    assert _first(text) == "vinasse"
    assert {"fertiliser_production", "soil_improvement", "biogas"} <= class_uses("vinasse")


@pytest.mark.parametrize("text", ["Spent grain", "Distillers grains", "Bryggerimask", "Biertreber"])
def test_spent_grain_stays_brewers_grain(text):
    assert _first(text) == "brewers_grain"


@pytest.mark.parametrize(
    "text",
    ["Raw material for plasters", "Materia prima per intonaci e pannelli naturali",
     "Råvare til mørtel", "Rohstoff für Trockenmörtel", "Materia prima para morteros",
     "Surowiec do tynków"],
)  # fmt: skip
def test_a_plaster_or_mortar_maker_names_the_plaster_use(text):
    assert "plaster_mortar" in _uses(text)


@pytest.mark.parametrize("cls", ["lime", "gypsum", "aggregate", "crop_residue", "ash_fly"])
def test_plaster_and_mortar_raw_materials_serve_the_use(cls):
    assert "plaster_mortar" in class_uses(cls)


def test_rice_husk_serves_plasters():
    assert "plaster_mortar" in class_uses(_first("Lolla di riso"))
    assert "plaster_mortar" in class_uses(_first("Rice husk"))


def test_plaster_on_offer_is_still_gypsum():
    assert _first("Plaster") == "gypsum"


@pytest.mark.parametrize(
    "text",
    ["Fish skin", "Salmon skins", "Fiskeskinn fra laks", "Fiskskinn", "Fiskeskind",
     "Roð af þorski og laxi", "Frosið roð", "Fiskroð"],
)  # fmt: skip
def test_fish_skin_is_a_hide_for_fish_leather(text):
    assert _first(text) == "leather_hides"
    assert "tanning" in class_uses("leather_hides")


@pytest.mark.parametrize(
    ("text", "use"),
    [("Hráefni í fiskleður", "tanning"), ("Fiskleður", "tanning"),
     ("Varmi fyrir hitaveitu", "district_heating"), ("Fóður fyrir fiskeldi", "feed")],
)  # fmt: skip
def test_icelandic_needs_name_their_use(text, use):
    assert use in _uses(text)


@pytest.mark.parametrize("text", ["Steel rod", "Rod ends", "A rod of copper"])
def test_icelandic_fish_skin_is_no_english_rod(text):
    assert "leather_hides" not in [h.class_id for h in classify(text).classes]
