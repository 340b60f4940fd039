"""Physical feasibility: transport limits by category, quantity, temperature and time fit.

All functions work element-wise on numpy arrays (and on scalars). Formulas are documented in
``docs/matching.md``; defaults live in :class:`~symbiose.matching.engine.types.EngineConfig`.

Examples
--------
>>> from symbiose.matching.engine.types import EngineConfig
>>> cfg = EngineConfig()
>>> round(float(heat_limit_km(100_000.0, cfg)), 1)   # 100 GWh/yr
55.5
>>> round(float(heat_pump_factor(40.0, 70.0, cfg)), 3)     # lift 35 K to 75 C
0.799
"""

from __future__ import annotations

import numpy as np

from symbiose.taxonomy.categories import PIPE_BOUND

from .types import EngineConfig

#: Pipe-bound categories (taxonomy/categories.py) → the index of their distance limit below.
LOCAL = {key: i for i, key in enumerate(PIPE_BOUND)}
SOFT_FLOOR = 0.2  # share of the score a road-borne material keeps however far it goes
#: Half of the exchanges an industrial-symbiosis programme brokered lay within about this
#: distance: the median haul of the UK's NISP synergies, 20.4 miles (Jensen, Basson,
#: Hellawell, Bailey and Leach 2011, "Quantifying 'geographic proximity'", Resources,
#: Conservation and Recycling 55(7) 703-712). Partners are found near each other whatever
#: the material: nearness weighs beside the material's reach (:func:`soft_distance_factor`).
NEARNESS_KM = 33.0
#: Without a place the nearness is unknown too. It is scored as at the engine's default reach
#: (``EngineConfig.material_half_km``, 500 km: the scale assumed when nothing says otherwise),
#: the same for every pair, so a registry without places ranks as before; scored as at
#: ``NEARNESS_KM`` instead, listings without a place outranked located partners 50-80 km away.
UNKNOWN_NEARNESS = SOFT_FLOOR + (1 - SOFT_FLOOR) / (1.0 + 500.0 / NEARNESS_KM)
#: The share of its at-scale factor an unknown distance keeps: the nearness term's square root
#: against the at-scale haul's (0.6), so that by road it is the geometric mean of the two.
UNKNOWN_SHARE = float(np.sqrt(UNKNOWN_NEARNESS / (SOFT_FLOOR + (1 - SOFT_FLOOR) / 2.0)))
#: An unknown distance (one side has no location) is neither next door nor a bonus: the pair
#: is scored as if it lay at its own scale, the material's usual reach ``h`` by road (haul
#: 0.6, nearness as above: 0.39 in all) or the pipe's limit ``L`` (0.5, times the same share:
#: 0.32). It was a flat 0.85 (a partner about a fifth of a reach away), so a listing without
#: a place outranked most located partners, as if next door.
UNKNOWN_AT_SCALE_SOFT = (SOFT_FLOOR + (1 - SOFT_FLOOR) / 2.0) * UNKNOWN_SHARE
UNKNOWN_AT_SCALE_HARD = 0.5 * UNKNOWN_SHARE


def pipe_cost_nok_m(quantity_mwh, cfg: EngineConfig):
    """Cost per metre of trench of a heat pipe pair sized for an annual flow.

    The size class follows the peak power, the annual heat over ``cfg.heat_hours`` (the
    value model's capacity classes: under 1, 5 and 20 MW, then larger).
    """
    mw = np.asarray(quantity_mwh, dtype=float) / cfg.heat_hours
    limits, costs = cfg.heat_pipe_classes_mw, cfg.heat_pipe_cost_nok_m
    return np.select([mw < lim for lim in limits], costs[: len(limits)], costs[-1])


