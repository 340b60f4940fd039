"""Where the score thresholds stand among the scores of documented exchanges.

Usage: ``.venv/bin/python benchmarks/score_scale.py [DIR ...]`` (default: the seven sets in
``symbiose/matching/evaluation*``).

Scores every true pair of the sets as a threshold reads it (``engine/scale.py``
``attention_score``; an infeasible pair counts 0) and prints the quartiles and the share of
documented exchanges at or above ``STRONG_SCORE`` (a follow-up task) and ``ALERT_MIN_SCORE``
(the e-mail alert's default), for all of them and for those with and without a known
distance. The thresholds are meant to stay the median and the upper quartile.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.evaluation import documented_scores
from symbiose.matching.engine.scale import ALERT_MIN_SCORE, STRONG_SCORE

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = ["evaluation", *(f"evaluation{i}" for i in range(2, 8))]


def main(argv: list[str]) -> None:
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    t0 = time.process_time()
    got = [row for d in directories for row in documented_scores(*load_evaluation(d))]
    score = np.array([s for s, _k in got])
    known = np.array([k for _s, k in got])
    print(f"{len(got)} documented exchanges from {len(directories)} sets "
          f"({time.process_time() - t0:.1f} s CPU)")  # fmt: skip
    print(f"{'pairs':10} {'n':>4} {'q25':>6} {'q50':>6} {'q75':>6} "
          f"{'>=' + str(STRONG_SCORE):>7} {'>=' + str(ALERT_MIN_SCORE):>7}")  # fmt: skip
    for name, mask in (("all", known | ~known), ("located", known), ("no place", ~known)):
        x = score[mask]
        if len(x) == 0:
            continue
        q25, q50, q75 = np.quantile(x, [0.25, 0.5, 0.75])
        strong, alert = np.mean(x >= STRONG_SCORE), np.mean(x >= ALERT_MIN_SCORE)
        print(f"{name:10} {len(x):4d} {q25:6.3f} {q50:6.3f} {q75:6.3f} {strong:7.3f} {alert:7.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
