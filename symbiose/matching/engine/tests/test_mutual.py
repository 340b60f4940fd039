"""Mutual rank (``engine/mutual.py``): ranks within each side, the rank-weighed confidence and
the "top k of both sides" cut."""

from __future__ import annotations

import numpy as np

from symbiose.matching.engine.mutual import mutual_confidence, mutual_ranks, mutual_top


def _brute_ranks(groups, scores):
    out = []
    for i, (g, s) in enumerate(zip(groups, scores, strict=True)):
        better = sum(1 for j, (h, t) in enumerate(zip(groups, scores, strict=True))
                     if h == g and (t > s or (t == s and j < i)))  # fmt: skip
        out.append(better + 1)
    return out


def test_ranks_match_counting_the_better_pairs_of_each_side():
    rng = np.random.default_rng(7)
    offers = [f"o{k}" for k in rng.integers(0, 6, 80)]
    needs = [f"n{k}" for k in rng.integers(0, 9, 80)]
    scores = np.round(rng.random(80), 1)  # rounded: equal scores occur
    ro, rn = mutual_ranks(offers, needs, scores)
    assert ro.tolist() == _brute_ranks(offers, scores)
    assert rn.tolist() == _brute_ranks(needs, scores)


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
