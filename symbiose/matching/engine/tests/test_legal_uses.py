"""The engine never proposes a use the law forbids, and says why when a facilitator asks.

Each case is a class of material against the needs it may and may not serve
(``taxonomy/data/use_limits.csv``): catering and household food waste is never feed, plant
bakery leftovers are (on conditions), leftovers with meat or fish are not; manure and
sewage sludge are never feed; wood and CO2 have no feed link at all.
"""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.reasons import R_LEGAL
from symbiose.matching.engine.scoring import BLOCK_LEGAL
from symbiose.matching.engine.tests.conftest import make

FEED_NEEDS = [
    make("n_mill", "need", "Råvare til fôrfabrikk", nace="10.91"),
    make("n_swill", "need", "Matavfall til grisefôr", nace="01.46"),  # asks for it as feed
    make("n_feed_en", "need", "Feed mill"),
    make("n_pigs", "need", "Fôr til griser"),
    make("n_pigfarm", "need", "Råvarer", nace="01.46"),  # feed, bedding or its fields
]
#: Food leftovers are feed or nothing to a pig farm; manure and sludge may go on its fields.
FOOD = ("mat", "food", "catering", "stork", "brød", "baguett", "used cooking")
BIOGAS = make("n_biogas", "need", "Substrat til biogassanlegget", nace="35.21")

NOT_FEED = [
    ("Matavfall fra husholdninger", "200108", None),
    ("Matavfall fra kantine", "200108", None),
    ("Catering waste", None, None),
    ("Food waste from restaurants", "200301", None),
    ("Storkjøkkenavfall", None, None),
    ("Utgåtte matvarer med kjøtt", None, None),
    ("Brødrester fra kantina", None, None),  # bread, but catering waste
    ("Baguetter med skinke og reker", "020601", "10.71"),  # bakery goods with meat and fish
    ("Used cooking oil from restaurants", "200125", None),
    ("Husdyrgjødsel", "020106", None),
    ("Avløpsslam fra renseanlegget", "190805", None),
]


def _pairs(offer, needs):
    engine = MatchEngine([offer, *needs])
    return {m.need_ref: m for m in engine.candidates_for(offer.ref, top_n=20)}


@pytest.mark.parametrize("title, code, nace", NOT_FEED)
def test_material_the_law_keeps_out_of_feed_is_never_proposed_as_feed(title, code, nace):
    offer = make("o", "offer", title, ewc_code=code, nace=nace)
    found = _pairs(offer, FEED_NEEDS)
    food = title.lower().startswith(FOOD)
    needs = [n for n in FEED_NEEDS if food or n.ref != "n_pigfarm"]
    for need in needs:
        m = found.get(need.ref)  # absent: not even a link
        assert m is None or not m.feasible, (title, need.title, [render(r) for r in m.reasons])
        if m is not None and m.components.get("class", 0) > 0:  # linked by what it is
            assert R_LEGAL in m.reasons, (title, need.title)
            why = [render(r) for r in m.reasons if "may not be used for" in r.template]
            assert why and "animal feed" in why[0], (title, need.title, why)
    proposed = MatchEngine([offer, *needs]).match_all(include_infeasible=False)
    assert proposed == [], [(m.need_ref, [render(r) for r in m.reasons]) for m in proposed]


@pytest.mark.parametrize("title", ["Matavfall fra husholdninger", "Catering waste",
                                   "Brødrester fra kantina"])  # fmt: skip
def test_catering_waste_goes_to_biogas_and_the_blocked_pair_says_why(title):
    offer = make("o", "offer", title)
    found = _pairs(offer, [*FEED_NEEDS, BIOGAS])
    assert found[BIOGAS.ref].feasible
    blocked = found["n_swill"]  # "Matavfall til grisefôr": the same material, asked as feed
    assert not blocked.feasible
    assert R_LEGAL in blocked.reasons
    text = " | ".join(render(r) for r in blocked.reasons)
    assert "catering waste" in text and "biogas" in text


