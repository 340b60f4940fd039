"""Mutual rank (``engine/mutual.py``): ranks within each side, the rank-weighed confidence and
the "top k of both sides" cut."""

from __future__ import annotations

import numpy as np

from symbiose.matching.engine.mutual import mutual_confidence, mutual_ranks, mutual_top


def _brute_ranks(groups, scores):
    """1 + the better pairs of the group, + half the other pairs of equal score."""
    out = []
    for g, s in zip(groups, scores, strict=True):
        same = [t for h, t in zip(groups, scores, strict=True) if h == g]
        out.append(1 + sum(t > s for t in same) + (sum(t == s for t in same) - 1) / 2)
    return out


def test_ranks_match_counting_the_better_pairs_of_each_side():
    rng = np.random.default_rng(7)
    offers = [f"o{k}" for k in rng.integers(0, 6, 80)]
    needs = [f"n{k}" for k in rng.integers(0, 9, 80)]
    scores = np.round(rng.random(80), 1)  # rounded: equal scores occur
    ro, rn = mutual_ranks(offers, needs, scores)
    assert ro.tolist() == _brute_ranks(offers, scores)
    assert rn.tolist() == _brute_ranks(needs, scores)


def test_equal_scores_share_their_mean_place_whatever_the_order_passed():
    # a steam offer and three steam needs it serves equally: none of the three is its best
    offers = ["steam", "steam", "steam", "slag"]
    needs = ["boiler", "dryer", "kiln", "kiln"]
    scores = [0.5, 0.5, 0.5, 0.7]
    ro, rn = mutual_ranks(offers, needs, scores)
    assert ro.tolist() == [2.0, 2.0, 2.0, 1.0]
    assert rn.tolist() == [1.0, 1.0, 2.0, 1.0]
    conf = mutual_confidence(offers, needs, scores)
    assert conf[0] == conf[1] < 0.5
    rng = np.random.default_rng(3)
    for _ in range(5):
        p = rng.permutation(4)
        again = mutual_confidence([offers[i] for i in p], [needs[i] for i in p],
                                  [scores[i] for i in p])  # fmt: skip
        assert np.allclose(again, conf[p])


def test_a_pair_first_on_both_sides_keeps_its_score_and_no_pair_gains():
    offers = ["a", "a", "b", "b", "c"]
    needs = ["x", "y", "x", "y", "x"]
    scores = [0.8, 0.3, 0.7, 0.6, 0.9]
    conf = mutual_confidence(offers, needs, scores)
    assert np.all(conf <= np.asarray(scores) + 1e-12)
    ro, rn = mutual_ranks(offers, needs, scores)
    first = (ro == 1) & (rn == 1)
    assert first.any()
    assert np.allclose(conf[first], np.asarray(scores)[first])


def test_a_need_that_tops_every_offer_keeps_only_its_best_offer_in_the_mutual_cut():
    # "Garden waste and plant residues" is the best need of every crop residue; each offer
    # also has its own documented user, second on the offer's side but first on its own.
    offers = ["husk", "husk", "straw", "straw", "peel", "peel"]
    needs = ["compost", "boiler", "compost", "bedding", "compost", "pectin"]
    scores = [0.60, 0.55, 0.58, 0.54, 0.59, 0.55]
    kept = mutual_top(offers, needs, scores, k=1)
    assert kept.tolist() == [True, False, False, False, False, False]
    conf = mutual_confidence(offers, needs, scores)
    # by score the hub need takes the first three places; weighed by both ranks every
    # offer's own user comes before the hub's third offer, which drops to the last place
    assert sorted(np.argsort(-np.asarray(scores))[:3].tolist()) == [0, 2, 4]
    assert int(np.argmin(conf)) == 2
    assert all(conf[i] > conf[2] for i in (1, 3, 5))


def test_no_pairs_give_empty_ranks():
    ro, rn = mutual_ranks([], [], [])
    assert len(ro) == len(rn) == 0
