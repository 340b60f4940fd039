"""Is the parks' shortfall one of calibration? Best-F of the parks, by confidence.

Usage: ``.venv/bin/python benchmarks/park_calibration.py [DIR ...] [--by-country |
--by-place]`` (default: the seven sets in ``symbiose/matching/evaluation*``).

Each set is one park without locations, scored as material × receiving company (as
``evaluate_parks.py --whole --by-company``); with ``--by-country`` each country's
organisations are one park (``evaluate_parks.py --by-country``), with ``--by-place`` each
group within 10 km (``--no-locations``), and a set's figure is the mean over its parks.
Best-F cuts one threshold across every query of a park, so it asks whether a confidence is
comparable across queries. The engine's pair scores are computed once per set; each row of
the table then orders the same proposed pairs by another confidence:

* ``score``: the engine's score; ``mutual``: ``engine/mutual.py`` (the score over the
  geometric mean of the pair's rank among its offer's and its need's pairs), what
  ``evaluate_parks.py --mutual`` reports (equal scores share their mean place);
* ``mutual, soft ranks (beta)``: a rank counts every better candidate as 1 and a worse one
  as ``(s_j / s_i)^beta``, so a first place with a near-equal runner-up weighs almost as a
  second (the margin over the runner-up, measured below, says much about a first place);
* ``share (beta)``: ``score × sqrt(p_offer × p_need)``, each ``p`` the pair's share of
  ``score^beta`` on that side (a softmax on the log score);
* ``Sinkhorn (beta)``: ``score^beta`` scaled to rows and columns summing to one, ten rounds;
* ``CSLS (k)``: ``2 score − mean of the offer's k best − mean of the need's k best``
  (cross-domain similarity local scaling, the hubness correction of word-vector
  translation);
* ``mutual / class block^gamma``: a pair linked by a shared class divided by how many
  offers × needs of the park carry that class (the class's specificity in the registry);
* ``logistic, leave one set out``: a logistic regression, fitted on the other sets, of
  whether a pair is documented, on the log score, both log ranks, both margins (score over
  the side's best other score, capped at 3), the class, relation, prior, wording and bridge
  components and both sides' log candidate counts. It is not a method to ship; it bounds
  what any combination of these signals can do on a set it did not see.

Then, over all sets, the precision of the pairs first on both sides by their smaller margin.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from evaluate_parks import by_company, country_parks, park_pairs
from evaluate_parks import parks as place_parks
from scipy.optimize import minimize

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.metrics import best_f
from symbiose.matching.engine.mutual import mutual_confidence, mutual_ranks

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = ["evaluation", *(f"evaluation{i}" for i in range(2, 8))]
COMPONENTS = ("class", "relation", "prior", "text", "bridge")


@dataclasses.dataclass
class Park:
    """One park of a set: every cross-company pair, and the arrays of the proposed ones."""

    name: str  # the set's
    streams: list
    pairs: list  # ((offer, need), score, is_true), unproposed pairs at 0
    offers: np.ndarray  # of the proposed pairs (score > 0), group ids
    needs: np.ndarray
    score: np.ndarray
    comps: np.ndarray  # proposed pairs × COMPONENTS
    block: np.ndarray  # offers × needs of the park sharing the pair's class (0: no class)


def load_parks(directory: Path, mode: str = "whole") -> list[Park]:
    """Score one set without locations and keep what the confidences read, for each park:
    the whole set (``mode`` "whole"), each country ("country", as ``evaluate_parks.py
    --by-country``) or each group within 10 km ("place", as ``--no-locations``)."""
    streams, truth = load_evaluation(directory)
    if mode == "whole":
        groups = [{s.org_ref for s in streams}]
    else:
        groups = (country_parks(directory, streams, truth) if mode == "country"
                  else place_parks(streams, truth, 10.0))  # fmt: skip
    streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
    engine = MatchEngine(streams)
    comps = {}
    for o in (s for s in streams if s.direction == "offer"):
        for m in engine.candidates_for(o.ref, top_n=100_000, include_infeasible=False):
            comps[(o.ref, m.need_ref)] = [m.components[k] for k in COMPONENTS]
    classes = {s.ref: {c for c, _w, _s in engine.features(s.ref).classes} for s in streams}
    out = []
    for group in groups:
        pairs = park_pairs(engine, streams, truth, group)
        shown = [p for p in pairs if p[1] > 0]
        if not shown:
            continue
        inside = [s for s in streams if s.org_ref in group]
        count = {d: Counter(c for s in inside if s.direction == d for c in classes[s.ref])
                 for d in ("offer", "need")}  # fmt: skip
        block = []
        for (o, n), _s, _t in shown:
            shared = classes[o] & classes[n]
            strong = comps[(o, n)][0] >= 0.8
            block.append(min(count["offer"][c] * count["need"][c] for c in shared)
                         if shared and strong else 0)  # fmt: skip
        _, oi = np.unique([p[0][0] for p in shown], return_inverse=True)
        _, ni = np.unique([p[0][1] for p in shown], return_inverse=True)
        out.append(Park(directory.name, streams, pairs, oi, ni, np.array([p[1] for p in shown]),
                        np.array([comps[p[0]] for p in shown]),
                        np.array(block, dtype=float)))  # fmt: skip
    return out


def best_f_of(park: Park, conf: np.ndarray) -> float:
    """Best-F of the park (material × receiving company) with ``conf`` for the proposed pairs."""
    it = iter(conf.tolist())
    scored = [(p[0], next(it) if p[1] > 0 else 0.0, p[2]) for p in park.pairs]
    return best_f(by_company(park.streams, scored))[0]


def _per_group(groups: np.ndarray, score: np.ndarray, fn) -> np.ndarray:
    """``fn(scores of one group)`` for every group, scattered back to the pairs."""
    out = np.empty(len(score))
    order = np.argsort(groups, kind="stable")
    cuts = np.flatnonzero(np.diff(groups[order])) + 1
    for idx in np.split(order, cuts):
        out[idx] = fn(score[idx])
    return out


def soft_rank(beta: float):
    """Every better candidate counts 1, a worse one ``(s_j / s_i)^beta`` (the pair itself 1)."""

    def rank(s: np.ndarray) -> np.ndarray:
        ratio = s[None, :] / s[:, None]
        return (np.minimum(ratio, 1.0) ** beta).sum(1)

    return rank


def margin(s: np.ndarray) -> np.ndarray:
    """A pair's score over the best other score of its group (3 when it is alone), capped."""
    if len(s) == 1:
        return np.full(1, 3.0)
    top2 = np.sort(s)[-2:]
    other = np.where(s >= top2[1], top2[0], top2[1])
    return np.minimum(s / other, 3.0)


