"""Sanity checks per failure class of issue 12: small registries a domain expert can judge.

Each test builds its own little registry with a true partner and plausible distractors at
realistic distances, so it checks a class of problem rather than one documented pair.
"""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.tests.conftest import make

# Fredrikstad is the default site; these are a few km to a few hundred km away.
NEAR = {"lat": 59.22, "lon": 10.93}
REGION = {"lat": 59.91, "lon": 10.75}  # Oslo, ~80 km
FAR = {"lat": 63.43, "lon": 10.39}  # Trondheim, ~470 km


def ranked(streams, ref, **kw):
    return MatchEngine(streams).candidates_for(ref, top_n=10, **kw)


def refs(matches, side="need"):
    return [m.need_ref if side == "need" else m.offer_ref for m in matches]


def texts(m):
    return " | ".join(render(r) for r in m.reasons)


# Class 2: a known material reaches a use it was not linked to.
@pytest.mark.parametrize("offer, need, nace", [
    ("Bottom ash from the incinerator", "Raw material for brick production", "23.32"),
    ("Blast furnace slag", "Raw material for fertiliser production", "20.15"),
    ("Glass cullet", "Fill material for construction", "42.11"),
    ("Sodium hydroxide solution", "Chemicals for the pulp mill", "17.11"),
    ("Spent sulphuric acid", "Acid for leaching at the nickel refinery", "24.45"),
    ("Off-spec lime", "Liming agent for farmland", "01.1"),
])  # fmt: skip
def test_known_materials_reach_their_less_obvious_uses(offer, need, nace):
    streams = [make("o", "offer", offer, **NEAR), make("n", "need", need, nace=nace),
               make("x", "need", "Crates for fish export", nace="52.10")]  # fmt: skip
    got = ranked(streams, "o")
    assert refs(got)[:1] == ["n"] and got[0].feasible, [texts(m) for m in got]


# Class 3: needs that name a kind of company, or nothing, are read from the organisation.
@pytest.mark.parametrize("need_title, nace, good, bad", [
    ("Raw material", "10.91", "Leftover bread from the bakery", "Steel slag"),
    ("Pig farms", None, "Brødrester", "Fly ash"),
    ("Råvare", "23.51", "Bunnaske fra forbrenning", "Matavfall"),
    ("Raw material for a toy factory", None, "PE plastic regrind", "Fish sludge"),
    ("Process material", "35.21", "Fish sludge from the smolt plant", "Crushed concrete"),
    ("Garden centre", None, "Cocoa shells", "Steel slag"),
    ("Raw materials", "20.30", "Zinc oxide", "Fish sludge"),
])  # fmt: skip
def test_needs_without_a_material_take_their_sectors_input_profile(need_title, nace, good, bad):
    streams = [make("n", "need", need_title, nace=nace),
               make("good", "offer", good, **NEAR), make("bad", "offer", bad, **NEAR)]  # fmt: skip
    got = ranked(streams, "n")
    assert refs(got, "offer")[:1] == ["good"], [texts(m) for m in got]
    assert "sector" in texts(got[0])
    assert "bad" not in refs([m for m in got if m.feasible], "offer")


def test_the_sector_reason_reveals_identity_only_when_the_sector_comes_from_the_organisation():
    org = ranked([make("n", "need", "Råvare", nace="10.91"),
                  make("o", "offer", "Brødrester", **NEAR)], "n")[0]  # fmt: skip
    words = ranked([make("n", "need", "Råvare til grisebruket"),
                    make("o", "offer", "Brødrester", **NEAR)], "n")[0]  # fmt: skip
    sector = [r for r in org.reasons if "sector" in r.template]
    assert sector and all("need.identity" in r.reveals for r in sector)
    sector = [r for r in words.reasons if "sector" in r.template]
    assert sector and all("need.identity" not in r.reveals for r in sector)


def test_a_need_with_no_material_and_no_sector_words_falls_back_to_its_organisations_division():
    """32.99 has no profile of its own (nor has its group 32.9): the division's applies, and
    the reason says the knowledge came from the organisation and names that division."""
    streams = [make("n", "need", "Råvare", nace="32.99"),
               make("good", "offer", "PE plastic regrind", **NEAR),
               make("bad", "offer", "Fish sludge", **NEAR)]  # fmt: skip
    got = ranked(streams, "n")
    assert refs(got, "offer")[:1] == ["good"], [texts(m) for m in got]
    assert "bad" not in refs([m for m in got if m.feasible], "offer")
    reason = [r for r in got[0].reasons if "organisation works in" in r.template]
    assert reason and reason[0].params["sector"].startswith("32 ")
    assert "need.identity" in reason[0].reveals


@pytest.mark.parametrize("need, nace", [("Carbonation", None), ("Gass til produksjonen", "11.07")])
def test_a_gas_need_named_by_its_use_or_sector_meets_the_gas_that_serves_it(need, nace):
    """A gas need whose only class is its category's default ("other gas") is read from its
    use or its organisation's sector, within its category: CO2 for a soft-drinks bottler."""
    streams = [make("o", "offer", "Fermentation CO2", category="gas", **NEAR),
               make("h", "offer", "Hydrogen from the electrolyser", category="gas", **NEAR),
               make("n", "need", need, category="gas", nace=nace)]  # fmt: skip
    got = ranked(streams, "n")
    assert refs(got, "offer")[:1] == ["o"] and got[0].feasible, [texts(m) for m in got]
    assert "h" not in refs([m for m in got if m.feasible], "offer")


