"""Top-N selection for :meth:`MatchEngine.match_all` and the batches it hands out.

``match_all`` keeps, for every offer, its top N needs and, for every need, its top N offers
(the union). The selection works on plain arrays of slots and rank keys, so the 700 000 pairs
of a 100 000-stream registry are chosen without building a single :class:`~.types.Match`;
the matches are then built batch by batch (:class:`MatchBatch`), so a caller that stores them
as they come never holds all of them with their reasons at once.

Examples
--------
>>> import numpy as np
>>> o, n = np.array([0, 0, 1]), np.array([2, 3, 2])
>>> key = np.array([1.5, 1.2, 0.9])
>>> by_offer, by_need = side_flags(o, n, key, np.arange(4), top_n=1)
>>> by_offer.tolist(), by_need.tolist()
([True, False, True], [True, True, False])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .parallel import ForkPipeline
from .scoring import Scored
from .types import Match


@dataclass
class MatchBatch:
    """Consecutive matches of a ``match_all`` result, with why each one is there.

    ``by_offer[i]`` is true when ``matches[i]``'s need is among its offer's top N (within the
    result, ordered by rank key and then :func:`~.ties.tiebreak` of the need's ref), and
    ``by_need[i]`` when the offer is among its need's top N.
    """

    matches: list[Match]
    by_offer: list[bool]
    by_need: list[bool]


@dataclass
class Selection:
    """The pairs of a ``match_all`` result, in its order, scored but not yet built as matches.

    ``parts`` holds, per batch, the offer slots, need slots and their :class:`~.scoring.Scored`
    arrays; :meth:`MatchEngine.iter_matches` builds the matches of one part at a time and
    drops it afterwards.
    """

    parts: list[tuple[np.ndarray, np.ndarray, Scored] | None]
    by_offer: np.ndarray
    by_need: np.ndarray
    #: Where each part starts in the result (and in the flags).
    starts: list[int]

    def __len__(self) -> int:
        return len(self.by_offer)


def _group_rank(group: np.ndarray, other: np.ndarray, key: np.ndarray, tb: np.ndarray,
                key_rank: tuple[np.ndarray, int] | None = None) -> np.ndarray:  # fmt: skip
    """Position of each pair within its group, best key first, ties by the other's tiebreak.

    Pairs equal in group, key and tiebreak keep their input order. The three keys are
    replaced by their dense ranks and packed into one integer (one stable sort instead of
    three: the largest cost of choosing pairs at 100 000 streams); the order is exactly that
    of ``np.lexsort((tb[other], -key, group))``, which is used when the packed key would not
    fit in 63 bits. ``key_rank`` is :func:`_dense` of ``key`` when the caller has it.
    """
    n = len(group)
    ranks, levels = key_rank if key_rank is not None else _dense(key)
    tb_rank, tbs = _dense(tb)
    groups = int(group.max()) + 1 if n else 1
    if groups * levels * tbs < 2**63:
        packed = (group.astype(np.int64) * levels + (levels - 1 - ranks)) * tbs + tb_rank[other]
        order = np.argsort(packed, kind="stable")
        del packed
    else:
        order = np.lexsort((tb[other], -key, group))
    g = group[order]
    starts = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    return rank


def _dense(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value's rank among the distinct values (equal values share one), and how many.

    Examples
    --------
    >>> r, k = _dense(np.array([0.5, 0.25, 0.5]))
    >>> r.tolist(), k
    ([1, 0, 1], 2)
    """
    distinct, ranks = np.unique(values, return_inverse=True)
    return ranks.reshape(-1).astype(np.int64, copy=False), max(len(distinct), 1)


def union_top_n(o, n, key, tb, n_slots: int, top_n: int, consume: list | None = None):
    """Deduplicate block results and keep each side's top N; returns ``(o, n)`` in result order.

    Parameters
    ----------
    o, n : ndarray of int
        Offer and need slots of every contender pair (a pair may appear more than once).
    key : ndarray of float
        Each pair's rank key (finite).
    tb : ndarray of int
        Tie-break value per slot (:func:`~.ties.tiebreak` of its ref).
    n_slots : int
        More than the largest slot (used to encode a pair as one integer).
    top_n : int
        Counterparts kept per stream.
    consume : list, optional
        The caller's list holding ``o``, ``n`` and ``key``: it is emptied once they have been
        deduplicated, so the arrays are freed before the ranking (they are the largest).

    Returns
    -------
    (ndarray, ndarray)
        Offer and need slots of the kept pairs, best key first, then by offer and need slot.

    Examples
    --------
    >>> import numpy as np
    >>> o, n = union_top_n(np.array([0, 0, 0]), np.array([1, 2, 1]),
    ...                    np.array([0.5, 0.9, 0.5]), np.arange(3), 3, top_n=1)
    >>> o.tolist(), n.tolist()
    ([0, 0], [2, 1])
    """
    o, n, key = prune_top_n(o, n, key, tb, n_slots, top_n, consume)
    order = np.lexsort((n, o, -key))
    return o[order], n[order]


def prune_top_n(o, n, key, tb, n_slots: int, top_n: int, consume: list | None = None):
    """Deduplicate contender pairs and drop every pair outside both sides' top N.

    Exact when applied to any part of the contenders before the rest arrive: a dropped pair
    already has N better pairs on each side, which stay, so it cannot be in the final top N
    on either side (the blocks' results can be pruned as they come, in little memory).
    Returns ``(o, n, key)`` of the kept pairs, in no particular order.

    Examples
    --------
    >>> import numpy as np
    >>> o, n, key = prune_top_n(np.array([0, 0, 0]), np.array([1, 2, 1]),
    ...                         np.array([0.5, 0.9, 0.5]), np.arange(3), 3, top_n=1)
    >>> sorted(zip(o.tolist(), n.tolist()))
    [(0, 1), (0, 2)]
    """
    pair = o.astype(np.int64) * n_slots + n
    _pair, first = np.unique(pair, return_index=True)
    del pair, _pair
    o, n, key = o[first], n[first], key[first]
    del first
    if consume is not None:
        consume.clear()
    keep = np.zeros(len(o), dtype=bool)
    key_rank = _dense(key)
    for group, other in ((o, n), (n, o)):
        keep |= _group_rank(group, other, key, tb, key_rank) < top_n
    return o[keep], n[keep], key[keep]


#: Contenders gathered from the blocks before they are pruned to the top-N union.
PRUNE_AT = 1_000_000


def union_of_blocks(block_top: Callable[[int], list], count: int, workers: int, tb,
                    n_slots: int, top_n: int):  # fmt: skip
    """The ``match_all`` pairs from ``count`` blocks' contenders, best key first.

    ``block_top(k)`` gives block ``k``'s contenders as ``(o, n, key)`` arrays; blocks are
    computed by ``workers`` forked processes and pruned as they come in
    (:func:`prune_top_n`, exact), every :data:`PRUNE_AT` contenders: holding all of them at
    once (6.4 million at 100 000 streams) took about 450 MB. Returns ``(o, n)`` as
    :func:`union_top_n` orders them.
    """
    size = max(1, -(-count // (32 * max(workers, 1))))  # about 32 chunks per worker
    chunks = [range(k, min(k + size, count)) for k in range(0, count, size)]
    kept = [np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0)]
    acc: list = []

    def merge() -> list:
        # Slots fit in 32 bits: half the memory of the contenders.
        parts = [np.concatenate([kept[k]] + [a[k].astype(np.int32, copy=False) for a in acc])
                 for k in range(2)] + [np.concatenate([kept[2]] + [a[2] for a in acc])]  # fmt: skip
        acc.clear()
        return list(prune_top_n(*parts, tb, n_slots, top_n, consume=parts))

    with ForkPipeline(lambda c: [a for k in c for a in block_top(k)], workers) as pipe:
        for out in pipe.map(chunks):
            acc.extend(out)
            if sum(len(a[0]) for a in acc) >= PRUNE_AT:
                kept = merge()
    kept = merge()
    order = np.lexsort((kept[1], kept[0], -kept[2]))
    return kept[0][order], kept[1][order]


def side_flags(o, n, rank, tb, top_n: int):
    """Which side's top N each pair of a result is in: ``(by_offer, by_need)`` boolean arrays.

    ``rank`` is each pair's rank key (score, plus 1 when feasible). Within an offer its needs
    are ordered by rank and then the need's tiebreak; pairs equal in both keep the order of
    the result (as a stable sort of the result's matches would).
    """
    key_rank = _dense(rank)
    by_offer = _group_rank(o, n, rank, tb, key_rank) < top_n
    by_need = _group_rank(n, o, rank, tb, key_rank) < top_n
    return by_offer, by_need
