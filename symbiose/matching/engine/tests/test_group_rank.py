"""The packed-key group rank orders pairs exactly as the three-key ``np.lexsort`` it replaced."""

from __future__ import annotations

import numpy as np
import pytest

from symbiose.matching.engine import topn


def _lexsort_rank(group, other, key, tb):
    order = np.lexsort((tb[other], -key, group))
    g = group[order]
    starts = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
    rank = np.empty(len(g), dtype=np.int64)
    rank[order] = np.arange(len(g)) - np.repeat(starts, np.diff(np.r_[starts, len(g)]))
    return rank


@pytest.mark.parametrize("seed", range(6))
def test_group_rank_equals_the_lexsort_order_with_ties_everywhere(seed):
    rng = np.random.default_rng(seed)
    slots, pairs = 60, 3000
    group = rng.integers(0, slots, pairs).astype(np.int32)
    other = rng.integers(0, slots, pairs).astype(np.int32)
    key = rng.choice([0.0, -0.0, 0.25, 0.5, 1.0, 1.5, 1.5 + 2**-40, 2.0], pairs)  # many ties
    tb = rng.integers(0, 2**63 - 1, slots, dtype=np.int64)
    tb[::7] = tb[0]  # equal tiebreaks too: then the input order decides
    expected = _lexsort_rank(group, other, key, tb)
    assert (topn._group_rank(group, other, key, tb) == expected).all()
    assert (topn._group_rank(group, other, key, tb, topn._dense(key)) == expected).all()


def test_group_rank_falls_back_to_lexsort_when_the_packed_key_would_overflow(monkeypatch):
    rng = np.random.default_rng(7)
    group = rng.integers(0, 40, 500)
    other = rng.integers(0, 40, 500)
    key = rng.random(500).round(2)
    tb = rng.integers(0, 2**62, 40, dtype=np.int64)
    expected = _lexsort_rank(group, other, key, tb)
    calls = []
    lexsort = np.lexsort
    monkeypatch.setattr(topn.np, "lexsort", lambda keys: calls.append(1) or lexsort(keys))
    assert (topn._group_rank(group, other, key, tb, (topn._dense(key)[0], 2**60)) == expected).all()
    assert calls == [1]
    assert (topn._group_rank(group, other, key, tb) == expected).all() and calls == [1]


def test_an_empty_selection_ranks_nothing():
    empty = np.zeros(0, dtype=np.int64)
    assert topn._group_rank(empty, empty, np.zeros(0), np.arange(3)).tolist() == []
