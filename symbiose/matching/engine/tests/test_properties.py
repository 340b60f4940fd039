"""Property tests: scores in range, symmetric feasibility, monotonic in distance."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from symbiose.matching.engine import MatchEngine
from symbiose.matching.engine.tests.conftest import make

TITLES = ["Overskuddsvarme", "District heating", "FGD gypsum", "gips", "Stålslagg",
          "Slag for roads", "Wood chips", "CO2", "Kjølevann", "Residue 17"]  # fmt: skip
CATS = ["material", "heat", "cold", "water", "gas", "service"]

stream_args = st.fixed_dictionaries({
    "title": st.sampled_from(TITLES),
    "category": st.sampled_from(CATS),
    "quantity": st.one_of(st.none(), st.floats(1, 1e6)),
    "temperature_c": st.one_of(st.none(), st.floats(-50, 250)),
    "hazardous": st.booleans(),
    "accepts_hazardous": st.booleans(),
    "lat": st.floats(58, 71),
    "lon": st.floats(5, 30),
})  # fmt: skip


def _pair(a, b):
    o = make("o", "offer", a.pop("title"), unit="t/yr", **a)
    n = make("n", "need", b.pop("title"), unit="t/yr", **b)
    return o, n


@settings(max_examples=60, derandomize=True, deadline=None)
@given(stream_args, stream_args)
def test_scores_are_in_range_and_feasibility_is_symmetric(a, b):
    o, n = _pair(a, b)
    engine = MatchEngine([o, n])
    from_offer = engine.candidates_for("o", top_n=1)
    from_need = engine.candidates_for("n", top_n=1)
    assert len(from_offer) == len(from_need)
    for x, y in zip(from_offer, from_need, strict=True):
        assert 0.0 <= x.score <= 1.0
        assert x.feasible == y.feasible
        assert x.score == y.score


@settings(max_examples=40, derandomize=True, deadline=None)
@given(stream_args, stream_args, st.floats(0, 5), st.floats(0, 5))
def test_score_never_rises_with_distance(a, b, d1, d2):
    near, far = sorted((d1, d2))
    a["lat"], a["lon"] = 60.0, 10.0
    scores = []
    for d in (near, far):
        b2 = dict(b, lat=60.0 + d, lon=10.0)
        o, n = _pair(dict(a), b2)
        ms = MatchEngine([o, n]).candidates_for("o", top_n=1)
        scores.append(ms[0].score if ms else 0.0)
    assert scores[1] <= scores[0] + 1e-9
