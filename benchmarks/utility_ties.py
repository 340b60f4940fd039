"""Where true heat, cold and water partners rank, and whether they tie (issue 12, class 7).

Usage: ``.venv/bin/python benchmarks/utility_ties.py [--no-locations] [--list]`` (the seven
sets in ``symbiose/matching/evaluation*``, each ranked within itself).

For every documented exchange in which either side is a utility (category heat, cold or
water, which includes steam, flue gas and cooling water), both directions are queried:
the true partner's rank among the engine's candidates (up to 200), and how many other
candidates carry exactly its score (a tie, broken only by ``engine/ties.py``'s hash of the
ref). Prints per set and in total: queries, recall@5, MRR, queries with a tie, queries whose
partner is last of several, and what separates the candidates ranked above a missed
partner: the share of them whose temperature, quantity, season and distance factors equal
the partner's (a component that never differs cannot rank them).
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
SETS = [f"evaluation{i}" for i in ("", 2, 3, 4, 5, 6, 7)]
UTILITY = {"heat", "cold", "water"}
FACTORS = ("temperature", "quantity", "season", "distance")


def main(argv: list[str]) -> None:
    """Print the ranks of true utility partners per set and the factors that never differ."""
    no_locations = "--no-locations" in argv
    total: list[tuple[int | None, int, int]] = []
    same: Counter[str] = Counter()
    above = 0
    for name in SETS:
        streams, truth = load_evaluation(ROOT / name)
        if no_locations:
            streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
        by_ref = {s.ref: s for s in streams}
        engine = MatchEngine(streams)
        rows: list[tuple[int | None, int, int]] = []
        for offer, need in sorted(truth):
            if not {by_ref[offer].category, by_ref[need].category} & UTILITY:
                continue
            for query, partner in ((offer, need), (need, offer)):
                found = engine.candidates_for(query, top_n=200)
                refs = [m.need_ref if m.offer_ref == query else m.offer_ref for m in found]
                if partner not in refs:
                    rows.append((None, len(refs), 0))
                    continue
                k = refs.index(partner)
                mine = found[k]
                ties = sum(
                    1 for m in found if m is not mine and round(m.score, 6) == round(mine.score, 6)
                )
                rows.append((k + 1, len(refs), ties))
                if k >= 5:
                    for m in found[:k]:
                        above += 1
                        same.update(f for f in FACTORS if round(m.components.get(f, 0), 3)
                                    == round(mine.components.get(f, 0), 3))  # fmt: skip
                if "--list" in argv and (k >= 5 or ties):
                    print(
                        f"  {name} {query} -> {partner}: rank {k + 1} of {len(refs)}, ties {ties}"
                    )
        _line(name, rows)
        total += rows
    _line("all sets", total)
    shares = ", ".join(f"{f} {same[f] / max(above, 1):.2f}" for f in FACTORS)
    print(f"candidates above a partner outside the top 5: {above}; same factor as it: {shares}")


def _line(name: str, rows: list[tuple[int | None, int, int]]) -> None:
    n = max(len(rows), 1)
    r5 = sum(1 for r, _c, _t in rows if r and r <= 5) / n
    mrr = sum(1 / r for r, _c, _t in rows if r) / n
    tied = sum(1 for _r, _c, t in rows if t)
    last = sum(1 for r, c, _t in rows if r and c > 1 and r == c)
    missing = sum(1 for r, _c, _t in rows if r is None)
    print(f"{name:12} queries {len(rows):4}  recall@5 {r5:.3f}  MRR {mrr:.3f}  "
          f"tied {tied}  last {last}  not proposed {missing}")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