def heat_limit_km(quantity_mwh, cfg: EngineConfig, share=1.0):
    """Longest heat pipe that its heat pays for: the value model's break-even distance.

    A pipe pays while the heat it delivers in a year is worth more than the pipe's yearly
    capital and upkeep::

        L = Q × v × share / (c(Q) × 1000 × a)

    with ``Q`` the annual heat (MWh; ``heat_ref_mwh`` when unknown), ``v`` the value of a
    delivered MWh (``heat_value_nok_mwh``), ``share`` the part of the delivered heat that is
    not electricity bought for a heat pump (``heat_pump_factor``; 1 when no lift is needed),
    ``c(Q)`` the cost per metre of the pipe's size class (:func:`pipe_cost_nok_m`) and ``a``
    the capital recovery factor over the pipe's life plus upkeep (``heat_pipe_annuity``).
    The result is clamped to ``[heat_min_km, heat_max_km]``. This is the rule of
    ``impact/calc/pipes.py`` (the yearly value turns negative past it); the defaults are its
    factors, and ``tests/test_engine_follows_value_model.py`` checks that the two agree.

    Examples
    --------
    >>> cfg = EngineConfig()
    >>> [round(float(heat_limit_km(q, cfg)), 1) for q in (2_000.0, 20_000.0, 100_000.0)]
    [3.6, 24.0, 55.5]
    """
    q = np.asarray(quantity_mwh, dtype=float)
    q = np.where(np.isnan(q) | (q <= 0), cfg.heat_ref_mwh, q)
    per_km = pipe_cost_nok_m(q, cfg) * 1000.0 * cfg.heat_pipe_annuity
    lim = q * cfg.heat_value_nok_mwh * share / per_km
    return np.clip(lim, cfg.heat_min_km, cfg.heat_max_km)


def transport_limit_km(kind, quantity, cfg: EngineConfig, share=1.0):
    """Hard distance limit per pair kind (0 heat, 1 cold, 2 water, 3 gas, other: none = inf).

    ``share`` (heat only) is the part of the delivered heat that is not heat-pump electricity.
    """
    kind = np.asarray(kind)
    shape = np.broadcast_shapes(kind.shape, np.shape(quantity), np.shape(share))
    out = np.full(shape, np.inf)
    limits = (
        lambda: heat_limit_km(quantity, cfg, share),
        lambda: np.clip(heat_limit_km(quantity, cfg) * cfg.cold_factor,
                        cfg.heat_min_km * cfg.cold_factor, cfg.heat_max_km),
        lambda: cfg.water_km,
        lambda: cfg.gas_km,
    )  # fmt: skip
    for k, limit in enumerate(limits):
        hit = kind == k
        if hit.any():  # a kind no pair has is not computed (its where would change nothing)
            out = np.where(hit, limit(), out)
    return out


def distance_factor(dist_km, limit_km, soft_half_km):
    """Score factor in (0, 1], non-increasing in distance.

    With a hard limit ``L``: ``1 - 0.5 d/L`` up to ``L``, then ``0.5 L/d`` (the pair is
    infeasible there anyway). Without one (materials, services, which travel by road or sea):
    :func:`soft_distance_factor` with the material's usual reach ``h``. An unknown distance
    (NaN) is scored at the pair's scale (:func:`factor_at_scale`): neither next door nor a
    bonus.
    """
    d = np.asarray(dist_km, dtype=float)
    lim = np.asarray(limit_km, dtype=float)
    finite = np.isfinite(lim)
    safe_lim = np.where(finite, lim, 1.0)
    ratio = d / safe_lim
    hard = np.where(ratio <= 1, 1 - 0.5 * ratio, 0.5 / np.maximum(ratio, 1e-12))
    if finite.all():  # every pair has a limit (pipes): the road factor is not needed
        f = np.where(finite, hard, 0.0)
    else:
        f = np.where(finite, hard, soft_distance_factor(d, soft_half_km))
    unknown = np.where(finite, UNKNOWN_AT_SCALE_HARD, UNKNOWN_AT_SCALE_SOFT)
    return np.where(np.isnan(d), unknown, f)


def factor_at_scale(scale, hard):
    """The factor of a pair without a known distance, assumed to lie at ``scale`` times its
    own scale (the pipe's limit where ``hard``, else the material's reach), times
    :data:`UNKNOWN_SHARE` (its nearness is unknown): at ``scale`` 1 the unknown distance's
    factor. Every such pair has the same share, so their order is the haul's alone.

    Examples
    --------
    >>> [round(float(f), 3) for f in factor_at_scale(np.array([0.5, 1.0, 2.0]), False)]
    [0.473, 0.387, 0.301]
    >>> [round(float(f), 3) for f in factor_at_scale(np.array([0.5, 1.0, 2.0]), True)]
    [0.484, 0.322, 0.161]
    """
    x = np.asarray(scale, dtype=float)
    pipe = np.where(x <= 1, 1 - 0.5 * x, 0.5 / np.maximum(x, 1e-12))
    return UNKNOWN_SHARE * np.where(hard, pipe, SOFT_FLOOR + (1 - SOFT_FLOOR) / (1.0 + x))


