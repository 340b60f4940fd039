"""Rank each documented need among the offers of its own case, as a library of cases does.

Usage: ``.venv/bin/python benchmarks/evaluate_within_case.py [DIR ...] [--size 13] [--misses]``
(default: the sets in ``symbiose/matching/evaluation*``; ``--misses`` lists every need whose
true offer is not in its top 5, with what was ranked first).

Issue 12's held-out library holds 393 exchanges from 46 European cases, in the source's own
words and without locations; each need is ranked among the offers of its own case (about 13
candidates, where random ranking finds the partner in the top 5 for 61 % of the needs). Our
sets are not cut into cases, so this script cuts them the way such a library is built:

1. organisations linked by documented exchanges belong together (components of the truth
   graph over organisations: a power station, its plasterboard plant and its fish farm);
2. components of a set are put together, ordered by the country of their first need and then
   their first ref (so a case is mostly one country, as the library's are), until a case holds
   at least ``--size`` offers (13, the library's mean); a remainder smaller than that joins the
   set's last case;
3. a case's candidates are all offers of its organisations (the documented ones and the
   distractors the sets hold at the same organisations); its queries are its documented needs.

Each case is its own registry without locations (the library names no places): the engine
is built from the case's streams alone and every offer it ranks for a need counts, feasible
or not; an offer the engine never puts in the need's list at all (kept apart by blocking)
counts as a miss. Printed per set and overall, need side and offer side: recall@1, recall@5,
MRR, the expected recall@5 of a random order of the same candidates, and the char-trigram
baseline on the same candidates. Nothing here is tuned: the cut depends on the truth graph
and the countries, never on a score.
"""

from __future__ import annotations

import csv
import dataclasses
import sys
from collections import defaultdict
from math import comb
from pathlib import Path

from symbiose.matching.engine.baseline import BaselineRanker
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.metrics import evaluate_side, truth_by_query

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = [f"evaluation{n}" for n in ("", 2, 3, 4, 5, 6, 7)]


def countries(directory: Path) -> dict[str, str]:
    """Country of each organisation of a set (empty when the set does not say)."""
    with (directory / "organisations.csv").open(encoding="utf-8") as fh:
        return {r["ref"]: (r.get("country") or "").strip() for r in csv.DictReader(fh)}


def cut_cases(streams, truth, country: dict[str, str], size: int = 13) -> list[set[str]]:
    """Organisation groups of about ``size`` offers: see the module docstring, steps 1–2."""
    org_of = {s.ref: s.org_ref for s in streams}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for o, n in sorted(truth):
        parent[find(org_of[o])] = find(org_of[n])
    comps: dict[str, set[str]] = defaultdict(set)
    for org in list(parent):
        comps[find(org)].add(org)
    offers = defaultdict(int)
    for s in streams:
        offers[s.org_ref] += s.direction == "offer"
    needs = {org_of[n] for _o, n in truth}
    ordered = sorted(comps.values(), key=lambda c: (country.get(min(c & needs), ""), min(c)))
    cases: list[set[str]] = []
    current: set[str] = set()
    for comp in ordered:
        current |= comp
        if sum(offers[o] for o in current) >= size:
            cases.append(current)
            current = set()
    if current and cases:
        cases[-1] |= current
    elif current:
        cases.append(current)
    return cases


def random_recall5(n_candidates: int, n_true: int) -> float:
    """Chance that a random order of ``n_candidates`` puts one of ``n_true`` in the top 5."""
    if n_candidates <= 5:
        return 1.0
    return 1.0 - comb(n_candidates - n_true, 5) / comb(n_candidates, 5)


def rank_case(streams, truth):
    """Ranked counterparts per side and query, engine and baseline, within one case."""
    engine = MatchEngine(streams)
    base = BaselineRanker(streams)
    out = {"engine": {"offer": {}, "need": {}}, "baseline": {"offer": {}, "need": {}}}
    for side in ("offer", "need"):
        for q in truth_by_query(truth, side):
            out["engine"][side][q] = [r for r, _k in engine.ranked(q, False, True)]
            out["baseline"][side][q] = [r for r, _s in base.rank(q, len(streams))]
    return out