def test_an_offer_without_a_material_takes_its_producers_output_profile():
    streams = [make("o", "offer", "Restprodukt, ca 5000 tonn", nace="16.11", **NEAR),
               make("n", "need", "Råvare til pelletsproduksjon"),
               make("x", "need", "Råvare til sementovnen", nace="23.51")]  # fmt: skip
    got = ranked(streams, "o")
    assert refs(got)[:1] == ["n"], [texts(m) for m in got]
    assert "side stream of the offer's sector" in texts(got[0])


# Class 4: blocking must let plausible pairs meet.
@pytest.mark.parametrize("offer, need, nace", [
    ("CO2 from fermentation", "Industrial gas producer", None),
    ("Captured CO2", "Raw material for the calcium carbonate plant", None),
    ("CO2-rich off-gas", "Veksthus", None),
    ("By-product hydrogen", "Gas supplier", "20.11"),
    ("Fly ash", "Teglverk", None),
])  # fmt: skip
def test_gases_and_ashes_meet_the_plants_that_take_them(offer, need, nace):
    category = "gas" if "CO2" in offer or "hydrogen" in offer else "material"
    streams = [make("o", "offer", offer, category=category, **NEAR),
               make("n", "need", need, category="material", nace=nace)]  # fmt: skip
    assert refs(ranked(streams, "o"))[:1] == ["n"]


# Class 5: fuels and energy needs.
@pytest.mark.parametrize("fuel", ["Sawdust", "Wood chips", "Bark", "Rice husk",
                                  "Plastic pellets, off-spec", "Used tyres", "Urban waste",
                                  "Spent solvents", "Coffee grounds"])  # fmt: skip
def test_fuels_serve_process_heat_through_energy_recovery(fuel):
    streams = [make("o", "offer", fuel, **NEAR),
               make("n", "need", "Process heat", category="heat"),
               make("x", "need", "Heat for the fish tanks at 30 °C", category="heat",
                    temperature_c=30.0)]  # fmt: skip
    got = ranked(streams, "o")
    assert refs(got) == ["n"], [texts(m) for m in got]
    assert got[0].feasible
    assert "energy recovery" in texts(got[0])


def test_the_bridge_reason_gives_the_calorific_value():
    got = ranked([make("o", "offer", "Wood chips", **NEAR),
                  make("n", "need", "Damp til tørken", category="heat")], "o")  # fmt: skip
    assert "MJ/kg" in texts(got[0])


@pytest.mark.parametrize("need", ["Fuel for the boilers", "Process energy", "Brensel til kjelen"])
def test_an_energy_need_ranks_what_burns_above_what_only_lists_energy_recovery(need):
    # Sludge and a wet residue list energy recovery, but burn poorly or not at all.
    streams = [make("n", "need", need, nace="35.30"),
               make("sludge", "offer", "Sludge", **NEAR),
               make("wet", "offer", "Fish sludge", **NEAR),
               make("wood", "offer", "Dry wood shavings", **NEAR)]  # fmt: skip
    got = ranked(streams, "n")
    assert refs(got, "offer")[:1] == ["wood"], [(m.offer_ref, m.score) for m in got]
    rel = {m.offer_ref: m.components["relation"] for m in got}
    assert rel["wood"] > rel.get("wet", 0.0) and rel["wood"] > rel.get("sludge", 0.0)


@pytest.mark.parametrize("need, main, other", [
    ("Raw material for brick production", "Excavated clay", "Glass cullet"),
    ("Råstoff til teglproduksjon", "Leire", "Glasskår"),
])  # fmt: skip
def test_a_named_use_leans_to_what_the_needs_sector_mainly_takes(need, main, other):
    # Both serve the named use (bricks take ground glass as a flux); a brickworks' sector
    # (23.32) takes clay as a main input. All at one site, so distance decides nothing.
    streams = [make("n", "need", need, nace="23.32"),
               make("other", "offer", other), make("main", "offer", main)]  # fmt: skip
    got = ranked(streams, "n")
    rel = {m.offer_ref: m.components["relation"] for m in got}
    assert len(rel) == 2 and min(rel.values()) >= 0.8, rel
    assert refs(got, "offer")[:1] == ["main"], [(m.offer_ref, m.score) for m in got]


def test_exhaust_gas_listed_as_gas_serves_a_heat_need():
    streams = [make("o", "offer", "Exhaust gas at 450 °C", category="gas", **NEAR),
               make("n", "need", "Process heat", category="heat"),
               make("x", "need", "Nitrogen for inerting", category="gas")]  # fmt: skip
    got = ranked(streams, "o")
    assert refs(got)[:1] == ["n"] and got[0].feasible


