"""An offer named only by the process it comes from reads as what that process leaves
(issue 12, "needs and offers understood from their organisation").

"Residues from sugar production", "Abfälle aus der Papierherstellung", "Rester fra
produksjon av ost": the product or process names the producer (``data/origin_sectors.csv``),
and the producer's sector profile says what it typically gives off. A product named as the
origin is not the material ("from paper production" is no paper), and the classes read this
way do not serve the process that left them.
"""

from __future__ import annotations

import csv

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.knowledge import sector_profile
from symbiose.taxonomy.lists import DATA_DIR, load_nace
from symbiose.taxonomy.materials import load_uses, materials_by_id


def _first(text: str) -> tuple[str | None, str | None]:
    found = classify(text)
    hit = found.classes[0] if found.classes else None
    return (hit.class_id if hit else None), (hit.source if hit else None)


# One or more phrasings per family of processes, in several languages.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # food and drink
        ("Residues from sugar production", "sugar_residue"),
        ("Abfälle aus der Zuckerherstellung", "sugar_residue"),
        ("Résidus de la production de sucre", "sugar_residue"),
        ("Rester fra produksjon av ost", "dairy_whey"),
        ("Jätteet juuston tuotannosta", "dairy_whey"),
        ("Residuos de la producción de cerveza", "brewers_grain"),
        ("Rester fra ølproduksjon", "brewers_grain"),
        ("Residues from coffee production", "coffee_grounds"),
        ("Rester fra vinproduksjon", "food_processing_residue"),
        ("Residues from pectin production", "food_processing_residue"),
        ("Restprodukter från potatisförädling", "crop_residue"),
        # wood and paper
        ("Abfälle aus der Papierherstellung", "sludge_fibre"),
        ("Residues from paper production", "sludge_fibre"),
        ("Restprodukter från massaproduktionen", "pulping_liquor"),
        ("Rester fra møbelproduksjon", "wood_clean"),
        # metals
        ("Reststoffe aus der Stahlerzeugung", "slag_steel"),
        ("Residui della produzione di acciaio", "slag_steel"),
        ("Résidus de la production d'aluminium", "spent_pot_lining"),
        ("Residuos de la producción de cobre", "slag_copper"),
        # minerals and cement
        ("Biprodukt fra sementproduksjon", "cement_kiln_dust"),
        ("Residues from brick production", "mineral_cdw"),
        # chemicals
        ("Residues from titanium dioxide production", "iron_salts"),
        ("Residues from fertiliser production", "gypsum_phospho"),
        # energy
        ("Rückstände aus der Stromerzeugung", "ash_fly"),
        ("Residues from biogas production", "digestate"),
        # waste and water
        ("Residues from waste incineration", "ash_bottom"),
        ("Residues from wastewater treatment", "sludge_bio"),
        # agriculture and aquaculture
        ("Rester fra fiskeoppdrett", "sludge_fish"),
        ("Residues from grain production", "crop_residue"),
    ],
)
def test_an_offer_named_by_its_process_reads_what_that_process_leaves(text, expected):
    assert _first(text) == (expected, "sector")


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Residues from paper production", "paper"),
        ("Residues from aluminium production", "metal_aluminium"),
        ("Residues from olive oil production", "fat_oil_bio"),
        ("Residues from biogas production", "gas_methane"),
    ],
)
def test_the_product_of_the_process_is_not_the_offers_material(text, product):
    assert product not in {h.class_id for h in classify(text).classes}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brødrester", "bakery_waste"),  # leftover bread: the product itself
        ("Paper residues", "paper"),
        ("Papirrester", "paper"),
        ("Kalk til sukkerproduksjon", "lime"),  # where it goes, not where it comes from
        ("Slag from steel production", "slag"),  # named: the words lead
        ("Glasskår fra glassproduksjon", "glass"),
        ("Residues from paint production", "paint_adhesive"),  # waste paint is paint
    ],
)
def test_a_product_without_a_process_word_or_a_named_material_keeps_its_reading(text, expected):
    assert _first(text)[0] == expected
    assert _first(text)[1] == "title"


@pytest.mark.parametrize(
    ("text", "spent"),
    [
        ("Residues from paper production", "paper_production"),
        ("Restprodukter fra pektinproduktionen", "food_ingredients"),
        ("Residues from cement production", "cement"),
    ],
)
def test_what_a_process_leaves_does_not_serve_that_process(text, spent):
    assert spent in classify(text).spent_for


def test_a_need_naming_a_process_still_wants_raw_material_for_it():
    found = classify("Raw material for cement production", direction="need")
    assert "cement" in found.uses and not found.spent_for


def test_the_origin_names_the_producer_first():
    assert classify("Residues from biodiesel production").sectors[0] == "20.51"


def _rows() -> list[dict[str, str]]:
    with (DATA_DIR / "origin_sectors.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_use_has_a_row_and_every_row_a_known_sector_with_side_streams_and_a_source():
    rows = _rows()
    uses = load_uses()
    assert {r["key"] for r in rows if r["kind"] == "use"} == set(uses)
    nace = {n.code for n in load_nace()}
    by_id = materials_by_id()
    for r in rows:
        assert r["kind"] in ("use", "product") and r["source"].strip(), r
        assert not r["spent"] or r["spent"] in uses, r
        if r["nace"]:
            assert r["nace"] in nace, r
            outs = sector_profile(r["nace"]).outputs
            assert any(by_id[c].category == "material" for c in outs), r
        if r["kind"] == "product":
            assert r["nace"] and r["lang"], r


FAMILIES = {
    "food and drink": ("10", "11"),
    "wood and paper": ("16", "17", "31"),
    "metals": ("24",),
    "minerals and cement": ("23",),
    "chemicals": ("20", "21"),
    "energy": ("35",),
    "waste and water": ("36", "37", "38"),
    "agriculture and aquaculture": ("01", "03"),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_family_of_processes_is_named_in_ten_languages(family):
    langs = {r["lang"] for r in _rows() if r["kind"] == "product"
             and r["nace"].startswith(FAMILIES[family])}  # fmt: skip
    uses = {r["key"] for r in _rows() if r["kind"] == "use"
            and r["nace"].startswith(FAMILIES[family])}  # fmt: skip
    assert {"nb", "en", "sv", "da", "de", "nl", "fi", "fr", "it", "es"} <= langs or uses, family
