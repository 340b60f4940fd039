"""Measure the EWC code suggester on the plain-word phrase sets.

Usage: ``.venv/bin/python benchmarks/ewc_suggest.py [FILE ...] [--misses]``

Each phrase has its expected codes (the first is the best; ``-`` means no waste code fits). A
phrase is a hit when one expected code is among the first three suggestions (for ``-``: when
there is no suggestion). A phrase is *harmless* when its best code is not hazardous (or ``-``);
the suggester must not put a hazardous entry first for it.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from symbiose.taxonomy.ewc import load_ewc
from symbiose.taxonomy.suggest import suggest_ewc

DATA = Path(__file__).resolve().parents[1] / "symbiose" / "taxonomy" / "tests" / "data"
FILES = (DATA / "ewc_phrases.csv", DATA / "ewc_phrases_holdout.csv")


def measure(path: Path) -> dict:
    """Top-3 accuracy, hazardous-first count and the misses for one phrase file."""
    ewc = load_ewc()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    hits, per, total = 0, Counter(), Counter()
    harmless, hazardous_first, misses = 0, [], []
    for r in rows:
        codes = [s.code for s in suggest_ewc(r["phrase"], lang=r["lang"])]
        expected = r["expected"].split(";")
        ok = not codes if expected == ["-"] else bool(set(expected) & set(codes[:3]))
        hits += ok
        total[r["sector"]] += 1
        per[r["sector"]] += ok
        if not ok:
            misses.append((r["phrase"], expected, codes[:3]))
        if expected == ["-"] or not ewc[expected[0]].hazardous:
            harmless += 1
            if codes and ewc[codes[0]].hazardous:
                hazardous_first.append((r["phrase"], codes[0]))
    return {"phrases": len(rows), "top3": hits / len(rows), "harmless": harmless,
            "hazardous_first": hazardous_first, "misses": misses,
            "per_sector": {k: (per[k], total[k]) for k in total}}  # fmt: skip


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv if not a.startswith("--")] or [f for f in FILES if f.exists()]
    for path in files:
        m = measure(path)
        first = len(m["hazardous_first"])
        print(f"{path.name}: {m['phrases']} phrases, top-3 accuracy {m['top3']:.3f}, "
              f"hazardous first for {first} of {m['harmless']} harmless")  # fmt: skip
        print("  " + ", ".join(f"{k} {h}/{n}" for k, (h, n) in m["per_sector"].items()))
        if "--misses" in argv:
            for phrase, expected, got in m["misses"]:
                print(f"  miss {phrase!r}: expected {expected[:3]} got {got}")
            for phrase, code in m["hazardous_first"]:
                print(f"  hazardous first {phrase!r}: {code}")


if __name__ == "__main__":
    main(sys.argv[1:])