def test_treated_wastewater_is_a_heat_source_for_district_heating_heat_pumps():
    streams = [make("o", "offer", "Renset avløpsvann", category="water", temperature_c=12.0,
                    nace="37.00", **NEAR),
               make("far", "offer", "Treated wastewater", category="water", temperature_c=12.0,
                    nace="37.00", **FAR),
               make("n", "need", "Varmekilde for fjernvarmens varmepumpe", category="heat",
                    temperature_c=10.0, nace="35.30")]  # fmt: skip
    got = ranked(streams, "n")
    assert refs(got, "offer")[:1] == ["o"] and got[0].feasible, [texts(m) for m in got]
    assert "far" not in refs([m for m in got if m.feasible], "offer")


def test_cooling_water_meets_a_process_cooling_need():
    streams = [make("o", "offer", "Cold seawater intake capacity", category="water", **NEAR),
               make("n", "need", "Process cooling", category="cold")]  # fmt: skip
    got = ranked(streams, "o")
    assert refs(got) == ["n"] and got[0].feasible


# Class 6: similar wording alone never makes a pair.
def test_similar_wording_without_a_shared_material_or_use_is_not_proposed():
    streams = [make("o", "offer", "Industrial waste", **NEAR),
               make("n", "need", "Cement industry raw material", nace="23.51"),
               make("m", "need", "Manganese residues for remelting", nace="24.10")]  # fmt: skip
    bread = [make("b", "offer", "Brødrester", **NEAR), *streams[1:]]
    assert "m" not in refs(ranked(bread, "b"))
    zinc = [make("z", "offer", "Zn recovery residues", **NEAR),
            make("a", "need", "Alkali recovery", nace="17.11")]  # fmt: skip
    assert ranked(zinc, "z") == []


# Class 7: utilities are ranked by what differs between them.
def test_heat_needs_rank_by_distance_quantity_and_temperature_not_by_wording():
    offer = make("o", "offer", "Surplus heat", category="heat", temperature_c=80.0,
                 quantity=20_000, unit="MWh/yr", **NEAR)  # fmt: skip
    needs = [
        make("muni", "need", "District heating network of the municipality", category="heat",
             temperature_c=70.0, quantity=18_000, unit="MWh/yr", lat=59.215, lon=10.94),
        make("wordy", "need", "Surplus heat wanted, surplus heat", category="heat",
             temperature_c=110.0, quantity=500, unit="MWh/yr", lat=59.25, lon=11.0),
        make("far", "need", "Surplus heat", category="heat", temperature_c=70.0,
             quantity=18_000, unit="MWh/yr", lat=59.30, lon=11.1),
    ]  # fmt: skip
    got = ranked([offer, *needs], "o", include_infeasible=True)
    assert refs(got)[0] == "muni"
    assert len({round(m.score, 6) for m in got}) == len(got)


# Class 8: how far a material travels depends on what it is worth per tonne.
def test_low_value_residues_stay_local_and_metals_travel():
    food = [make("o", "offer", "Food waste"),
            make("near", "need", "Substrate for the biogas plant", **NEAR),
            make("far", "need", "Substrate for the biogas plant", org="b2", **FAR)]  # fmt: skip
    got = {m.need_ref: m for m in ranked(food, "o", include_infeasible=True)}
    assert got["near"].score > 2.5 * got["far"].score
    assert "usually used within about" in texts(got["near"])
    metal = [make("o", "offer", "Copper scrap"),
             make("near", "need", "Copper for remelting", **NEAR),
             make("far", "need", "Copper for remelting", org="b2", **FAR)]  # fmt: skip
    kept_food = got["far"].score / got["near"].score
    got = {m.need_ref: m for m in ranked(metal, "o")}
    # Copper 470 km away stays feasible and keeps more of its score than food waste does
    # (both lose to nearness: most exchanges are local whatever the material).
    assert got["far"].feasible and got["far"].score > 0.4 * got["near"].score
    assert got["far"].score / got["near"].score > 1.5 * kept_food


def test_a_low_value_residue_across_the_country_is_not_feasible():
    streams = [
        make("o", "offer", "Food waste"),
        make("n", "need", "Substrate for biogas", lat=69.65, lon=18.96),
    ]  # Tromsø
    got = ranked(streams, "o", include_infeasible=True)
    assert got and not got[0].feasible
    assert "haul" in texts(got[0])


# Negative controls stay negative.
def test_negative_controls_still_hold():
    haz = [make("o", "offer", "Spent solvents", hazardous=True, **NEAR),
           make("n", "need", "Process heat", category="heat")]  # fmt: skip
    assert not ranked(haz, "o")[0].feasible
    far_heat = [
        make("o", "offer", "Surplus heat", category="heat", temperature_c=90.0),
        make("n", "need", "Heat", category="heat", temperature_c=60.0, **REGION),
    ]
    assert not ranked(far_heat, "o")[0].feasible
    low_heat = [
        make("o", "offer", "Surplus heat", category="heat", temperature_c=25.0),
        make("n", "need", "Steam", category="heat", temperature_c=180.0, **NEAR),
    ]
    assert not ranked(low_heat, "o")[0].feasible
