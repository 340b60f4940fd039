"""Vectorised scoring of offer-need pairs: components, feasibility and the final score.

:func:`score_pairs` takes slot indices of offers and needs (any shapes that broadcast: a block
``(m, 1) x (1, k)`` or two aligned 1-D arrays) and returns a :class:`Scored` of arrays.

The score is ``what * distance * quantity * temperature * time`` in [0, 1]; infeasible pairs are
multiplied by ``infeasible_factor`` and always rank below feasible ones (see :func:`rank_key`).

Examples
--------
>>> import numpy as np
>>> from symbiose.matching.engine.types import EngineConfig
>>> float(ewc_similarity(np.array(100105), np.array(100107)))
0.75
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import FeatureTable, class_similarity
from .geo import haversine_km
from .physics import (
    LOCAL,
    cold_factor,
    cold_feasible,
    distance_factor,
    heat_pump_factor,
    heat_pump_feasible,
    quantity_factor,
    time_overlap,
    transport_limit_km,
)
from .types import CATEGORIES, EngineConfig

# Category compatibility (offer row, need column) in CATEGORIES order:
# material, heat, cold, water, gas, service. Hot water can serve heat needs; CO2 and other
# gases are sometimes listed as materials; organic wastewater and slurries as water.
_C = np.zeros((len(CATEGORIES) + 1, len(CATEGORIES) + 1))
for _i in range(len(CATEGORIES)):
    _C[_i, _i] = 1.0
_C[0, 4] = _C[4, 0] = 0.6
_C[0, 3] = _C[3, 0] = 0.4  # liquid wastes and slurries are listed as either
_C[1, 3] = _C[3, 1] = 0.5
CATEGORY_COMPAT = _C

# Bit flags of why a pair is infeasible, in the order reasons are shown.
BLOCK_CATEGORY, BLOCK_DISTANCE, BLOCK_TEMPERATURE, BLOCK_HAZARDOUS, BLOCK_TIME = 1, 2, 4, 8, 16
_LOCAL_OF_CAT = np.array([LOCAL.get(c, -1) for c in CATEGORIES] + [-1])


def ewc_similarity(a, b):
    """1 same entry, 0.75 same sub-chapter, 0.4 same chapter, 0 different, NaN when unknown."""
    a = np.asarray(a)
    b = np.asarray(b)
    sim = np.where(
        a == b,
        1.0,
        np.where(a // 100 == b // 100, 0.75, np.where(a // 10000 == b // 10000, 0.4, 0)),
    )
    return np.where((a < 0) | (b < 0), np.nan, sim)


def class_score(t: FeatureTable, o, n):
    """Best class similarity between the two streams' (up to three) classes, weighted."""
    s = class_similarity()
    best = None
    for i in range(t.cls.shape[1]):
        ci, wi = t.cls[o, i], t.clsw[o, i]
        for j in range(t.cls.shape[1]):
            v = s[ci, t.cls[n, j]] * np.minimum(wi, t.clsw[n, j])
            best = v if best is None else np.maximum(best, v)
    return best


def relation_score(t: FeatureTable, o, n):
    """0.8 if the need names a use of the offer's material, 0.5 if the need's sector uses it."""
    text = ((t.uc[o] | t.uo[o]) & t.uo[n]) != 0
    sector = (t.uc[o] & t.un[n]) != 0
    return np.where(text, 0.8, np.where(sector, 0.5, 0.0))


@dataclass
class Scored:
    """Arrays of one scoring pass (all of the broadcast shape)."""

    score: np.ndarray
    feasible: np.ndarray
    blocked: np.ndarray
    what: np.ndarray
    components: dict[str, np.ndarray]
    distance_km: np.ndarray
    limit_km: np.ndarray


