"""Hand-checked cases for each score component."""

from __future__ import annotations

import math

import numpy as np
import pytest

from symbiose.matching.engine import EngineConfig, MatchEngine, render
from symbiose.matching.engine.physics import (
    distance_factor,
    heat_limit_km,
    heat_pump_factor,
    quantity_factor,
)
from symbiose.matching.engine.scoring import ewc_similarity
from symbiose.matching.engine.tests.conftest import make


def pair(offer, need, **kw):
    ms = MatchEngine([offer, need]).candidates_for(offer.ref, **kw)
    assert ms, "expected the need among the offer's candidates"
    return ms[0]


def texts(m):
    return [render(r) for r in m.reasons]


def test_norwegian_gypsum_need_finds_english_fgd_gypsum_offer():
    offer = make("o", "offer", "FGD gypsum from flue gas desulphurisation", ewc_code="100105")
    need = make("n", "need", "gips som råstoff til gipsplater")
    other = make("x", "offer", "Wood chips from sawmill")
    ms = MatchEngine([offer, need, other]).candidates_for("n")
    assert ms[0].offer_ref == "o"
    assert ms[0].feasible
    assert "Both are gypsum" in texts(ms[0])
    assert "The offered material is used for plasterboard" in texts(ms[0])


def test_streams_without_codes_still_match_by_thesaurus():
    m = pair(make("o", "offer", "Mikrosilika fra filteranlegget"),
             make("n", "need", "Silica fume for high-strength concrete"))  # fmt: skip
    assert m.components["class"] == pytest.approx(1.0)
    assert "ewc" not in m.components


@pytest.mark.parametrize(("a", "b", "expected"), [
    (100105, 100105, 1.0), (100105, 100107, 0.75), (100105, 100201, 0.4), (100105, 170802, 0.0),
])  # fmt: skip
def test_ewc_similarity_follows_the_code_hierarchy(a, b, expected):
    assert float(ewc_similarity(np.array(a), np.array(b))) == expected


def test_missing_ewc_code_is_unknown_not_zero():
    assert math.isnan(float(ewc_similarity(np.array(-1), np.array(100105))))


def test_heat_too_far_is_infeasible_with_a_blocking_reason():
    offer = make("o", "offer", "Overskuddsvarme", category="heat", temperature_c=90,
                 quantity=10_000, unit="MWh/yr", lat=59.0, lon=10.0)  # fmt: skip
    need = make("n", "need", "District heating supply", category="heat", temperature_c=80,
                quantity=10_000, unit="MWh/yr", lat=59.2, lon=10.0)  # fmt: skip
    m = pair(offer, need)
    assert not m.feasible
    assert m.distance_km > heat_limit_km(10_000, EngineConfig())
    blocking = [r for r in m.reasons if r.kind == "blocking"]
    assert render(blocking[0]) == "Too far apart to pipe heat"


def test_heat_limit_grows_with_quantity_and_shrinks_with_heat_pump_electricity():
    cfg = EngineConfig()
    assert heat_limit_km(100_000, cfg) > heat_limit_km(10_000, cfg) > heat_limit_km(1_000, cfg)
    assert heat_limit_km(10_000, cfg, share=0.8) == pytest.approx(0.8 * heat_limit_km(10_000, cfg))
    # 20 GWh/yr (2.3 MW) pays for a medium pipe over about 24 km (the value model's break-even).
    medium = cfg.heat_pipe_cost_nok_m[1] * 1000 * cfg.heat_pipe_annuity
    assert heat_limit_km(20_000, cfg) == pytest.approx(20_000 * cfg.heat_value_nok_mwh / medium)


def test_heat_pump_electricity_shortens_the_pipe_a_pair_can_pay_for():
    def at_20_km(t_offer):
        offer = make("o", "offer", "Overskuddsvarme", category="heat", temperature_c=t_offer,
                     quantity=20_000, unit="MWh/yr", lat=59.0, lon=10.0)  # fmt: skip
        need = make("n", "need", "Varme til tørkeanlegg", category="heat", temperature_c=70,
                    quantity=20_000, unit="MWh/yr", lat=59.18, lon=10.0)  # fmt: skip
        return pair(offer, need)

    hot, lifted = at_20_km(90), at_20_km(30)
    assert hot.feasible  # 20 km: within the 24 km that 20 GWh/yr of hot heat pays for
    assert not lifted.feasible  # a quarter of its heat is bought electricity: about 18 km
    assert render([r for r in lifted.reasons if r.kind == "blocking"][0]) == (
        "Too far apart to pipe heat"
    )


def test_temperature_too_low_even_for_a_heat_pump_is_infeasible():
    offer = make("o", "offer", "Spillvarme", category="heat", temperature_c=20)
    need = make("n", "need", "Process steam", category="heat", temperature_c=180)
    m = pair(offer, need)
    assert not m.feasible
    assert any("heat pump" in render(r) for r in m.reasons if r.kind == "blocking")


