"""Run the evaluation set straight from CSV through the engine and the baseline.

Usage: ``.venv/bin/python benchmarks/evaluate_pure.py [DIR] [--misses]``

Prints recall@1, recall@5 and MRR from the offer side and the need side for both rankers.
The engine never sees ``truth.csv``; it is read only to score the rankings. The rankings and
metrics come from :mod:`symbiose.matching.engine.evaluation`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from symbiose.matching.engine.evalset import EVALUATION_DIR, load_evaluation
from symbiose.matching.engine.evaluation import evaluate_rankers, rankings
from symbiose.matching.engine.metrics import truth_by_query


def evaluate(directory=EVALUATION_DIR) -> dict:
    """Metrics per ranker and side."""
    streams, truth = load_evaluation(directory)
    return evaluate_rankers(streams, truth)


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    directory = Path(args[0]) if args else EVALUATION_DIR
    t0 = time.perf_counter()
    streams, truth = load_evaluation(directory)
    res = evaluate_rankers(streams, truth)
    print(f"{len(streams)} streams, {len(truth)} true pairs ({time.perf_counter() - t0:.2f} s)")
    print(f"{'ranker':9} {'side':5} {'recall@1':>9} {'recall@5':>9} {'MRR':>7} {'queries':>8}")
    for ranker, sides in res.items():
        for side, m in sides.items():
            print(f"{ranker:9} {side:5} {m['recall@1']:9.3f} {m['recall@5']:9.3f} "
                  f"{m['mrr']:7.3f} {m['queries']:8d}")  # fmt: skip
    if "--misses" in argv:
        ranked = rankings(streams, truth)
        for side in ("offer", "need"):
            for q, partners in truth_by_query(truth, side).items():
                got = ranked["engine"][side][q]
                if not any(p in got[:1] for p in partners):
                    print(f"miss {side} {q}: truth {sorted(partners)} got {got[:5]}")


if __name__ == "__main__":
    main(sys.argv[1:])
