"""Blocking must not keep plausible pairs apart (issue 12, class 4).

Each test builds a small registry without locations (a library of documented exchanges names
no places) and checks that the engine ranks a plausible partner at all: the pair must share a
blocking key, reach the category fit and carry a reason. Distractors check that the wider
filing does not put an unrelated offer first.
"""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.features import stream_features
from symbiose.matching.engine.tests.conftest import make

NOWHERE = {"lat": None, "lon": None}


def offers_for(streams, need):
    return [m.offer_ref for m in MatchEngine(streams).candidates_for(need, top_n=10)]


# A heat listing's material words say what its boiler burns, not a material it asks for.
@pytest.mark.parametrize("title, description, temperature", [
    ("Prosessvarme (damp) til inndamping", "Flisfyrt kjel erstatter olje.", 160.0),
    ("Calefacción de invernaderos", "Calderas de biomasa.", 60.0),
    ("Process steam for the dryer", "Gas-fired boiler, to be replaced by biomass.", 180.0),
])  # fmt: skip
def test_a_heat_need_that_names_its_boilers_fuel_is_served_by_fuels(
    title, description, temperature
):
    need = make("n", "need", title, category="heat", description=description,
                temperature_c=temperature, **NOWHERE)  # fmt: skip
    assert stream_features(need).energy_need
    streams = [need, make("o", "offer", "Wood chips from forest residues", **NOWHERE),
               make("x", "offer", "Crushed concrete", **NOWHERE)]  # fmt: skip
    got = MatchEngine(streams).candidates_for("n", top_n=10)
    assert [m.offer_ref for m in got][:1] == ["o"]
    assert got[0].feasible
    assert "energy recovery" in " | ".join(render(r) for r in got[0].reasons)


def test_low_temperature_heat_that_names_a_fuel_is_still_no_energy_need():
    need = make("n", "need", "Varme til fiskekar", category="heat",
                description="I dag oljefyrt.", temperature_c=30.0, **NOWHERE)  # fmt: skip
    assert not stream_features(need).energy_need


# A material need that names a class is also filed under its sector's main inputs.
@pytest.mark.parametrize("need, nace, offer", [
    ("Renewable raw materials for diesel", "19.20", "Animal fat, rendered"),
    ("Raw material for textile fibre production", "13.20", "Clear PET bottle flakes"),
])  # fmt: skip
def test_a_need_naming_a_broad_class_meets_its_sectors_main_inputs(need, nace, offer):
    streams = [make("n", "need", need, nace=nace, **NOWHERE),
               make("o", "offer", offer, **NOWHERE),
               make("x", "offer", "Gypsum board offcuts", **NOWHERE)]  # fmt: skip
    assert offers_for(streams, "n")[:1] == ["o"]


# An offer read only as a broader class of a sector's input may be that input.
def test_an_offer_read_as_a_broad_class_meets_a_sector_taking_a_narrower_one():
    streams = [make("n", "need", "Palletherstelling", nace="16.24", **NOWHERE),
               make("o", "offer", "Houtige biomassa", **NOWHERE)]  # fmt: skip
    assert [c for c, _w, _s in stream_features(streams[1]).classes] == ["biomass"]
    got = MatchEngine(streams).candidates_for("n", top_n=5)
    assert got and got[0].components["relation"] > 0.44
    assert "typically takes clean wood residues" in " | ".join(render(r) for r in got[0].reasons)