def test_heat_pump_gap_costs_a_documented_penalty():
    cfg = EngineConfig()
    assert float(heat_pump_factor(90, 80, cfg)) == 1.0
    # lift 35 K to 75 C: COP = 0.5 * 348.15 / 35 = 4.97, factor = 1 - 1/COP
    assert float(heat_pump_factor(40, 70, cfg)) == pytest.approx(1 - 35 / (0.5 * 348.15))
    offer = make("o", "offer", "Data centre waste heat", category="heat", temperature_c=30)
    need = make("n", "need", "Varme til fjernvarme", category="heat", temperature_c=75)
    m = pair(offer, need)
    assert m.feasible
    assert m.components["temperature"] < 1
    assert "A heat pump or chiller is needed to close the temperature gap" in texts(m)


def test_hazardous_waste_to_a_receiver_without_permit_is_infeasible():
    offer = make("o", "offer", "EAF dust with zinc", ewc_code="100207", hazardous=True)
    need = make("n", "need", "Sinkholdig støv til gjenvinning")
    m = pair(offer, need)
    assert not m.feasible
    assert any("permit" in render(r) for r in m.reasons if r.kind == "blocking")
    permitted = make("n", "need", "Sinkholdig støv til gjenvinning", accepts_hazardous=True)
    assert pair(offer, permitted).feasible


def test_quantity_mismatch_ranks_lower_but_partial_supply_is_allowed():
    assert float(quantity_factor(100.0, 100.0, True)) == 1.0
    assert float(quantity_factor(1.0, 100.0, True)) == pytest.approx(0.64)
    offer = make("o", "offer", "Stålslagg", quantity=100, unit="t/yr")
    small = make("n1", "need", "Steel slag for roads", quantity=100, unit="t/yr")
    huge = make("n2", "need", "Steel slag for roads", quantity=100_000, unit="t/yr")
    ms = MatchEngine([offer, small, huge]).candidates_for("o")
    assert [m.need_ref for m in ms] == ["n1", "n2"]
    assert ms[1].feasible
    assert "Quantities differ a lot (partial supply)" in texts(ms[1])


def test_intra_company_matches_are_flagged_and_excluded_unless_asked():
    offer = make("o", "offer", "Wood chips", org="same")
    need = make("n", "need", "Flis til biobrensel", org="same")
    engine = MatchEngine([offer, need])
    assert engine.candidates_for("o") == []
    assert engine.match_all() == []
    m = engine.candidates_for("o", include_intra_company=True)[0]
    assert m.intra_company
    assert "Both streams belong to the same organisation" in texts(m)


def test_infeasible_candidates_rank_below_feasible_ones():
    offer = make("o", "offer", "Flygeaske", hazardous=True)
    good = make("n1", "need", "Ash for neutralising acid", accepts_hazardous=True, lat=66.0)
    blocked = make("n2", "need", "Fly ash for concrete")
    ms = MatchEngine([offer, good, blocked]).candidates_for("o")
    assert [m.feasible for m in ms] == sorted((m.feasible for m in ms), reverse=True)
    assert (
        MatchEngine([offer, good, blocked])
        .candidates_for("o", include_infeasible=False)[0]
        .feasible
    )


def test_distance_factor_is_non_increasing():
    d = np.linspace(0, 3000, 50)
    for limit in (5.0, np.inf):
        f = distance_factor(d, np.full_like(d, limit), 500.0)
        assert np.all(np.diff(f) <= 1e-12)


def test_reasons_declare_every_value_they_show():
    offer = make("o", "offer", "Stålslagg", quantity=100, unit="t/yr", ewc_code="100202")
    need = make("n", "need", "Steel slag for roads", quantity=10_000, unit="t/yr",
                ewc_code="100202", lat=60.0)  # fmt: skip
    m = pair(offer, need)
    for r in m.reasons:
        if r.params and r.template != "Both are {material}":
            assert r.reveals, r.template
    by_template = {r.template: r for r in m.reasons}
    assert by_template["{distance_km} km apart"].reveals == {"offer.location", "need.location"}
    assert by_template["Same waste code {ewc}"].params == {"ewc": "10 02 02"}


def test_render_uses_the_translation():
    m = pair(make("o", "offer", "FGD gypsum"), make("n", "need", "gips til gipsplater"))
    r = next(r for r in m.reasons if r.template == "Both are {material}")
    assert render(r, lambda s: "Begge er {material_nb}") == "Begge er gips"


def test_the_road_cost_reason_is_loading_plus_the_haul():
    offer = make("o", "offer", "FGD gypsum", ewc_code="100105", quantity=500, unit="t/yr",
                 lat=59.0, lon=10.0)  # fmt: skip
    need = make("n", "need", "Gips til gipsplater", quantity=500, unit="t/yr", lat=59.9,
                lon=10.0)  # fmt: skip
    m = pair(offer, need)
    cfg = EngineConfig()
    [cost] = [r for r in m.reasons if "cost" in r.params]
    assert cost.params["cost"] == round(cfg.handling_nok_per_t
                                        + m.distance_km * cfg.transport_nok_per_tkm)  # fmt: skip
    assert cost.params["cost"] > round(m.distance_km * cfg.transport_nok_per_tkm)
