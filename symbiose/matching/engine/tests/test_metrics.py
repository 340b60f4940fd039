"""Best F1 over score thresholds (the eco-industrial parks' measure)."""

from __future__ import annotations

import pytest

from symbiose.matching.engine.metrics import best_f


def test_a_score_that_separates_true_from_false_pairs_has_best_f_one():
    assert best_f([(0.9, True), (0.8, True), (0.3, False), (0.2, False)]) == (1.0, 0.8)


def test_equal_scores_cannot_be_split_by_a_threshold():
    # One true pair tied with three false ones: the only cut takes all four.
    f, at = best_f([(0.5, True), (0.5, False), (0.5, False), (0.5, False)])
    assert f == pytest.approx(2 * 1 / (4 + 1)) and at == 0.5


def test_a_true_pair_never_proposed_counts_against_recall():
    assert best_f([(0.9, True), (0.0, True)])[0] == pytest.approx(2 / 3, abs=1e-4)
    assert best_f([(0.0, True), (0.0, False)]) == (0.0, 0.0)