@pytest.mark.parametrize("title, code, nace", [
    ("Brødrester fra bakeriet", "020601", "10.71"),
    ("Utgåtte bakervarer uten kjøtt og fisk", None, None),
    ("Leftover bread", None, None),
])  # fmt: skip
def test_plant_based_former_foodstuffs_may_go_to_feed_with_their_conditions(title, code, nace):
    offer = make("o", "offer", title, ewc_code=code, nace=nace)
    found = _pairs(offer, FEED_NEEDS)
    mill = found["n_mill"]
    assert mill.feasible, [render(r) for r in mill.reasons]
    assert found["n_pigs"].feasible
    text = " | ".join(render(r) for r in mill.reasons)
    assert "only on conditions" in text and "packaging" in text


def test_the_forbidden_use_is_read_from_the_need_and_hidden_with_its_source():
    offer = make("o", "offer", "Matavfall fra husholdninger", ewc_code="200108")
    need = make("n", "need", "Råvarer", nace="01.46")  # wants feed only through its sector
    m = _pairs(offer, [need])["n"]
    assert m.components and not m.feasible
    info = [r for r in m.reasons if "may not be used for" in r.template]
    assert info and "need.identity" in info[0].reveals  # the sector says who the need is
    assert R_LEGAL.reveals == frozenset()  # the blocking reason alone reveals nothing


@pytest.mark.parametrize("title, category, code", [
    ("Trefiberrester og kantavskjær", "material", "030105"),
    ("Wood-fibre offcuts", "material", None),
    ("Wood chips", "material", "030105"),
    ("CO2 i røykgass", "gas", None),
    ("CO2 fra energigjenvinningsanlegget", "gas", None),
])  # fmt: skip
def test_wood_and_co2_have_no_feed_link(title, category, code):
    offer = make("o", "offer", title, category=category, ewc_code=code)
    needs = [n for n in FEED_NEEDS if n.ref != "n_pigfarm"]  # a pig farm takes wood as bedding
    proposed = MatchEngine([offer, *needs]).match_all(include_infeasible=False)
    assert proposed == [], [(m.need_ref, [render(r) for r in m.reasons]) for m in proposed]


def test_legal_block_is_its_own_flag():
    assert BLOCK_LEGAL not in (1, 2, 4, 8, 16, 32)


@pytest.mark.parametrize("title", ["Kjølevann fra smelteverket", "Renset avløpsvann",
                                   "Surplus cooling water"])  # fmt: skip
def test_industrial_water_is_never_proposed_as_drinking_water(title):
    offer = make("o", "offer", title, category="water")
    need = make("n", "need", "Drikkevann", category="water")
    m = _pairs(offer, [need]).get("n")
    assert m is None or not m.feasible
    if m is not None:
        assert R_LEGAL in m.reasons
        assert any("drinking water" in render(r) for r in m.reasons)


def test_clean_water_may_become_drinking_water_through_a_registered_supply():
    offer = make("o", "offer", "Rent vann fra grunnvannsbrønn", category="water")
    m = _pairs(offer, [make("n", "need", "Drinking water", category="water")])["n"]
    assert m.feasible
    assert any("registered with the Norwegian Food Safety Authority" in render(r)
               for r in m.reasons)  # fmt: skip


@pytest.mark.parametrize("need", ["Lombricoltura", "Worm farm", "Insect farm for fish feed"])
@pytest.mark.parametrize("title, code", [("Spent grain from mashing", "020702"),
                                         ("Molasses", "020399")])  # fmt: skip
def test_feed_materials_may_go_to_farmed_insects_and_worms(need, title, code):
    streams = [make("n", "need", need), make("o", "offer", title, ewc_code=code),
               make("x", "offer", "Steel turnings")]  # fmt: skip
    got = MatchEngine(streams).candidates_for("n", top_n=5)
    assert [m.offer_ref for m in got][:1] == ["o"] and got[0].feasible


def test_catering_waste_is_not_fed_to_farmed_insects():
    streams = [make("n", "need", "Insect farm for fish feed"),
               make("o", "offer", "Matavfall fra kantine", ewc_code="200108")]  # fmt: skip
    assert not any(m.feasible for m in MatchEngine(streams).candidates_for("n", top_n=5))
