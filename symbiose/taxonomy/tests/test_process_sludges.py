"""A sludge is read by what it is, not by its form (issue 12, classes 2 and 6).

"Sludge" alone is the organic sludge of wastewater treatment (biogas, compost, land); a
parent's uses hold for every class under it. So the sludges that are no organic matter stand
apart: blast-furnace and converter sludges and the filter cakes of gas cleaning are iron and
zinc-bearing filter dust, wet; green liquor dregs and slaker grits are the lime-rich residues
of a kraft mill's causticising; metal hydroxide sludge is a class of its own. None of them is
offered to a biogas plant. Sewage sludge also goes to phosphorus recovery.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.legal import class_uses
from symbiose.taxonomy.materials import ancestors, classes_for_ewc

ORGANIC_USES = {"biogas", "compost"}


def _first(text: str, ewc: str | None = None) -> str:
    return classify(text, ewc_code=ewc).classes[0].class_id


@pytest.mark.parametrize(
    "text",
    [
        "Blast furnace sludge",
        "Blast-furnace gas cleaning sludge",
        "BOF sludge",
        "Converter sludge from the steel plant",
        "Masovnsslam",
        "Konverterslam fra stålverket",
        "Masugnsslam",
        "Højovnsslam",
        "Gichtschlamm",
        "Hochofenschlamm, entwässert",
        "Masuunilieju",
        "Boues de haut fourneau",
        "Lodos de alto horno",
        "Szlam wielkopiecowy",
    ],
)
def test_blast_furnace_and_converter_sludge_is_steelworks_dust_not_organic(text):
    found = _first(text)
    assert found == "sludge_iron_steel", found
    assert "filter_dust" in ancestors(found)
    assert not ORGANIC_USES & class_uses(found)


@pytest.mark.parametrize(
    "text",
    [
        "Green liquor sludge",
        "Green liquor dregs",
        "Slaker grits",
        "Grønnlutslam",
        "Grönlutslam från kausticeringen",
        "Grønludslam",
        "Grünlaugenschlamm",
        "Viherlipeäsakka",
        "Lodos de licor verde",
    ],
)
def test_green_liquor_dregs_are_a_lime_residue_not_black_liquor(text):
    found = _first(text)
    assert found == "green_liquor_dregs", found
    assert "lime" in ancestors(found)
    uses = class_uses(found)
    assert {"soil_improvement", "cement"} <= uses
    assert not ORGANIC_USES & uses and "energy_recovery" not in uses


def test_black_liquor_is_still_black_liquor():
    assert _first("Black liquor") == "pulping_liquor"
    assert _first("Svartlut") == "pulping_liquor"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("030302", "green_liquor_dregs"),  # green liquor sludge
        ("030309", "lime"),  # lime mud is calcium carbonate, no black liquor
        ("100213", "sludge_iron_steel"),  # gas-cleaning sludges of iron and steel works
        ("100214", "sludge_iron_steel"),
        ("100215", "sludge_iron_steel"),
        ("100211", "sludge_iron_steel"),  # cooling-water (scale pit) sludges
        ("100818", "filter_dust"),  # other metallurgy's gas-cleaning sludge
        ("190206", "sludge_metal_hydroxide"),
        ("060503", "chemical"),  # inorganic chemical plants' effluent sludge
        ("190814", "sludge_metal_hydroxide"),  # physico-chemical industrial effluent sludge
        ("190806", "chemical"),  # spent ion exchange resins are no sludge
        ("190810", "oil"),  # mineral oil and grease from separators
    ],
)
def test_process_sludge_codes_name_their_material(code, expected):
    assert classes_for_ewc(code) == (expected,)


@pytest.mark.parametrize(
    "code", ["030302", "030309", "100211", "100213", "100214", "100818", "190206", "060503"]
)
def test_no_inorganic_process_sludge_is_offered_to_biogas_by_its_code(code):
    for c in classes_for_ewc(code):
        assert not ORGANIC_USES & class_uses(c), (code, c)


def test_a_sludge_of_unknown_origin_stays_an_organic_sludge():
    assert _first("Slam") == "sludge"
    assert {"biogas", "compost", "soil_improvement"} <= class_uses("sludge")
    assert _first("Fiskeslam") == "sludge_fish"
    assert "biogas" in class_uses("sludge_fibre")


@pytest.mark.parametrize("text", ["Sewage sludge", "Avløpsslam", "Biosolids", "Rötslam"])
def test_sewage_sludge_has_its_documented_routes(text):
    found = _first(text, ewc="190805")
    assert found == "sludge_bio"
    # anaerobic digestion, land after treatment, cement co-processing, phosphorus recovery
    assert {"biogas", "soil_improvement", "cement", "fertiliser_production"} <= class_uses(found)