def score_pairs(t: FeatureTable, o, n, text_cos, cfg: EngineConfig) -> Scored:
    """Score offers ``o`` against needs ``n`` (slot indices) given their text cosine."""
    cat = CATEGORY_COMPAT[t.cat[o], t.cat[n]]
    ewc = ewc_similarity(t.ewc[o], t.ewc[n])
    klass = class_score(t, o, n)
    rel = relation_score(t, o, n)
    base = 1.0 - (1.0 - klass) * (1.0 - 0.6 * rel)
    text = np.clip(np.asarray(text_cos, dtype=np.float64), 0.0, 1.0)
    has_ewc = ~np.isnan(ewc)
    num = cfg.w_class * base + cfg.w_text * text + cfg.w_ewc * np.nan_to_num(ewc)
    what = cat * num / (cfg.w_class + cfg.w_text + cfg.w_ewc * has_ewc)

    # Where: the pair's transport kind is the offer's local kind, else the need's.
    ko, kn = _LOCAL_OF_CAT[t.cat[o]], _LOCAL_OF_CAT[t.cat[n]]
    kind = np.where(ko >= 0, ko, kn)
    dist = haversine_km(t.lat[o], t.lon[o], t.lat[n], t.lon[n])
    same_unit = (t.unit[o] == t.unit[n]) & (t.unit[o] >= 0)
    qo, qn = t.qty[o], t.qty[n]
    q_pair = np.where(same_unit, np.fmin(qo, qn), np.nan)
    q_pair = np.where(np.isnan(q_pair) & same_unit, np.fmax(qo, qn), q_pair)
    t_src = np.where(kind == 0, t.temp[o], np.nan)
    limit = transport_limit_km(kind, q_pair, t_src, cfg)
    soft = np.where(t.cat[o] == CATEGORIES.index("service"), cfg.service_half_km,
                    cfg.material_half_km)  # fmt: skip
    f_dist = distance_factor(dist, limit, soft)
    ok_dist = ~(dist > limit)

    f_q = quantity_factor(qo, qn, same_unit)
    to, tn = t.temp[o], t.temp[n]
    f_t = np.where(kind == 0, heat_pump_factor(to, tn, cfg),
                   np.where(kind == 1, cold_factor(to, tn, cfg), 1.0))  # fmt: skip
    ok_t = np.where(kind == 0, heat_pump_feasible(to, tn, cfg),
                    np.where(kind == 1, cold_feasible(to, tn, cfg), True))  # fmt: skip
    ok_time, f_time = time_overlap(t.t_from[o], t.t_to[o], t.t_from[n], t.t_to[n])
    ok_haz = ~(t.haz[o] & ~t.acc[n])
    ok_cat = cat > 0

    blocked = (
        (~ok_cat) * BLOCK_CATEGORY
        + (~ok_dist) * BLOCK_DISTANCE
        + (~ok_t) * BLOCK_TEMPERATURE
        + (~ok_haz) * BLOCK_HAZARDOUS
        + (~ok_time) * BLOCK_TIME
    )
    feasible = blocked == 0
    raw = np.clip(what * f_dist * f_q * f_t * f_time, 0.0, 1.0)
    score = np.where(feasible, raw, raw * cfg.infeasible_factor)
    comps = {
        "category": cat,
        "ewc": ewc,
        "class": klass,
        "relation": rel,
        "text": text,
        "what": what,
        "distance": f_dist,
        "quantity": f_q,
        "temperature": f_t,
        "time": f_time,
    }
    return Scored(score, feasible, blocked, what, comps, dist, limit)


def rank_key(scored: Scored, intra, cfg: EngineConfig, include_intra: bool,
             include_infeasible: bool):  # fmt: skip
    """Sort key: feasible pairs first (score + 1), excluded pairs at -inf."""
    key = scored.score + scored.feasible.astype(np.float64)
    drop = scored.what < cfg.min_what
    if not include_intra:
        drop = drop | intra
    if not include_infeasible:
        drop = drop | ~scored.feasible
    return np.where(drop, -np.inf, key)