def soft_distance_factor(dist_km, soft_half_km):
    """:func:`distance_factor` for pairs without a hard limit: the geometric mean of the
    haul ``0.2 + 0.8 / (1 + d/h)`` and the nearness ``0.2 + 0.8 / (1 + d/D)``.

    ``h`` is the material's usual reach (its value per tonne against transport cost: how far
    it pays to haul it) and ``D`` is :data:`NEARNESS_KM`, the median distance of brokered
    exchanges (partners are found near each other whatever they trade). With the haul alone,
    two offers at the same distance ranked by their reach: for a pig farm, frying oil 37 km
    away (reach 500 km, 0.94) far above bread from the same bakery (60 km, 0.69), and
    glycerine 87 km away above potato peels 20 km nearer. The mean keeps the order a reach
    gives between materials far apart and lets nearness rank those that both pay to haul
    (0.74 and 0.63 at 37 km). Both are 1 next door and tend to 0.2 far away; both fall with
    distance, so their mean does. An unknown distance gives :data:`UNKNOWN_AT_SCALE_SOFT`
    (0.39): the haul at the reach and the nearness at 500 km, neither next door nor a bonus.

    Examples
    --------
    >>> [round(float(soft_distance_factor(d, 60.0)), 2) for d in (0.0, 37.0, 150.0)]
    [1.0, 0.63, 0.38]
    >>> [round(float(soft_distance_factor(d, 500.0)), 2) for d in (0.0, 37.0, 150.0)]
    [1.0, 0.74, 0.53]
    >>> round(float(soft_distance_factor(float("nan"), 500.0)), 2)
    0.39
    """
    d = np.asarray(dist_km, dtype=float)
    haul = SOFT_FLOOR + (1 - SOFT_FLOOR) / (1.0 + d / soft_half_km)
    near = SOFT_FLOOR + (1 - SOFT_FLOOR) / (1.0 + d / NEARNESS_KM)
    return np.where(np.isnan(d), UNKNOWN_AT_SCALE_SOFT, np.sqrt(haul * near))


def quantity_factor(q_offer, q_need, same_unit):
    """Quantity fit ``0.6 + 0.4 sqrt(min/max)``; partial supply is allowed, so never zero.

    Unknown quantities or different units give a neutral 0.9.

    Examples
    --------
    >>> float(quantity_factor(100.0, 100.0, True)), float(quantity_factor(1.0, 100.0, True))
    (1.0, 0.64)
    """
    qo = np.asarray(q_offer, dtype=float)
    qn = np.asarray(q_need, dtype=float)
    ok = same_unit & (qo > 0) & (qn > 0)
    lo = np.minimum(qo, qn)
    hi = np.maximum(qo, qn)
    ratio = np.where(ok, lo / np.where(ok, hi, 1.0), 1.0)
    return np.where(ok, 0.6 + 0.4 * np.sqrt(ratio), 0.9)


def heat_pump_factor(t_offer, t_need, cfg: EngineConfig, approach_k: float = 5.0):
    """Temperature fit for heat: 1 when the offer is hot enough, else a heat-pump penalty.

    The lift is ``t_need + approach - t_offer``. A heat pump with Carnot efficiency ``eta`` has
    ``COP = eta * (t_need + approach + 273.15) / lift``; the factor is ``1 - 1/COP`` (the share of
    delivered heat that is not bought electricity), floored at 0.3. NaN (unknown) gives 1.
    Feasibility is checked separately by :func:`heat_pump_feasible`.
    """
    to = np.asarray(t_offer, dtype=float)
    tn = np.asarray(t_need, dtype=float)
    lift = tn + approach_k - to
    t_hot = tn + approach_k + 273.15
    cop = cfg.heat_pump_eta * t_hot / np.maximum(lift, 1e-9)
    f = np.where(lift <= 0, 1.0, np.maximum(0.3, 1.0 - 1.0 / cop))
    return np.where(np.isnan(lift), 1.0, f)


#: Surroundings for the exergy of heat (10 °C, in K) and the share of a heat pair's score that
#: follows how much of the offer's exergy the need uses (:func:`heat_grade_factor`).
AMBIENT_K = 283.15
GRADE_WEIGHT = 0.15


