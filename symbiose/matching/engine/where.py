"""Where a pair's two streams are and when: distance, reach, pipe limits, quantity and time.

:func:`where_factors` gives every factor of a pair's score that comes from the streams'
places, sizes, temperatures and windows (not from what they are, which
:func:`~.scoring.knowledge` scores), for offer and need slots of any shapes that broadcast:
a block ``(m, 1) x (1, k)`` or two aligned 1-D arrays. :func:`~.scoring.score_pairs` and the
block scorer (:mod:`.blockscore`) both use it, so the two compute the same values.

Examples
--------
>>> import numpy as np
>>> cfg = EngineConfig()
>>> q = thermal_quantity(_Units(), np.array([0]), np.array([1]), cfg)
>>> q.tolist()
[2000.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from symbiose.taxonomy.categories import category

from .features import FeatureTable
from .geo import haversine_km
from .language import abroad_factor
from .physics import (
    LOCAL,
    cold_factor,
    cold_feasible,
    distance_factor,
    heat_grade_factor,
    heat_pump_factor,
    heat_pump_feasible,
    quantity_factor,
    soft_distance_factor,
    time_overlap,
    transport_limit_km,
)
from .season import season_score
from .types import CATEGORIES, EngineConfig

FAR_REACHES = 10.0  # a material further than this many reaches is not worth hauling
THERMAL_UNIT = category("heat").canonical_unit  # heat and cold are given in MWh/yr
#: Each category's pipe kind (index into ``LOCAL``), -1 for road-borne ones and "unknown".
LOCAL_OF_CAT = np.array([LOCAL.get(c, -1) for c in CATEGORIES] + [-1])
#: From this share of pipe-bound pairs in a pass, all its pairs take the pipe formulas at once
#: (no gathering and writing back); the values are the same either way.
DENSE_PIPES = 0.5


@dataclass
class Where:
    """The place, size and time factors of a pass (arrays of the pass's shape or scalars).

    ``ok_t`` is None when no pair is pipe-bound (then ``f_t`` is 1 for every pair) and
    ``ok_time`` None when every pair's windows overlap.
    """

    dist: np.ndarray
    limit: np.ndarray
    f_dist: np.ndarray
    f_t: np.ndarray | float
    ok_dist: np.ndarray
    ok_t: np.ndarray | None
    f_q: np.ndarray
    ok_time: np.ndarray | None
    f_time: np.ndarray | float
    f_season: np.ndarray | float
    ok_haz: np.ndarray


class ShownSites:
    """``t`` with every stream that hides its site placed at its shown area's centre
    (``rlat``/``rlon``; NaN without an area, scored as an unknown distance): what rankings
    and the choice of kept pairs read, so they do not depend on a hidden site. Streams that
    hide nothing keep their location, so their pairs' values are the exact ones."""

    def __init__(self, t: FeatureTable) -> None:
        self._t, self.lat, self.lon = t, t.rlat, t.rlon

    def __getattr__(self, name: str):
        return getattr(self._t, name)


def where_factors(t: FeatureTable, o, n, bridge, shape, cfg: EngineConfig) -> Where:
    """Distance, pipe, quantity, time, season and hazard factors of offers ``o`` against
    needs ``n``; ``bridge`` marks fuel-to-energy pairs (None: none), whose fuel travels by
    road, and ``shape`` is the broadcast shape of the pass."""
    # The pair's transport kind is the offer's local kind, else the need's.
    ko = LOCAL_OF_CAT[t.cat[o]]
    kn = LOCAL_OF_CAT[t.cat[n]]
    if bridge is not None:
        kn = np.where(bridge, -1, kn)  # fuel travels by road, not by pipe
    dist = pair_distance(t, o, n)
    same_unit = (t.unit[o] == t.unit[n]) & (t.unit[o] >= 0)
    qo, qn = t.qty[o], t.qty[n]
    soft = pair_reach(t, o, n, cfg)
    # Pairs without a pipe-bound stream have no hard limit and no temperature fit. When most
    # pairs are pipe-bound, every pair goes through the pipe formulas (kind -1 gives exactly
    # the road values: no limit, the soft factor, 1 and true); else the pipe-bound pairs are
    # computed on their own and written in.
    limit = np.broadcast_to(np.inf, shape)
    f_t, ok_dist, ok_t = 1.0, None, None  # None: true for every pair
    pipes = 0
    if (ko >= 0).any() or (kn >= 0).any():
        kind = np.where(ko >= 0, ko, kn)
        pipe = np.broadcast_to(kind >= 0, shape)
        pipes = np.count_nonzero(pipe)
    if pipes and pipes >= DENSE_PIPES * np.prod(shape, dtype=np.int64):
        with np.errstate(divide="ignore", invalid="ignore"):
            hard = _hard_pairs(t, o, n, kind, dist, soft, cfg)
        limit, f_dist, f_t, ok_dist, ok_t = (np.broadcast_to(x, shape) for x in hard)
    else:
        f_dist = soft_distance_factor(dist, soft)
    if 0 < pipes < DENSE_PIPES * np.prod(shape, dtype=np.int64):
        sel = np.nonzero(pipe)
        limit, f_dist = limit.copy(), np.array(f_dist, copy=True)
        f_t, ok_dist, ok_t = np.ones(shape), np.ones(shape, bool), np.ones(shape, bool)
        d, k = np.broadcast_to(dist, shape)[sel], np.broadcast_to(kind, shape)[sel]
        limit[sel], f_dist[sel], f_t[sel], ok_dist[sel], ok_t[sel] = _hard_pairs(
            t, *(np.broadcast_to(x, shape)[sel] for x in np.broadcast_arrays(o, n)),
            k, d, np.broadcast_to(soft, shape)[sel], cfg)  # fmt: skip

    f_dist = abroad_factor(t, o, n, dist, limit, soft, f_dist)  # no place: the languages
    f_q = quantity_factor(qo, qn, same_unit)
    days = (t.t_from[o], t.t_to[o], t.t_from[n], t.t_to[n])
    if all(np.isnan(d).all() for d in days):  # no windows: the same for every pair
        ok_time, f_time = time_overlap(np.nan, np.nan, np.nan, np.nan)
        ok_time = None if ok_time else ok_time
    else:
        ok_time, f_time = time_overlap(*days)
    seasonal = (t.season[o] > 0).any() or (t.season[n] > 0).any()
    f_season = season_score(t, o, n) if seasonal else 1.0
    ok_haz = ~(t.haz[o] & ~t.acc[n])
    # A material further than FAR_REACHES of its usual reach is not worth hauling.
    too_far = np.broadcast_to(dist > FAR_REACHES * soft, shape)
    if ok_dist is None:
        ok_dist = ~too_far
    else:
        ok_dist = ok_dist & ~(too_far & np.isinf(limit))
    return Where(np.broadcast_to(dist, shape), limit, f_dist, f_t, ok_dist, ok_t, f_q, ok_time,
                 f_time, f_season, ok_haz)  # fmt: skip


def pair_distance(t: FeatureTable, o, n):
    """Great-circle km between the two streams' sites.

    For a block (a column of offers against a row of needs) the distance is computed once per
    pair of distinct sites and gathered: a site lists several streams, so this is far fewer
    haversines with the same values.
    """
    if np.ndim(o) != 2 or np.ndim(n) != 2 or np.shape(o)[1] != 1 or np.shape(n)[0] != 1:
        return haversine_km(t.lat[o], t.lon[o], t.lat[n], t.lon[n])
    so = t.lat[o[:, 0]] + 1j * t.lon[o[:, 0]]
    sn = t.lat[n[0]] + 1j * t.lon[n[0]]
    uo, io = np.unique(so, return_inverse=True)
    un, inn = np.unique(sn, return_inverse=True)
    if len(uo) * len(un) * 2 > so.size * sn.size:  # few repeated sites: nothing to gain
        return haversine_km(t.lat[o], t.lon[o], t.lat[n], t.lon[n])
    d = haversine_km(uo.real[:, None], uo.imag[:, None], un.real[None, :], un.imag[None, :])
    return d.ravel().take(io.reshape(-1, 1) * len(un) + inn.reshape(1, -1))  # flat: faster


def pair_reach(t: FeatureTable, o, n, cfg: EngineConfig):
    """Distance scale of a pair: the offer's material reach, else the need's, else a default.

    Services keep ``service_half_km``; the reach comes from the knowledge base (value per
    tonne and transport cost: food and garden residues, chips, ash, sludges and water are
    used locally; metals, CRM-bearing dusts and chemicals travel far).
    """
    ro = np.where(t.cat[o] == CATEGORIES.index("service"), cfg.service_half_km, t.reach[o])
    missing = np.isnan(ro)
    if not missing.any():  # the offer side decides: no pair-shaped array needed
        return ro
    rn = np.where(np.isnan(t.reach[n]), cfg.material_half_km, t.reach[n])
    return np.where(missing, rn, ro)


def thermal_quantity(t: FeatureTable, o, n, cfg: EngineConfig):
    """Annual heat (or cold) of a pair in MWh, for its pipe limit: the smaller of the two
    sides given in MWh/yr; when only one side gave one, that side's quantity capped at the
    typical ``heat_ref_mwh`` (the other side is of unknown size, counted as typical); NaN
    (the typical size) when neither did.

    A need that states no quantity often states no unit either; before, such a pair took the
    10 GWh default even when the offer said it has only 2 GWh (a pipe twice as long as the
    offer's heat pays for). A large offer does not lend its size to a need of unknown size.
    """
    code = t.units.get(THERMAL_UNIT, -2)
    qo = np.where(t.unit[o] == code, t.qty[o], np.nan)
    qn = np.where(t.unit[n] == code, t.qty[n], np.nan)
    q = np.fmin(qo, qn)  # fmin keeps the known value when one side is NaN
    return np.where(np.isnan(qo) != np.isnan(qn), np.fmin(q, cfg.heat_ref_mwh), q)


def _hard_pairs(t: FeatureTable, o, n, kind, dist, soft, cfg: EngineConfig):
    """Limit, distance factor, temperature factor and feasibilities of pipe-bound pairs
    (``soft``: their :func:`pair_reach`).

    Each kind's formula is computed only when some pair is of that kind: a ``where`` whose
    condition holds nowhere gives the other branch, so the values are the same.
    """
    to, tn = t.temp[o], t.temp[n]
    heat, cold = kind == 0, kind == 1
    any_heat, any_cold = heat.any(), cold.any()
    q_pair = thermal_quantity(t, o, n, cfg)
    f_t = np.where(cold, cold_factor(to, tn, cfg), 1.0) if any_cold else 1.0
    share = 1.0
    if any_heat:
        pump = heat_pump_factor(to, tn, cfg)
        # Heat bought as heat-pump electricity earns nothing for the pipe: it pays for less.
        share = np.where(heat, pump, 1.0)
        # Among sources hot enough, the one whose grade the need uses best fits best.
        f_t = np.where(heat, pump * heat_grade_factor(to, tn), f_t)
    limit = transport_limit_km(kind, q_pair, cfg, share)
    f_dist = distance_factor(dist, limit, soft)
    ok_t = np.where(cold, cold_feasible(to, tn, cfg), True) if any_cold else True
    if any_heat:
        ok_t = np.where(heat, heat_pump_feasible(to, tn, cfg), ok_t)
    shape = np.broadcast_shapes(np.shape(kind), np.shape(dist), np.shape(to), np.shape(tn))
    return limit, f_dist, np.broadcast_to(f_t, shape), ~(dist > limit), np.broadcast_to(ok_t, shape)


class _Units:
    """A stand-in table of two streams for the module's example: 2 000 and 5 000 MWh/yr."""

    units = {THERMAL_UNIT: 0}
    unit = np.array([0, 0])
    qty = np.array([2000.0, 5000.0])
