"""Parks scored per cell (material × receiving company): relative scores within a park.

Usage: ``.venv/bin/python benchmarks/park_cells.py [DIR ...] [--by-country | --by-place]``
(default: the seven sets in ``symbiose/matching/evaluation*``, each set one park without
locations, as ``park_calibration.py``).

The literature's parks are scored per cell: which material (an offer) goes to which
receiving company, a company being all of its needs. ``park_calibration.py`` ranks the
pairs (offer × need) and then takes each cell's best pair. Here the relative scores are
taken *within the park's cells*, as a facilitator looking at a park table would:

* ``mutual, pairs``: ``engine/mutual.py`` on the pairs, a cell its best pair (the figure of
  record, ``evaluate_parks.py --whole --by-company --mutual``);
* ``offer ranked among companies``: the offer's rank among the *companies* it reaches (a
  company with three matching needs counts once), the need side as before;
* ``both sides per company``: also the company's rank of the offer among all offers that
  reach any of its needs;
* ``rank^a``: the mutual confidence with both ranks to the power ``a`` (1 is the record);
* ``cell share (beta)``: ``score × √(p_offer × p_company)``, each ``p`` the cell's share of
  ``score^beta`` among the offer's cells and among the company's (a softmax within the park);
* ``noisy-or of a company's needs``: a company whose several needs all fit the offer is more
  likely its receiver: ``1 − Π(1 − c)`` over the cell's pairs' mutual confidences.

Prints best-F per set and the mean. Nothing here is fitted to the sets.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from park_calibration import DEFAULT_SETS, ROOT, Park, load_parks

from symbiose.matching.engine.metrics import best_f
from symbiose.matching.engine.mutual import _rank_within, mutual_confidence


def _groups(keys) -> np.ndarray:
    return np.unique(np.asarray(keys, dtype=object).astype(str), return_inverse=True)[1]


def _ranks(groups: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Rank within each group among scored cells (inf where the score is 0)."""
    out, shown = np.full(len(score), np.inf), score > 0
    if shown.any():
        out[shown] = _rank_within(groups[shown], score[shown])
    return out


def cell_confidences(park: Park) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Each confidence for every (offer, receiving company) cell of the park, and the truth."""
    org = {s.ref: s.org_ref for s in park.streams}
    pair_score = np.array([p[1] for p in park.pairs])
    pair_conf = np.zeros(len(park.pairs))
    shown = pair_score > 0
    if shown.any():
        pair_conf[shown] = mutual_confidence(
            [p[0][0] for p, s in zip(park.pairs, shown, strict=True) if s],
            [p[0][1] for p, s in zip(park.pairs, shown, strict=True) if s],
            pair_score[shown],
        )
    rn_pair = _ranks(_groups([p[0][1] for p in park.pairs]), pair_score)
    ro_pair = _ranks(_groups([p[0][0] for p in park.pairs]), pair_score)
    cells: dict[tuple[str, str], list[int]] = {}
    for i, ((o, n), _s, _t) in enumerate(park.pairs):
        cells.setdefault((o, org[n]), []).append(i)
    keys = list(cells)
    best = [max(cells[k], key=lambda i: pair_score[i]) for k in keys]
    s = pair_score[best]
    truth = np.array([any(park.pairs[i][2] for i in cells[k]) for k in keys])
    o, c = _groups([k[0] for k in keys]), _groups([k[1] for k in keys])
    ro_c, rc_c, rn = _ranks(o, s), _ranks(c, s), rn_pair[best]
    on = s > 0
    conf = {
        "mutual, pairs (record)": np.array([pair_conf[cells[k]].max() for k in keys]),
        "offer ranked among companies": np.where(on, s / np.sqrt(ro_c * rn), 0.0),
        "both sides per company": np.where(on, s / np.sqrt(ro_c * rc_c), 0.0),
    }
    for a in (0.5, 1.5):
        conf[f"rank^{a}"] = np.where(on, s / (ro_pair[best] * rn) ** (a / 2), 0.0)
    for beta in (8, 16, 32):
        w = np.where(on, s, 0.0) ** beta
        po = w / np.maximum(np.bincount(o, weights=w)[o], 1e-300)
        pc = w / np.maximum(np.bincount(c, weights=w)[c], 1e-300)
        conf[f"cell share ({beta})"] = s * np.sqrt(po * pc)
    conf["noisy-or of a company's needs"] = np.array(
        [1.0 - np.prod(1.0 - pair_conf[cells[k]]) for k in keys]
    )
    return conf, truth


def main(argv: list[str]) -> None:
    mode = "country" if "--by-country" in argv else "place" if "--by-place" in argv else "whole"
    argv = [a for a in argv if a not in ("--by-country", "--by-place")]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    per_set: dict[str, dict[str, float]] = {}
    for d in directories:
        scores: dict[str, list[float]] = {}
        for park in load_parks(d, mode):
            conf, truth = cell_confidences(park)
            for label, c in conf.items():
                cells = zip(c.tolist(), truth.tolist(), strict=True)
                scores.setdefault(label, []).append(best_f(cells)[0])
        if scores:
            per_set[d.name] = {label: float(np.mean(fs)) for label, fs in scores.items()}
    print(f"parks ({mode}), no locations, material x receiving company: best-F per cell")
    print(f"{'confidence':32}" + "".join(f"{n[-11:]:>12}" for n in per_set) + f"{'mean':>8}")
    for label in next(iter(per_set.values())):
        fs = [per_set[n][label] for n in per_set]
        print(f"{label:32}" + "".join(f"{f:12.3f}" for f in fs) + f"{np.mean(fs):8.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