def heat_grade_factor(t_offer, t_need, approach_k: float = 5.0):
    """How well a heat offer's grade fits a need it is hot enough for, in [0.85, 1].

    Any source above the need's temperature serves it, so the heat-pump factor is 1 for all
    of them, and a need's candidates tied on temperature ("both are surplus heat"). Heat is
    best used in cascade: a source goes to the user whose temperature it just meets, and
    hotter heat to users that need it. The fit is the share of the offer's exergy that the
    need uses, the ratio of the two Carnot factors ``(1 − T0/Tn) / (1 − T0/To)`` (kelvin,
    ``T0`` = 10 °C, the need's temperature plus the exchanger's approach), weighed at
    :data:`GRADE_WEIGHT`: ``1 − 0.15 (1 − ratio)``. An 80 °C need scores a 90 °C source
    0.993 and 250 °C steam 0.918; a 90 °C source scores an 80 °C district-heating need above
    a 40 °C greenhouse (0.925). The weight is our estimate (a
    tie-breaker among sources that all serve the need, never more than the heat pump's
    penalty for a 20 K lift); a need colder than the surroundings, a source that needs a
    heat pump, or an unknown temperature gives 1.

    Examples
    --------
    >>> [round(float(heat_grade_factor(t, 80.0)), 3) for t in (90.0, 250.0, 60.0)]
    [0.993, 0.918, 1.0]
    >>> round(float(heat_grade_factor(90.0, 40.0)), 3), float(heat_grade_factor(90.0, np.nan))
    (0.925, 1.0)
    """
    to = np.asarray(t_offer, dtype=float) + 273.15
    tn = np.asarray(t_need, dtype=float) + approach_k + 273.15
    hot_enough = (to >= tn) & (tn > AMBIENT_K)
    carnot_o = 1.0 - AMBIENT_K / np.where(hot_enough, to, 2 * AMBIENT_K)
    carnot_n = 1.0 - AMBIENT_K / np.where(hot_enough, tn, 2 * AMBIENT_K)
    ratio = np.clip(carnot_n / carnot_o, 0.0, 1.0)
    f = np.where(hot_enough, 1.0 - GRADE_WEIGHT * (1.0 - ratio), 1.0)
    return np.where(np.isnan(to) | np.isnan(tn), 1.0, f)


def heat_pump_feasible(t_offer, t_need, cfg: EngineConfig, approach_k: float = 5.0):
    """True unless the lift exceeds ``max_lift_k`` or the need is above ``max_heat_pump_c``."""
    to = np.asarray(t_offer, dtype=float)
    tn = np.asarray(t_need, dtype=float)
    lift = tn + approach_k - to
    bad = (lift > 0) & ((lift > cfg.max_lift_k) | (tn > cfg.max_heat_pump_c))
    return ~np.where(np.isnan(lift), False, bad)


def cold_factor(t_offer, t_need, cfg: EngineConfig, approach_k: float = 2.0):
    """Temperature fit for cold: mirror of the heat case (a chiller closes the gap)."""
    to = np.asarray(t_offer, dtype=float)
    tn = np.asarray(t_need, dtype=float)
    return heat_pump_factor(-to, -tn, cfg, approach_k)


def cold_feasible(t_offer, t_need, cfg: EngineConfig, approach_k: float = 2.0):
    """True unless the offered cold is more than ``max_lift_k`` warmer than needed."""
    to = np.asarray(t_offer, dtype=float)
    tn = np.asarray(t_need, dtype=float)
    gap = to + approach_k - tn
    return ~np.where(np.isnan(gap), False, gap > cfg.max_lift_k)


def time_overlap(o_from, o_to, n_from, n_to):
    """Overlap of availability windows given as day ordinals (NaN = open-ended).

    Returns ``(feasible, factor)``: no overlap is infeasible; a partial overlap scores
    ``0.7 + 0.3 * overlap / need_window`` (1 when the need has no end).
    """
    of = np.nan_to_num(np.asarray(o_from, dtype=float), nan=-1e9)
    ot = np.nan_to_num(np.asarray(o_to, dtype=float), nan=1e9)
    nf = np.nan_to_num(np.asarray(n_from, dtype=float), nan=-1e9)
    nt = np.nan_to_num(np.asarray(n_to, dtype=float), nan=1e9)
    lo = np.maximum(of, nf)
    hi = np.minimum(ot, nt)
    overlap = hi - lo
    feasible = overlap >= 0
    need_len = nt - nf
    frac = np.clip(overlap / np.maximum(need_len, 1.0), 0.0, 1.0)
    factor = np.where(feasible, 0.7 + 0.3 * frac, 0.7)
    return feasible, factor