def by_ranks(park: Park, rank) -> np.ndarray:
    ro = _per_group(park.offers, park.score, rank)
    rn = _per_group(park.needs, park.score, rank)
    return park.score / np.sqrt(ro * rn)


def share(park: Park, beta: float) -> np.ndarray:
    w = park.score**beta
    po = w / np.bincount(park.offers, weights=w)[park.offers]
    pn = w / np.bincount(park.needs, weights=w)[park.needs]
    return park.score * np.sqrt(po * pn)


def sinkhorn(park: Park, beta: float, rounds: int = 10) -> np.ndarray:
    w = park.score**beta
    for _ in range(rounds):
        w = w / np.bincount(park.offers, weights=w)[park.offers]
        w = w / np.bincount(park.needs, weights=w)[park.needs]
    return park.score * w


def csls(park: Park, k: int) -> np.ndarray:
    def top(s):
        return np.sort(s)[::-1][:k].mean()

    ro = _per_group(park.offers, park.score, top)
    rn = _per_group(park.needs, park.score, top)
    return 2 + 2 * park.score - ro - rn


def features(park: Park) -> np.ndarray:
    """The logistic regression's inputs for every proposed pair (see the module text)."""
    ro, rn = mutual_ranks(park.offers, park.needs, park.score)
    mo = _per_group(park.offers, park.score, margin)
    mn = _per_group(park.needs, park.score, margin)
    no = np.bincount(park.offers)[park.offers]
    nn = np.bincount(park.needs)[park.needs]
    cols = [np.log(park.score), -np.log(ro), -np.log(rn), np.log(mo), np.log(mn),
            *park.comps.T, np.log(no), np.log(nn), np.ones(len(park.score))]  # fmt: skip
    return np.column_stack(cols)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.01) -> np.ndarray:
    def loss(w):
        z = x @ w
        p = 1 / (1 + np.exp(-z))
        return np.sum(np.logaddexp(0, z) - y * z) + l2 * w @ w, x.T @ (p - y) + 2 * l2 * w

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def truth_of(park: Park) -> np.ndarray:
    return np.array([p[2] for p in park.pairs if p[1] > 0], dtype=float)


