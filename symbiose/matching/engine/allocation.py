"""Network allocation: share limited supply across competing needs with a linear program.

Maximise ``sum(value(m) * flow(m))`` over feasible matches subject to each offer's supply and
each need's demand, solved with HiGHS through :func:`scipy.optimize.linprog`.

Examples
--------
>>> from symbiose.matching.engine.types import Match
>>> ms = [Match("o1", "n1", 0.9, True, 1.0, {}, (), False),
...       Match("o1", "n2", 0.5, True, 1.0, {}, (), False)]
>>> a = allocate(ms, supply={"o1": 10}, demand={"n1": 6, "n2": 8})
>>> a.flows[("o1", "n1")], a.flows[("o1", "n2")]
(6.0, 4.0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from .types import Allocation, Match


def allocate(
    matches: Iterable[Match],
    supply: dict[str, float],
    demand: dict[str, float],
    value: Callable[[Match], float] | None = None,
) -> Allocation:
    """Decide how much flows along each feasible match.

    Parameters
    ----------
    matches : iterable of Match
        Candidate pairs; infeasible ones and duplicates are ignored.
    supply, demand : dict of ref to float
        Annual quantity each offer can give and each need can take (same unit per pair). A ref
        missing from both sides caps that pair at 1 unit; missing from one side, the other
        side's figure is the cap.
    value : callable, optional
        Value of one unit sent along a match (NOK, or CO2 avoided); defaults to the score.

    Returns
    -------
    Allocation
        Flows per ``(offer_ref, need_ref)``, the pairs with a positive flow (``kept``), the
        objective value and the solver status.
    """
    value = value or (lambda m: m.score)
    seen: dict[tuple[str, str], Match] = {}
    for m in matches:
        if m.feasible and (m.offer_ref, m.need_ref) not in seen:
            seen[m.offer_ref, m.need_ref] = m
    pairs = list(seen)
    if not pairs:
        return Allocation({}, (), 0.0, "empty")
    offers = sorted({o for o, _ in pairs})
    needs = sorted({n for _, n in pairs})
    oi = {r: i for i, r in enumerate(offers)}
    ni = {r: i for i, r in enumerate(needs)}
    k = len(pairs)
    c = -np.array([value(seen[p]) for p in pairs], dtype=float)
    rows = [oi[o] for o, _ in pairs] + [len(offers) + ni[n] for _, n in pairs]
    cols = list(range(k)) * 2
    a_ub = sparse.csr_matrix((np.ones(2 * k), (rows, cols)), shape=(len(offers) + len(needs), k))
    inf = float("inf")
    cap_o = [float(supply.get(r, inf)) for r in offers]
    cap_n = [float(demand.get(r, inf)) for r in needs]
    b_ub = np.array(cap_o + cap_n)
    finite = np.isfinite(b_ub)
    ub = []
    for o, n in pairs:
        cap = min(supply.get(o, inf), demand.get(n, inf))
        ub.append(1.0 if cap == inf else float(cap))
    res = linprog(c, A_ub=a_ub[finite], b_ub=b_ub[finite], bounds=[(0.0, u) for u in ub],
                  method="highs")  # fmt: skip
    if res.status != 0:
        return Allocation({}, (), 0.0, res.message)
    x = np.where(res.x > 1e-9, res.x, 0.0)
    flows = {p: float(round(v, 9)) for p, v in zip(pairs, x, strict=True)}
    kept = tuple(p for p in pairs if flows[p] > 0)
    return Allocation(flows, kept, float(-res.fun), "optimal")