def evaluate(directories: list[Path], size: int = 13):
    """Per set: cases, the case of each query, rankings, truth and candidate counts."""
    results = {}
    for d in directories:
        streams, truth = load_evaluation(d)
        streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
        org_of = {s.ref: s.org_ref for s in streams}
        cases = cut_cases(streams, truth, countries(d), size)
        ranked = {"engine": {"offer": {}, "need": {}}, "baseline": {"offer": {}, "need": {}}}
        chance = {"offer": {}, "need": {}}
        for orgs in cases:
            here = [s for s in streams if s.org_ref in orgs]
            pairs = {(o, n) for o, n in truth if org_of[o] in orgs and org_of[n] in orgs}
            r = rank_case(here, pairs)
            for ranker in ranked:
                for side in ("offer", "need"):
                    ranked[ranker][side].update(r[ranker][side])
            for side in ("offer", "need"):
                other = "need" if side == "offer" else "offer"
                for q, partners in truth_by_query(pairs, side).items():
                    me = next(s for s in here if s.ref == q)
                    n = sum(1 for s in here if s.direction == other and s.org_ref != me.org_ref)
                    chance[side][q] = random_recall5(n, len(partners))
        sizes = [sum(1 for s in streams if s.org_ref in c and s.direction == "offer")
                 for c in cases]  # fmt: skip
        results[d.name] = (cases, sizes, ranked, truth, chance, streams)
    return results


def main(argv: list[str]) -> None:
    size = 13
    if "--size" in argv:
        size = int(argv[argv.index("--size") + 1])
        argv = [a for a in argv if a not in ("--size", str(size))]
    misses = "--misses" in argv
    argv = [a for a in argv if a != "--misses"]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    results = evaluate(directories, size)
    print(f"{'set':12} {'cases':>5} {'offers/case':>11} {'ranker':8} {'side':5} "
          f"{'recall@1':>8} {'recall@5':>8} {'MRR':>6} {'random@5':>8} {'q':>4}")  # fmt: skip
    total = {"engine": {"offer": {}, "need": {}}, "baseline": {"offer": {}, "need": {}}}
    all_truth, all_chance = set(), {"offer": {}, "need": {}}
    for name, (cases, sizes, ranked, truth, chance, _s) in results.items():
        all_truth |= {(f"{name}:{o}", f"{name}:{n}") for o, n in truth}
        mean = sum(sizes) / max(len(sizes), 1)
        for ranker in ("engine", "baseline"):
            for side in ("need", "offer"):
                total[ranker][side].update(
                    {f"{name}:{q}": [f"{name}:{r}" for r in rs]
                     for q, rs in ranked[ranker][side].items()})  # fmt: skip
                all_chance[side].update({f"{name}:{q}": v for q, v in chance[side].items()})
                m = evaluate_side(ranked[ranker][side], truth, side)
                rnd = sum(chance[side].values()) / max(len(chance[side]), 1)
                print(f"{name:12} {len(cases):5d} {mean:11.1f} {ranker:8} {side:5} "
                      f"{m['recall@1']:8.3f} {m['recall@5']:8.3f} {m['mrr']:6.3f} {rnd:8.3f} "
                      f"{m['queries']:4d}")  # fmt: skip
    n_cases = sum(len(r[0]) for r in results.values())
    mean = sum(sum(r[1]) for r in results.values()) / max(n_cases, 1)
    for ranker in ("engine", "baseline"):
        for side in ("need", "offer"):
            m = evaluate_side(total[ranker][side], all_truth, side)
            rnd = sum(all_chance[side].values()) / max(len(all_chance[side]), 1)
            print(f"{'all':12} {n_cases:5d} {mean:11.1f} {ranker:8} {side:5} "
                  f"{m['recall@1']:8.3f} {m['recall@5']:8.3f} {m['mrr']:6.3f} {rnd:8.3f} "
                  f"{m['queries']:4d}")  # fmt: skip
    if misses:
        print_misses(results)


def print_misses(results) -> None:
    """Each need whose true offer is not in its case's top 5, with the engine's first three."""
    for name, (_c, _z, ranked, truth, _ch, streams) in results.items():
        title = {s.ref: s.title for s in streams}
        for q, partners in sorted(truth_by_query(truth, "need").items()):
            got = ranked["engine"]["need"].get(q, [])
            ranks = [i for i, r in enumerate(got, 1) if r in partners]
            if ranks and ranks[0] <= 5:
                continue
            where = f"rank {ranks[0]}" if ranks else "never ranked"
            print(
                f"{name}:{q} {title[q]!r} <- {[title[p] for p in partners]} ({where}); "
                f"first: {[title[r] for r in got[:3]]}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
