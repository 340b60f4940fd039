"""Ranking metrics for the evaluation set: recall@k and mean reciprocal rank.

A query is an offer (or need) with at least one true partner in the truth table; it is a hit at
``k`` if any true partner is among its first ``k`` ranked counterparts.

Examples
--------
>>> truth = {("o1", "n1"), ("o2", "n2")}
>>> ranked = {"o1": ["n1", "n9"], "o2": ["n9", "n8", "n2"]}
>>> evaluate_side(ranked, truth, side="offer")
{'recall@1': 0.5, 'recall@5': 1.0, 'mrr': 0.6667, 'queries': 2}
"""

from __future__ import annotations

from collections.abc import Iterable


def truth_by_query(truth: Iterable[tuple[str, str]], side: str) -> dict[str, set[str]]:
    """Map each offer (side="offer") or need (side="need") to its true partners."""
    out: dict[str, set[str]] = {}
    for o, n in truth:
        q, p = (o, n) if side == "offer" else (n, o)
        out.setdefault(q, set()).add(p)
    return out


def evaluate_side(
    ranked: dict[str, list[str]], truth: Iterable[tuple[str, str]], side: str
) -> dict[str, float]:
    """recall@1, recall@5 and MRR over the queries of one side, rounded to 4 decimals."""
    queries = truth_by_query(truth, side)
    hits1 = hits5 = 0
    rr = 0.0
    for q, partners in queries.items():
        ranks = [i for i, r in enumerate(ranked.get(q, []), start=1) if r in partners]
        if ranks:
            first = ranks[0]
            rr += 1.0 / first
            hits1 += first <= 1
            hits5 += first <= 5
    n = max(len(queries), 1)
    return {
        "recall@1": round(hits1 / n, 4),
        "recall@5": round(hits5 / n, 4),
        "mrr": round(rr / n, 4),
        "queries": len(queries),
    }


def best_f(scored: Iterable[tuple[float, bool]]) -> tuple[float, float]:
    """Best F1 over every score threshold, and the threshold that gives it.

    ``scored`` holds one ``(score, is_true)`` per candidate pair; a pair is predicted true when
    its score is at least the threshold. A true pair that was never proposed is passed with
    score 0 (it counts against recall at every threshold above 0). Used for "does a threshold
    on the score separate true from false pairs", the measure of the eco-industrial parks.

    Examples
    --------
    >>> best_f([(0.9, True), (0.8, False), (0.7, True), (0.1, False)])
    (0.8, 0.7)
    >>> best_f([(0.0, True)])
    (0.0, 0.0)
    """
    pairs = sorted(scored, key=lambda p: -p[0])
    total = sum(1 for _s, t in pairs if t)
    best, at, tp = 0.0, 0.0, 0
    for i, (score, is_true) in enumerate(pairs, start=1):
        tp += is_true
        if score <= 0 or (i < len(pairs) and pairs[i][0] == score):
            continue  # a threshold cannot split equal scores
        f = 2 * tp / (i + total)
        if f > best:
            best, at = f, score
    return round(best, 4), at
