"""Heat candidates that all serve a need are ranked by how well their grade fits it (class 7).

Before, every source hot enough for a need had a temperature factor of 1, so a need's heat
candidates tied on temperature and the wording decided ("both are surplus heat").
"""

from __future__ import annotations

import numpy as np
import pytest

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.physics import heat_grade_factor, heat_pump_factor
from symbiose.matching.engine.types import EngineConfig

from .conftest import make


def _heat(ref: str, direction: str, title: str, t: float, **kw):
    return make(ref, direction, title, category="heat", temperature_c=t, lat=None, lon=None, **kw)


@pytest.mark.parametrize(
    ("title_need", "titles_offer"),
    [
        ("Fjernvarme til byen", "Overskuddsvarme"),
        ("District heating for the town", "Surplus heat"),
    ],
)
def test_a_need_ranks_the_source_that_just_meets_it_first(title_need, titles_offer):
    streams = [
        _heat("need", "need", title_need, 80.0),
        _heat("steam", "offer", titles_offer, 250.0),
        _heat("warm", "offer", titles_offer, 90.0),
        _heat("hot", "offer", titles_offer, 140.0),
    ]
    ranked = [m.offer_ref for m in MatchEngine(streams).candidates_for("need")]
    assert ranked == ["warm", "hot", "steam"]


@pytest.mark.parametrize(
    ("title_offer", "needs"),
    [
        ("Overskuddsvarme fra smelteverket", ("Varme til veksthus", "Fjernvarme")),
        ("Surplus heat from the smelter", ("Heat for greenhouses", "District heating")),
    ],
)
def test_an_offer_ranks_the_need_that_uses_its_grade_first(title_offer, needs):
    streams = [
        _heat("offer", "offer", title_offer, 95.0),
        _heat("low", "need", needs[0], 35.0),
        _heat("high", "need", needs[1], 80.0),
    ]
    ranked = [m.need_ref for m in MatchEngine(streams).candidates_for("offer")]
    assert ranked[0] == "high"


def test_a_source_hot_enough_still_beats_one_that_needs_a_heat_pump():
    cfg = EngineConfig()
    hottest = heat_grade_factor(1000.0, 40.0)
    lifted = heat_pump_factor(35.0, 40.0 + 20.0, cfg)
    assert float(hottest) > float(lifted)
    assert float(np.min(heat_grade_factor(np.linspace(46.0, 1200.0, 50), 40.0))) >= 0.85


def test_an_unknown_temperature_leaves_the_fit_alone():
    assert float(heat_grade_factor(np.nan, 80.0)) == 1.0
    assert float(heat_grade_factor(90.0, np.nan)) == 1.0


def test_a_hotter_source_is_not_told_it_needs_a_heat_pump():
    streams = [_heat("need", "need", "District heating", 80.0),
               _heat("steam", "offer", "Surplus steam", 250.0)]  # fmt: skip
    (m,) = MatchEngine(streams).candidates_for("need")
    assert m.components["temperature"] < 1.0
    texts = {r.template for r in m.reasons}
    assert not any("heat pump" in t for t in texts), texts


def test_a_colder_source_is_still_told_it_needs_a_heat_pump():
    streams = [_heat("need", "need", "District heating", 80.0),
               _heat("cool", "offer", "Surplus heat", 50.0)]  # fmt: skip
    (m,) = MatchEngine(streams).candidates_for("need")
    assert any("heat pump" in r.template for r in m.reasons)
