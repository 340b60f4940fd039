"""Words that read as another material, sector or use, fixed as classes (issue 12, class 6).

* Alkali and salt names: sodium and potassium carbonate (soda ash, washing soda, potash as
  a carbonate) are not the hydroxides (caustic soda, lye, caustic potash); potash as a
  fertiliser is a potassium salt.
* Shredder residue (fluff, ASR, light fraction, EWC 19 10 03*/19 10 04) is mixed
  combustible waste, and "non-metallic" names no metal.
* A word of one language that is another language's word: Estonian "seafarm" (pig farm) is
  English "sea farm".
* A soil's condition ("saline-alkali soil", "sur jord") says which soil is improved, not a
  salt, an alkali or soil on offer.
* In an offer, a use after a source word ("fra pektinproduktionen") is where the material
  comes from, not what it serves.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.materials import classes_for_ewc


def _classes(text: str, direction: str = "offer", ewc: str | None = None) -> list[str]:
    return [h.class_id for h in classify(text, ewc_code=ewc, direction=direction).classes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sodium and potassium carbonate
        ("Soda ash", "soda_ash"),
        ("Soda ash, dense grade, for glass melting", "soda_ash"),
        ("Sodium carbonate from the ammonia-soda process", "soda_ash"),
        ("Washing soda crystals", "soda_ash"),
        ("Soda til glassverk", "soda_ash"),
        ("Natriumkarbonat, teknisk kvalitet", "soda_ash"),
        ("Kalsinert soda", "soda_ash"),
        ("Pottaske", "soda_ash"),
        ("Kalcinerad soda", "soda_ash"),
        ("Natriumcarbonat (Soda)", "soda_ash"),
        ("Pottasche", "soda_ash"),
        ("Vaskesoda", "soda_ash"),
        # the hydroxides
        ("Caustic soda (by-product)", "caustic_soda"),
        ("Sodium hydroxide solution 50 %", "caustic_soda"),
        ("Caustic potash flakes", "caustic_soda"),
        ("Kaustisk soda fra klor-alkali", "caustic_soda"),
        ("Natronlut 50 %", "caustic_soda"),
        ("Kaliumhydroksid", "caustic_soda"),
        ("Natronlauge", "caustic_soda"),
        ("Ätznatron in Schuppen", "caustic_soda"),
        ("Kalilauge", "caustic_soda"),
        ("Natronlud", "caustic_soda"),
        # lye is an alkali solution, not a carbonate
        ("Lye", "alkali"),
        ("Brukt lut", "caustic_soda"),
        # potash as a fertiliser: potassium salts
        ("Potash", "salt"),
        ("Muriate of potash", "salt"),
        ("Potassium sulphate", "salt"),
        ("Kaliumsulfat", "salt"),
        ("Kalidünger", "salt"),
    ],
)
def test_alkali_and_salt_names(text, expected):
    assert _classes(text)[0] == expected


@pytest.mark.parametrize("text", ["Soda ash", "Soda", "Natriumkarbonat", "Washing soda"])
def test_a_carbonate_is_never_read_as_a_hydroxide(text):
    assert "caustic_soda" not in _classes(text)


def test_soda_ash_serves_glass_and_stays_an_alkali():
    from symbiose.taxonomy.materials import ancestors, materials_by_id

    soda = materials_by_id()["soda_ash"]
    assert "alkali" in ancestors("soda_ash")
    assert "glass_production" in {u.id for u in soda.used_by}
    assert "Glass" not in soda.label_en and "NaOH" not in soda.label_en


@pytest.mark.parametrize(
    ("text", "ewc"),
    [
        ("Shredder fluff", None),
        ("Shredder fluff", "191004"),
        ("Automotive shredder residue (ASR)", None),
        ("Light fraction from the car shredder", "191004"),
        ("Non-metallic residue from the auto shredder", "191004"),
        ("Lettfraksjon fra bilfragmentering", None),
        ("Lett fraksjon fra fragmenteringsverk", None),
        ("Fluff fra shredderanlegget", None),
        ("Shredderleichtfraktion", None),
        ("Lättfraktion från fragmentering", None),
        ("Letfraktion fra shredderanlægget", None),
    ],
)
def test_shredder_residue_is_mixed_combustible_waste_not_metal(text, ewc):
    found = _classes(text, ewc=ewc)
    assert found[0] == "rdf", found
    assert not {"metal", "metal_ferrous"} & set(found), found


def test_the_fluff_light_fraction_codes_are_not_metal():
    assert classes_for_ewc("191004") == ("rdf",)
    assert classes_for_ewc("191003") == ("rdf",)
    assert classes_for_ewc("191001") == ("metal_ferrous",)  # the metal fractions stay metal


@pytest.mark.parametrize(
    "text",
    [
        "Non-metallic residue",
        "Nonmetallic minerals",
        "Ikke-metallisk rest",
        "Icke-metalliska rester",
    ],
)
def test_non_metallic_names_no_metal(text):
    assert not {"metal", "metal_ferrous"} & set(_classes(text))


@pytest.mark.parametrize(
    "text", ["Non-ferrous metals", "Ikke-jernholdig metallskrap", "Metal scrap"]
)
def test_metal_words_still_read_as_metal(text):
    assert _classes(text)[0].startswith("metal")


def test_fluff_pulp_is_paper():
    assert _classes("Fluff pulp rejects")[0] == "paper"


@pytest.mark.parametrize(
    "text",
    ["Seaweed from a seafarm", "Seafarm waste", "Residues from our sea farm", "Sea farms"],
)
def test_english_seafarm_is_aquaculture_not_a_pig_farm(text):
    sectors = classify(text).sectors
    assert "01.46" not in sectors
    assert "03.2" in sectors


@pytest.mark.parametrize("text", ["Sõnnik seafarmist", "Läga seafarmis", "Seakasvatus", "Sigala"])
def test_estonian_pig_farm_words_still_name_pig_farming(text):
    assert "01.46" in classify(text).sectors


@pytest.mark.parametrize(
    "text",
    [
        "Improvement of saline-alkali soil",
        "Reclaiming salt-affected farmland",
        "Amendment for acid soils",
        "Gypsum for sodic soils",
        "Kalk til sur jord",
        "Forbedring av saltpåvirket jord",
        "Kalk för sura jordar",
        "Kalk til sure jorder",
        "Kalk für saure Böden",
    ],
)
def test_a_soils_condition_is_soil_improvement_not_salt_or_alkali(text):
    found = classify(text, direction="need")
    assert "soil_improvement" in found.uses
    assert not {"salt", "alkali", "acid", "soil"} & {h.class_id for h in found.classes}


@pytest.mark.parametrize(
    ("text", "source_use"),
    [
        ("Restprodukter fra pektinproduktionen", "food_ingredients"),
        ("Residues from pectin production", "food_ingredients"),
        ("Slam fra renseanlegget", "wastewater_treatment"),
        ("Sludge from the wastewater treatment plant", "wastewater_treatment"),
        ("Heat from waste incineration", "energy_recovery"),
        ("Varme fra avfallsforbrenning", "energy_recovery"),
    ],
)
def test_an_offers_use_after_a_source_word_is_where_it_comes_from(text, source_use):
    assert source_use not in classify(text, direction="offer").uses


@pytest.mark.parametrize(
    ("text", "use"),
    [
        ("Råvare til pektinproduktion", "food_ingredients"),
        ("Raw material for pectin production", "food_ingredients"),
        ("Slam til biogassanlegg", "biogas"),
    ],
)
def test_a_use_after_a_purpose_word_is_still_a_use(text, use):
    assert use in classify(text, direction="need").uses
    assert use in classify(text, direction="offer").uses
