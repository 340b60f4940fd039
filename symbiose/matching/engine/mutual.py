"""Mutual rank: how a pair stands among its offer's and its need's other candidates.

A pair's score says how well one offer serves one need, on its own. A facilitator who looks
at a whole park, or a library of listings without places, sees every proposed pair at once,
and there a score alone is a poor cut: without a distance every surplus heat fits every
heating network and every fuel every boiler, so about a third of all cross-company pairs are
feasible (``docs/benchmarks.md``, issue 12). What separates the documented exchanges there is
that each is among the best candidates of *both* sides: the material is the need's best
offer and the need among the material's best users.

:func:`mutual_ranks` gives each pair its rank within its offer's pairs and within its need's
pairs; :func:`mutual_confidence` divides the score by the geometric mean of the two ranks (a
pair first on both sides keeps its score, one third on both keeps a third; equal scores share
their mean place, so a pair's confidence never depends on the order pairs are passed in and
one of many equal candidates is not taken for the best); :func:`mutual_top`
is the cut "among the top k of both sides", which needs no threshold tuned to a registry's
size. Plain arrays in, plain arrays out; the ranks depend on which pairs are passed (a park's,
a hub's, a registry's), not on anything stored with the pair.

Examples
--------
>>> offers = ["slag", "slag", "ash", "ash"]
>>> needs = ["cement", "road", "cement", "road"]
>>> scores = [0.9, 0.5, 0.6, 0.4]
>>> mutual_ranks(offers, needs, scores)[0].tolist(), mutual_ranks(offers, needs, scores)[1].tolist()
([1.0, 2.0, 1.0, 2.0], [1.0, 1.0, 2.0, 2.0])
>>> mutual_ranks(["heat"] * 3, ["a", "b", "c"], [0.5, 0.5, 0.5])[0].tolist()  # a tie of three
[2.0, 2.0, 2.0]
>>> [round(float(c), 3) for c in mutual_confidence(offers, needs, scores)]
[0.9, 0.354, 0.424, 0.2]
>>> mutual_top(offers, needs, scores, k=1).tolist()
[True, False, False, False]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _rank_within(groups: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Rank of each pair among the pairs of its group, highest score first (1 = best); pairs
    of equal score share the mean of the places they hold, the rank they would have on
    average if the tie were broken at random.

    A pair's rank so never depends on the order the pairs are passed in, and a block of ``k``
    equal candidates (every steam need to a steam offer) ranks each at ``(k + 1) / 2``, not
    one of them first: evidence that many pairs share says less about each.
    """
    order = np.lexsort((-scores, groups))
    g, s = groups[order], scores[order]
    place = np.arange(len(g))
    start = np.r_[True, g[1:] != g[:-1]]
    first = np.maximum.accumulate(np.where(start, place, 0))
    place = place - first + 1  # 1-based place within the group
    run = start | np.r_[True, s[1:] != s[:-1]]  # a new group or a new score
    run_id = np.cumsum(run) - 1
    run_len = np.bincount(run_id)
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = place[run][run_id] + (run_len[run_id] - 1) / 2.0
    return ranks


def mutual_ranks(
    offers: Sequence[str], needs: Sequence[str], scores: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's rank among its offer's pairs and among its need's pairs (1 = best).

    Parameters
    ----------
    offers, needs : sequences of refs, one per pair
    scores : the pairs' scores (higher is better)

    Returns
    -------
    (rank_in_offer, rank_in_need) : two float arrays aligned with the input; equal scores
    share their mean place (two pairs tied for first both rank 1.5)
    """
    s = np.asarray(scores, dtype=np.float64)
    if not len(s):
        return np.zeros(0), np.zeros(0)
    _, o = np.unique(np.asarray(offers, dtype=object).astype(str), return_inverse=True)
    _, n = np.unique(np.asarray(needs, dtype=object).astype(str), return_inverse=True)
    return _rank_within(o, s), _rank_within(n, s)


def mutual_confidence(
    offers: Sequence[str], needs: Sequence[str], scores: Sequence[float]
) -> np.ndarray:
    """``score / sqrt(rank_in_offer × rank_in_need)``: the score of a pair weighed by how it
    stands against its offer's and its need's other candidates, comparable across queries."""
    ro, rn = mutual_ranks(offers, needs, scores)
    return np.asarray(scores, dtype=np.float64) / np.sqrt(ro * rn)


def mutual_top(
    offers: Sequence[str], needs: Sequence[str], scores: Sequence[float], k: int = 3
) -> np.ndarray:
    """Whether each pair is among the top ``k`` of its offer's pairs *and* of its need's."""
    ro, rn = mutual_ranks(offers, needs, scores)
    return (ro <= k) & (rn <= k)
