"""A need named by the job its material does, and words that only start like a material.

A cement works asks for a "Chromatreduzierer", a biogas plant for "ontzwaveling van het
biogas": the need names no material, only what the material must do, and one class does
that job (iron(II) salts reduce chromate in cement and bind hydrogen sulphide in a
digester). Such a function word reads as that class. A word of another language that only
begins like a material term is no material: "fábrica" (factory) is not fabric, "składniki"
(ingredients) and "skládka" (landfill) are not the Czech "skla" (glass).
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


def _classes(text: str, direction: str = "need") -> list[str]:
    return [c.class_id for c in classify(text, direction=direction).classes]


@pytest.mark.parametrize(
    "text",
    ["Chromatreduzierer für den Zement", "Chromate reducer for cement",
     "Réducteur de chromate pour le ciment", "Reduktor chromu do cementu",
     "Kromatreduserer til sement", "Ontzwaveling van het biogas", "Biogas desulphurisation",
     "Odsiarczanie biogazu", "Biogasentschwefelung", "Avsvovling av biogass"],
)  # fmt: skip
def test_a_need_naming_the_job_of_iron_salts_asks_for_iron_salts(text):
    assert _classes(text)[:1] == ["iron_salts"]


def test_desulphurisation_alone_is_still_flue_gas_gypsum_and_biogas_a_biogas_plant():
    assert _classes("Avsvovlingsgips fra kraftverket", "offer") == ["gypsum_fgd"]
    assert "biogas" in classify("Biogasanlage", direction="need").uses
    assert _classes("Biogasanlage") == []


@pytest.mark.parametrize(
    "text",
    ["Fábrica de muebles", "Fabrică de PAL", "Fabricación de muebles", "Fabricant de meubles",
     "Składniki paszowe", "Skládka odpadů"],
)  # fmt: skip
def test_a_factory_or_an_ingredient_is_no_material(text):
    assert _classes(text) == []


def test_the_false_friends_leave_fabric_glass_and_longer_terms_alone():
    assert _classes("Fabric offcuts", "offer")[:1] == ["textile"]
    assert _classes("Střepy skla", "offer") == ["glass"]
    assert _classes("Skladiště", "offer") == ["logistics"]
    assert "cement" in classify("Fábrica de cemento", direction="need").uses
    assert "feed" in classify("Kupujemy tanie składniki paszowe", direction="need").uses


@pytest.mark.parametrize(
    "text",
    ["Beschadigde houten paletten", "Holzpaletten", "Europaletten", "Palettes en bois",
     "Bancali rotti", "Palés de madera", "Trasiga lastpallar", "Træpaller", "Kuormalavat",
     "Mediniai padėklai", "Puitalused", "Holzverpackungen"],
)  # fmt: skip
def test_wooden_pallets_and_packaging_are_clean_wood_in_every_language(text):
    assert _classes(text, "offer")[:1] == ["wood_clean"]


def test_a_palette_of_products_or_a_lavatory_is_no_pallet():
    assert _classes("Produktpalette", "offer") == []
    assert _classes("Lavatory waste", "offer") == []


def test_limestone_serves_glass_and_mineral_wool_batches():
    from symbiose.taxonomy.materials import materials_by_id

    uses = {u.id for u in materials_by_id()["lime"].used_by}
    assert {"glass_production", "mineral_wool"} <= uses


def test_tar_free_asphalt_is_rubble_for_asphalt_plants_not_tar():
    """17 03 02 (bituminous mixtures without coal tar) is mostly stone: planed asphalt
    goes back into asphalt, it is no fuel; 17 03 01* (with coal tar) stays tar."""
    rap = classify("Destrukt asfaltowy z frezowania", "Granulat asfaltowy, bez smoły.",
                   "17 03 02", direction="offer")  # fmt: skip
    assert [c.class_id for c in rap.classes] == ["mineral_cdw"]
    tarred = classify("Destrukt ze smołą", "", "17 03 01", direction="offer")
    assert [c.class_id for c in tarred.classes][:1] == ["pitch_tar"]
    from symbiose.taxonomy.materials import materials_by_id

    assert "asphalt" in {u.id for u in materials_by_id()["mineral_cdw"].used_by}


@pytest.mark.parametrize(
    "text", ["Ontzwaveling van het biogas", "Biogas desulphurisation", "Odsiarczanie biogazu"]
)
def test_biogas_desulphurisation_asks_for_iron_salts_or_iron_sludge(text):
    assert set(_classes(text)) == {"iron_salts", "iron_sludge"}