def main(argv: list[str]) -> None:
    mode = "country" if "--by-country" in argv else "place" if "--by-place" in argv else "whole"
    argv = [a for a in argv if a not in ("--by-country", "--by-place")]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    sets = {d.name: load_parks(d, mode) for d in directories}
    sets = {name: parks for name, parks in sets.items() if parks}
    methods = {
        "score": lambda p: p.score,
        "mutual": lambda p: mutual_confidence(p.offers, p.needs, p.score),
        **{f"mutual, soft ranks ({b})": (lambda p, b=b: by_ranks(p, soft_rank(b)))
           for b in (16, 32, 128)},  # fmt: skip
        **{f"share ({b})": (lambda p, b=b: share(p, b)) for b in (8, 16, 32)},
        "Sinkhorn (8)": lambda p: sinkhorn(p, 8),
        "CSLS (3)": lambda p: csls(p, 3),
        **{f"mutual / class block^{g}": (lambda p, g=g: mutual_confidence(
            p.offers, p.needs, p.score) / np.maximum(p.block, 1.0) ** g) for g in (0.1, 0.25)},
    }  # fmt: skip
    x = {id(p): features(p) for parks in sets.values() for p in parks}
    fits = {}
    for name in sets:
        rest = [p for n, parks in sets.items() if n != name for p in parks] or sets[name]
        fits[name] = fit_logistic(np.vstack([x[id(p)] for p in rest]),
                                  np.concatenate([truth_of(p) for p in rest]))  # fmt: skip
    methods["logistic, leave one set out"] = lambda p: 1 / (1 + np.exp(-x[id(p)] @ fits[p.name]))
    what = {"whole": "each set one park", "country": "each country one park (mean per set)",
            "place": "organisations within 10 km (mean per set)"}[mode]  # fmt: skip
    print(f"{what}, no locations, material x receiving company: best-F by confidence")
    print(f"{'confidence':34}" + "".join(f"{n[-11:]:>12}" for n in sets) + f"{'mean':>8}")
    for label, fn in methods.items():
        fs = [float(np.mean([best_f_of(p, np.asarray(fn(p), dtype=float)) for p in parks]))
              for parks in sets.values()]  # fmt: skip
        print(f"{label:34}" + "".join(f"{f:12.3f}" for f in fs) + f"{np.mean(fs):8.3f}")
    print("\npairs first on both sides, all parks: documented / proposed by the smaller margin")
    tot, hit = Counter(), Counter()
    bands = (1.02, 1.05, 1.1, 1.2, 1.5, 3.0)
    for p in (p for parks in sets.values() for p in parks):
        ro, rn = mutual_ranks(p.offers, p.needs, p.score)
        m = np.minimum(_per_group(p.offers, p.score, margin), _per_group(p.needs, p.score, margin))
        for r1, r2, mm, t in zip(ro, rn, m, truth_of(p), strict=True):
            if r1 == 1 and r2 == 1:
                b = next(x for x in bands if mm <= x + 1e-12)
                tot[b] += 1
                hit[b] += int(t)
    for b in bands:
        if tot[b]:
            share_true = 100 * hit[b] / tot[b]
            print(f"  margin <= {b:4.2f}: {hit[b]:4d} / {tot[b]:4d} ({share_true:3.0f} %)")


if __name__ == "__main__":
    main(sys.argv[1:])
