"""Season fit of heat and cold: how much of the heat can flow when it comes.

Every heat or cold listing has a typical monthly load shape (``taxonomy/data/
season_profiles.csv``: district heating peaks in winter, a cooling plant's waste heat in
summer, a harvest dryer runs three months). Between two shapes ``s_o`` (supply) and ``s_n``
(demand) and a size ratio ``r = Q_offer / Q_need``, the share of the smaller side that can
flow is::

    u(r) = Σ_month min(r · s_o(m), s_n(m)) / min(r, 1)

The factor is ``0.5 + 0.5 × ū``, where ``ū`` is the mean of ``u`` over ratios from 1:10 to
10:1 (evenly in log r): the factor reads the two shapes only, never a quantity, because it
is shown to viewers who may not see the quantities. Before, it was ``u(1)`` (two sides of
the same size), which ranked year-round heat for district heating 11 % below a year-round
need (0.89), although a network larger than the source takes it in every month; a network
of the same size wastes the summer surplus, and the mean weighs both (0.98).

Examples
--------
>>> from symbiose.matching.engine.features import season_index
>>> ix = season_index()
>>> round(float(SEASON_TABLE[ix["flat"], ix["space_heating"]]), 2)
0.98
>>> round(float(SEASON_TABLE[ix["cooling_plant_heat"], ix["space_heating"]]), 2)
0.9
>>> round(float(SEASON_TABLE[ix["flat"], ix["grain_drying"]]), 2)
0.74
>>> round(float(SHAPE_OVERLAP[ix["flat"], ix["space_heating"]]), 2)
0.77
"""

from __future__ import annotations

import numpy as np

from .features import FeatureTable, season_index

#: Size ratios the factor averages over: 1:10 to 10:1, evenly in log r.
RATIOS = 10.0 ** np.linspace(-1.0, 1.0, 21)


def usable_share(supply, demand, ratio: float) -> float:
    """``u(r)``: the share of the smaller side's yearly heat that flows, month by month.

    Examples
    --------
    >>> flat, winter = [1.0] * 12, [2.0] * 6 + [0.0] * 6
    >>> usable_share(flat, winter, 1.0), usable_share(flat, winter, 0.1)
    (0.5, 0.5)
    >>> round(usable_share(flat, winter, 10.0), 6)
    1.0
    """
    s_o = np.asarray(supply, dtype=float) / sum(supply)
    s_n = np.asarray(demand, dtype=float) / sum(demand)
    return float(np.minimum(ratio * s_o, s_n).sum() / min(ratio, 1.0))


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """The factor (mean over :data:`RATIOS`) and the plain shape overlap ``u(1)`` of every
    (supply shape, demand shape) pair, row and column 0 flat."""
    from symbiose.taxonomy.knowledge import FLAT, season_profiles

    profiles = {"flat": FLAT, **{p.name: p for p in season_profiles()}}
    ix = season_index()
    factor, overlap = np.ones((len(ix), len(ix))), np.ones((len(ix), len(ix)))
    for a, i in ix.items():
        for b, j in ix.items():
            pa, pb = profiles[a].months, profiles[b].months
            overlap[i, j] = usable_share(pa, pb, 1.0)
            factor[i, j] = 0.5 + 0.5 * float(np.mean([usable_share(pa, pb, r) for r in RATIOS]))
    return factor, overlap


SEASON_TABLE, SHAPE_OVERLAP = _tables()


def season_score(t: FeatureTable, o, n):
    """Season fit of heat and cold for slots ``o`` (offers) and ``n`` (needs): 1 between
    continuous streams and for every other category (see the module's docstring)."""
    return SEASON_TABLE[t.season[o], t.season[n]]


def shape_overlap(supply: str, demand: str) -> float:
    """``Σ_month min`` of two named load shapes (as if of the same size), for the reason."""
    ix = season_index()
    return float(SHAPE_OVERLAP[ix[supply], ix[demand]])
