"""A listing without a location is neither next door nor a bonus: the pair is scored at its
own scale (the material's usual reach, a pipe's limit), and its reason says so."""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine, render
from symbiose.matching.engine.physics import (
    UNKNOWN_SHARE,
    distance_factor,
    factor_at_scale,
    soft_distance_factor,
)
from symbiose.matching.engine.tests.conftest import make


def _need(ref, **kw):
    return make(ref, "need", "Steel slag for road building", **kw)


def test_a_located_partner_within_reach_outranks_one_without_a_place():
    # Slag travels about 300 km: a need 150 km away is well within its reach.
    streams = [
        make("slag", "offer", "Steel slag", lat=59.2, lon=10.95),
        _need("near", lat=60.55, lon=10.95),
        _need("nowhere", lat=None, lon=None),
    ]
    got = {m.need_ref: m for m in MatchEngine(streams).candidates_for("slag", top_n=5)}
    assert got["near"].distance_km == pytest.approx(150, abs=5)
    assert got["near"].score > got["nowhere"].score
    assert got["nowhere"].distance_km is None
    assert got["nowhere"].feasible  # unknown is not far: it ranks, it does not forbid
    text = " | ".join(render(r) for r in got["nowhere"].reasons)
    assert "Distance unknown" in text, text


def test_unknown_distance_scores_as_the_pairs_own_scale():
    # By road: the haul as at the usual reach (0.6) and the nearness as at the default reach
    # of 500 km, the same for every pair; by pipe: as at the limit, times the same share;
    # below next door in both.
    near_500 = float(soft_distance_factor(500.0, 500.0)) ** 2 / 0.6
    assert float(soft_distance_factor(float("nan"), 80.0)) == pytest.approx(
        (0.6 * near_500) ** 0.5)  # fmt: skip
    assert float(soft_distance_factor(float("nan"), 80.0)) == pytest.approx(
        float(factor_at_scale(1.0, False)))  # fmt: skip
    assert float(distance_factor(float("nan"), 22.0, 500.0)) == pytest.approx(
        float(distance_factor(22.0, 22.0, 500.0)) * UNKNOWN_SHARE)  # fmt: skip
    assert float(soft_distance_factor(float("nan"), 80.0)) < float(soft_distance_factor(0.0, 80.0))


def test_needs_without_a_place_do_not_crowd_out_located_partners():
    # Ten needs of unknown place and one located 60 km away: the located one comes first.
    streams = [make("slag", "offer", "Steel slag"), _need("here", lat=59.74, lon=10.95)]
    streams += [_need(f"x{i}", lat=None, lon=None) for i in range(10)]
    got = MatchEngine(streams).candidates_for("slag", top_n=3)
    assert got[0].need_ref == "here"


def test_the_reach_reason_is_positive_within_the_reach():
    # Slag 200 km away: the score pays for the distance, but hauling it pays (reach 300 km).
    streams = [make("slag", "offer", "Steel slag", lat=59.2, lon=10.95),
               _need("near", lat=61.0, lon=10.95)]  # fmt: skip
    got = MatchEngine(streams).candidates_for("slag", top_n=5)[0]
    reach = [r for r in got.reasons if "usually used within" in r.template]
    assert reach and reach[0].kind == "positive"


def test_nearness_is_explained_on_located_road_pairs_only():
    # 11 km and 67 km north of the slag (0.1 degree of latitude is about 11 km).
    streams = [make("slag", "offer", "Steel slag", lat=59.2, lon=10.95),
               _need("close", lat=59.3, lon=10.95), _need("farther", lat=59.8, lon=10.95),
               _need("nowhere", lat=None, lon=None)]  # fmt: skip
    got = {m.need_ref: m for m in MatchEngine(streams).candidates_for("slag", top_n=5)}

    def nearness(ref):
        return [r.kind for r in got[ref].reasons if "Nearer partners rank" in r.template]

    assert nearness("close") == ["positive"]
    assert nearness("farther") == ["info"]
    assert nearness("nowhere") == []
    reason = next(r for r in got["close"].reasons if "Nearer partners rank" in r.template)
    assert reason.reveals == frozenset({"offer.location", "need.location"})
    assert "33 km" in render(reason)
    heat = [make("h", "offer", "Surplus heat", category="heat", temperature_c=80.0),
            make("d", "need", "Heat for drying", category="heat", temperature_c=60.0,
                 lat=59.21)]  # fmt: skip
    pipe = MatchEngine(heat).pairs([("h", "d")])[0]
    assert pipe.distance_km is not None
    assert not [r for r in pipe.reasons if "Nearer partners rank" in r.template]
