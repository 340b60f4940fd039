"""A steam need is a need for steam, and a material named only as a listing's purpose, source
or what it is free of is context, not the listing's material."""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify

STEAM_NEEDS = [
    ("nb", "Prosessdamp til tørking"),
    ("en", "Process steam"),
    ("sv", "Processånga till torkarna"),
    ("da", "Damp til procesanlægget"),
    ("de", "Prozessdampf für die Trocknung"),
    ("nl", "Processtoom voor de droger"),
    ("fi", "Höyry paperikoneelle"),
    ("fr", "Vapeur de process pour l'évaporation"),
    ("it", "Vapore di processo"),
    ("es", "Vapor de proceso"),
    ("pt", "Vapor de processo"),
    ("pl", "Para technologiczna do suszarni"),
    ("cs", "Technologická pára"),
    ("sk", "Technologická para"),
    ("hu", "Technológiai gőz"),
    ("sl", "Procesna para"),
    ("hr", "Tehnološka para"),
    ("ro", "Abur tehnologic"),
    ("el", "Ατμός διεργασίας"),
    ("bg", "Технологична пара"),
    ("lt", "Technologiniai garai"),
    ("lv", "Tehnoloģiskais tvaiks"),
    ("et", "Protsessiaur"),
]


@pytest.mark.parametrize(("lang", "text"), STEAM_NEEDS)
def test_a_steam_need_is_read_as_steam_not_plain_heat(lang, text):
    found = classify(text, category="heat", direction="need")
    assert [h.class_id for h in found.classes] == ["steam"], (lang, found)


def test_a_steam_offer_is_steam_and_a_word_for_heat_stays_heat():
    assert [h.class_id for h in classify("Höyry", category="heat").classes] == ["steam"]
    need = classify("Prosessvarme", category="heat", direction="need")
    assert [h.class_id for h in need.classes] == ["heat"]


PURPOSE = [
    ("nb", "Syre til nøytralisering av flygeaske", "acid", "ash_fly"),
    ("en", "Acid for neutralising fly ash", "acid", "ash_fly"),
    ("sv", "Syra för neutralisering av flygaska", "acid", "ash_fly"),
    ("de", "Säure zur Neutralisation von Flugasche", "acid", "ash_fly"),
    ("fr", "Acide pour la neutralisation des cendres volantes", "acid", "ash_fly"),
    ("it", "Acido per la neutralizzazione delle ceneri volanti", "acid", "ash_fly"),
    ("es", "Ácido para la neutralización de cenizas volantes", "acid", "ash_fly"),
    ("pl", "Kwas do neutralizacji popiołu lotnego", "acid", "ash_fly"),
    ("en", "Heat for drying wood chips", "heat", "wood_clean"),
]


@pytest.mark.parametrize(("lang", "text", "wanted", "purpose"), PURPOSE)
def test_a_need_for_x_to_treat_y_is_a_need_for_x(lang, text, wanted, purpose):
    category = "heat" if wanted == "heat" else "material"
    found = [h.class_id for h in classify(text, category=category, direction="need").classes]
    assert found == [wanted], (lang, found)


@pytest.mark.parametrize(
    ("text", "material", "source"),
    [
        ("Gips z instalacji odsiarczania spalin", "gypsum", "flue_gas"),
        ("Kal z čištění vysokopecního plynu", "sludge", "gas_co"),
        ("Drevný popol z kotla na štiepku", "ash_wood", "wood_clean"),
        ("Digestate from food waste", "digestate", "food_waste"),
        ("Biorest fra matavfall", "digestate", "food_waste"),
    ],
)
def test_what_an_offer_comes_from_is_not_its_material(text, material, source):
    found = [h.class_id for h in classify(text).classes]
    assert material in found and source not in found, found


@pytest.mark.parametrize(
    ("text", "material", "absent"),
    [
        ("Granulat asfaltowy, bez smoły", None, "pitch_tar"),
        ("Vrátené pečivo. Bez obalov", "bakery_waste", "packaging_mixed"),
        ("Bark uten stein", "wood_clean", "aggregate"),
    ],
)
def test_what_a_listing_is_without_is_not_its_material(text, material, absent):
    found = [h.class_id for h in classify(text).classes]
    assert absent not in found and (material is None or material in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Behov for flis", "wood_clean"),  # nothing named before "for": chips are wanted
        ("Slagg fra ferrokromproduksjon", "slag"),  # a source of the same kind refines it
    ],
)
def test_a_material_after_a_marker_stays_when_nothing_comes_before_or_it_refines(text, expected):
    found = classify(text, direction="need", nace="24.10").classes
    assert expected in {a for h in found for a in _ancestors(h.class_id)}, found


def _ancestors(class_id: str) -> tuple[str, ...]:
    from symbiose.taxonomy.materials import ancestors

    return ancestors(class_id)


def test_a_comma_ends_the_purpose():
    found = [h.class_id for h in classify("Syre til nøytralisering, flygeaske").classes]
    assert sorted(found) == ["acid", "ash_fly"]


@pytest.mark.parametrize(
    ("text", "use", "not_expected"),
    [
        # A need that names its use first: what follows "for" is what the use goes on.
        ("Soil amendment for sandy soils", "soil_improvement", {"aggregate", "soil"}),
        ("Enmiendas para suelos ácidos", "soil_improvement", {"acid"}),
        ("Jordbrugskalk til sandjorde", "soil_improvement", {"aggregate"}),
    ],
)
def test_a_need_naming_its_use_first_reads_what_follows_as_context(text, use, not_expected):
    found = classify(text, direction="need")
    assert use in found.uses
    assert not {h.class_id for h in found.classes} & not_expected, found.classes


def test_a_fuel_need_keeps_the_fuel_its_plant_is_named_by():
    """ "Fuel for the wood-chip boiler" wants wood chips: a fuel use does not lead."""
    found = classify("Combustibile per la caldaia a cippato", direction="need")
    assert "wood_clean" in {h.class_id for h in found.classes}
