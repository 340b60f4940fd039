"""How specific a pair's evidence is: a named use few classes serve, a class with few uses,
and uses an offer's own words name (issue 12)."""

from __future__ import annotations

import numpy as np

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.features import use_bits
from symbiose.matching.engine.specificity import (
    NAMED_USE_RELATION,
    SPECIFIC_USE_RELATION,
    named_use_relation,
    use_specificity,
    use_takers,
)
from symbiose.matching.engine.tests.conftest import make
from symbiose.taxonomy.materials import ancestors, load_materials, materials_by_id


def _by_need(matches):
    return {m.need_ref: m for m in matches}


def test_use_takers_count_a_use_of_a_broad_class_for_every_narrower_class():
    takers = use_takers()
    by_id = materials_by_id()
    for use in ("tanning", "cement", "biogas", "energy_recovery"):
        direct = sum(any(u.id == use for u in m.used_by) for m in load_materials())
        served = sum(
            any(u.id == use for a in ancestors(m.id) for u in by_id[a].used_by)
            for m in load_materials()
        )
        assert takers[use] == served >= direct >= 1, use
    assert takers["tanning"] < takers["feed"] < takers["cement"]


def test_use_specificity_falls_with_the_number_of_takers():
    s = use_specificity(np.arange(1, 40))
    assert s[0] == 1.0 and s[-1] == 0.0
    assert np.all(np.diff(s) <= 0) and np.any(np.diff(s) < 0)


def test_a_use_only_one_class_serves_outranks_one_that_thirty_serve():
    # Hides go to the tannery (tanning takes one or two classes) before a fertiliser maker
    # (which takes sixteen or more); before, both needs related at 0.8 and wording decided.
    streams = [make("hides", "offer", "Raw hides and skins from the slaughterhouse"),
               make("tan", "need", "Raw material for the tannery"),
               make("fert", "need", "Raw material for fertiliser production")]  # fmt: skip
    got = _by_need(MatchEngine(streams).candidates_for("hides", top_n=5))
    assert use_takers()["tanning"] < use_takers()["fertiliser_production"]
    assert got["tan"].components["relation"] > got["fert"].components["relation"]
    assert got["fert"].components["relation"] >= NAMED_USE_RELATION
    assert got["tan"].score > got["fert"].score
    # Still a named use: the reason names it.
    assert any("tann" in render(r).lower() for r in got["tan"].reasons)


def test_named_use_relation_stays_within_its_band_and_gathers_like_direct_pairs():
    bits = use_bits()
    rng = np.random.default_rng(7)
    masks = np.array([sum(b for b in bits.values() if rng.random() < 0.2) for _ in range(40)])
    offers, needs = masks[:20], masks[20:]
    block = named_use_relation(offers[:, None], needs[None, :])
    assert block.shape == (20, 20)
    shared = (offers[:, None] & needs[None, :]) != 0
    assert shared.any() and not shared.all()
    assert np.all(block[~shared] == 0.0)
    inside = block[shared]
    assert np.all((inside >= NAMED_USE_RELATION) & (inside <= SPECIFIC_USE_RELATION))
    o, n = np.meshgrid(np.arange(20), np.arange(20), indexing="ij")
    aligned = named_use_relation(offers[o.ravel()], needs[n.ravel()])
    assert np.array_equal(aligned.reshape(20, 20), block)


def test_among_offers_serving_one_named_use_a_class_with_fewer_uses_comes_first():
    # Two fuels of 15 MJ/kg or more, so their heating value (``scoring.energy_worth``) is
    # the same to an energy need and only how many uses their classes have tells them apart.
    streams = [make("fuel", "need", "Fuel for the power plant"),
               make("tyres", "offer", "Used tyres"),
               make("plastic", "offer", "Mixed plastic waste")]  # fmt: skip
    engine = MatchEngine(streams)
    rel = {m.offer_ref: m.components["relation"] for m in engine.candidates_for("fuel")}
    n_uses = {r: len(engine.features(r).uses_class) for r in ("tyres", "plastic")}
    assert n_uses["tyres"] != n_uses["plastic"]
    fewer, more = sorted(n_uses, key=n_uses.get)
    assert rel[fewer] > rel[more] >= NAMED_USE_RELATION


def test_a_use_named_only_in_the_offers_own_words_is_no_relation():
    # "Residues from pectin production" says where the residue comes from, not that it
    # serves pectin production; documented exchanges never paired such a use (0 of 34).
    streams = [make("res", "offer", "Restprodukter fra pektinproduktionen"),
               make("raw", "need", "Råvare til pektinproduktion")]  # fmt: skip
    engine = MatchEngine(streams)
    # The offer's use after "fra" is its source, so it is not read as a use at all.
    assert "food_ingredients" not in engine.features("res").uses_text
    assert "food_ingredients" in engine.features("raw").uses_text
    got = engine.candidates_for("raw", top_n=5, include_infeasible=True)
    assert all(m.components["relation"] < NAMED_USE_RELATION for m in got)


def test_a_material_named_in_its_own_words_still_goes_back_to_its_process():
    # Read from its origin's side streams, a residue is what that process left; a material
    # the offer names itself (cullet, scrap) is often melted again where it came from.
    streams = [make("cullet", "offer", "Glasskår fra glassproduksjon"),
               make("raw", "need", "Råvare til glassproduksjon")]  # fmt: skip
    got = MatchEngine(streams).candidates_for("raw", top_n=5, include_infeasible=True)
    assert [m.offer_ref for m in got] == ["cullet"]
    assert got[0].components["relation"] >= NAMED_USE_RELATION


def test_a_sectors_main_input_weighs_as_a_named_use():
    # A brewery that names no material takes bread as a main input of its sector; a compost
    # plant names a use any organic residue serves. Both are equally likely partners (1.7 %
    # and 1.5-1.9 % of such pairs are documented exchanges), so the nearer one comes first
    # whichever link it has; at 0.6 the sector-only need ranked below every compost need.
    near, far = {"lat": 59.22, "lon": 10.93}, {"lat": 59.91, "lon": 10.75}
    streams = [make("bread", "offer", "Brødrester"),
               make("brew", "need", "Mikrobryggeri", **near),
               make("compost", "need", "Raw material for compost", **far)]  # fmt: skip
    got = MatchEngine(streams).candidates_for("bread", top_n=5)
    rel = {m.need_ref: m.components["relation"] for m in got}
    assert rel["brew"] >= NAMED_USE_RELATION - 1e-9
    assert [m.need_ref for m in got] == ["brew", "compost"]
    brew = next(m for m in got if m.need_ref == "brew")
    assert any("sector" in r.template for r in brew.reasons)
    # The other way round the nearer compost plant leads: the sector is no stronger.
    streams = [make("bread", "offer", "Brødrester"),
               make("brew", "need", "Mikrobryggeri", **far),
               make("compost", "need", "Raw material for compost", **near)]  # fmt: skip
    got = MatchEngine(streams).candidates_for("bread", top_n=5)
    assert [m.need_ref for m in got] == ["compost", "brew"]
