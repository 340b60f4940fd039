"""Rank every query of several evaluation sets against the streams of all of them at once.

Usage: ``.venv/bin/python benchmarks/evaluate_pooled.py [DIR ...] [--no-locations]`` (default:
the four sets in ``symbiose/matching/evaluation*``; ``--no-locations`` drops every site's
position, as in a library of documented exchanges that names no places, so only what the
streams are can rank them).

Each set is already ranked against all of its own streams by ``evaluate_pure.py``. Pooling
puts the sets into one registry (refs prefixed with the set's name, so they cannot collide)
and ranks each truth query against every stream of every set: a need must now find its
partner among 1 000-odd offers from 40 countries, as on a platform that serves many regions.
Prints recall@1, recall@5 and MRR per side for the engine and the char-trigram baseline,
pooled and per set, and the negative controls of every set checked in the pool (a control
fails when the pair is ranked feasible in either direction's top 10).
"""

from __future__ import annotations

import csv
import dataclasses
import sys
import time
from pathlib import Path

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.evaluation import rankings
from symbiose.matching.engine.metrics import evaluate_side

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = ["evaluation", "evaluation2", "evaluation3", "evaluation4", "evaluation5"]


def pooled(directories: list[Path]):
    """Streams, truth and negatives of all sets, refs prefixed ``<set>:``; and truth per set."""
    streams, truth, negatives, per_set = [], set(), [], {}
    for d in directories:
        tag = d.name
        ss, tt = load_evaluation(d)
        streams += [dataclasses.replace(s, ref=f"{tag}:{s.ref}", org_ref=f"{tag}:{s.org_ref}")
                    for s in ss]  # fmt: skip
        pairs = {(f"{tag}:{o}", f"{tag}:{n}") for o, n in tt}
        truth |= pairs
        per_set[tag] = pairs
        neg = d / "negatives.csv"
        if neg.exists():
            with neg.open(encoding="utf-8") as fh:
                negatives += [(f"{tag}:{r['offer_ref']}", f"{tag}:{r['need_ref']}")
                              for r in csv.DictReader(fh)]  # fmt: skip
    return streams, truth, negatives, per_set


def main(argv: list[str]) -> None:
    no_locations = "--no-locations" in argv
    argv = [a for a in argv if a != "--no-locations"]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    t0 = time.perf_counter()
    streams, truth, negatives, per_set = pooled(directories)
    if no_locations:  # as a library of exchanges that names no places
        streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
    ranked = rankings(streams, truth)
    print(f"{len(streams)} streams, {len(truth)} true pairs from {len(directories)} sets "
          f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    print(f"{'set':12} {'ranker':9} {'side':5} {'recall@1':>9} {'recall@5':>9} {'MRR':>7} {'q':>4}")
    for name, pairs in [("pooled", truth), *per_set.items()]:
        for ranker in ("engine", "baseline"):
            for side in ("offer", "need"):
                m = evaluate_side(ranked[ranker][side], pairs, side)
                print(f"{name:12} {ranker:9} {side:5} {m['recall@1']:9.3f} {m['recall@5']:9.3f} "
                      f"{m['mrr']:7.3f} {m['queries']:4d}")  # fmt: skip
    engine = MatchEngine(streams)
    failed = []
    for offer, need in negatives:
        hit = [m for m in engine.candidates_for(offer, top_n=10) if m.need_ref == need]
        hit += [m for m in engine.candidates_for(need, top_n=10) if m.offer_ref == offer]
        if any(m.feasible for m in hit):
            failed.append((offer, need))
    print(f"negative controls in the pool: {len(negatives) - len(failed)} of {len(negatives)} pass")
    for offer, need in failed:
        print(f"  FAIL {offer} -> {need}")


if __name__ == "__main__":
    main(sys.argv[1:])
