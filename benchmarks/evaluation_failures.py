"""Sort the engine's misses on an evaluation set into classes of problem, and check negatives.

Usage: ``.venv/bin/python benchmarks/evaluation_failures.py [DIR] [--list]``

A *miss* is a truth query (an offer or a need of a true pair) whose true partner is not among
the engine's top 5. Each miss gets one status and one cause:

status
    ``never proposed`` (the pair is not ranked at all: blocked, or its "what" score is under the
    engine's floor), ``infeasible`` (ranked, but judged infeasible), ``ranked 6+`` (feasible,
    outranked).
cause (first rule that applies, numbered as the classes in issue 12)
    5 energy bridge: a fuel or material offered to a heat/cold need (or the reverse);
    1 unknown material: the engine finds no material class in the offer;
    3 need not understood: the need has no class and no use from its words;
    7 utilities tie: heat, cold, water or gas on both sides, outranked by other utilities;
    2 no use link: both sides understood, but no shared class or use relates them;
    4 blocked: both sides understood and related, yet never proposed;
    8 outranked by weaker matches: feasible, and its "what" score is at least as good as the
    candidates above it (distance, quantity or time decided);
    6 outranked by false friends: candidates above it look more alike than the true partner.

The negative controls (``negatives.csv``: pairs that must not be proposed as feasible) are
checked separately: a control fails when the engine ranks the pair feasible in either
direction's top 10. The engine never sees ``truth.csv`` or ``negatives.csv``.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import EVALUATION_DIR, load_evaluation
from symbiose.matching.engine.metrics import truth_by_query

UTILITIES = {"heat", "cold", "water", "gas"}
CAUSES = {
    "5": "energy bridge missing (fuel/material to a heat or cold need)",
    "1": "unknown material (offer has no class)",
    "3": "need not understood (no class, no use from its words)",
    "7": "utilities tie (outranked by other utilities)",
    "2": "known material, no class or use link",
    "4": "blocked although related",
    "8": "outranked by weaker matches (distance, quantity, time)",
    "6": "outranked by false friends (stronger-looking wrong matches)",
}


def _partner(match, side: str) -> str:
    return match.need_ref if side == "offer" else match.offer_ref


def classify(engine: MatchEngine, side: str, query: str, partners: set[str]) -> dict | None:
    """Status and cause of one truth query, or None when a true partner is in the top 5."""
    top = [_partner(m, side) for m in engine.candidates_for(query, top_n=5)]
    if partners & set(top):
        return None
    ranked = engine.candidates_for(query, top_n=100_000)
    refs = [_partner(m, side) for m in ranked]
    positions = [refs.index(p) for p in partners if p in refs]
    partner = refs[min(positions)] if positions else sorted(partners)[0]
    match = ranked[min(positions)] if positions else None
    offer, need = (query, partner) if side == "offer" else (partner, query)
    o, n = engine.stream(offer), engine.stream(need)
    fo, fn = engine.features(offer), engine.features(need)
    if match is None:
        status = "never proposed"
    elif not match.feasible:
        status = "infeasible"
    else:
        status = "ranked 6+"
    comp = match.components if match else {}
    linked = bool(comp.get("class", 0) > 0 or comp.get("relation", 0) > 0)
    if (o.category in ("material", "gas")) != (n.category in ("material", "gas")) or (
        {o.category, n.category} == {"heat", "cold"}
    ):
        cause = "5"
    elif not fo.classes and o.category == "material":
        cause = "1"
    elif not fn.classes and not fn.uses_text:
        cause = "3"
    elif status == "ranked 6+" and o.category in UTILITIES and n.category in UTILITIES:
        cause = "7"
    elif not linked:
        cause = "2"
    elif status == "never proposed":
        cause = "4"
    else:
        above = ranked[: min(positions)]
        what = comp.get("what", 0.0)
        cause = "8" if all(what >= m.components.get("what", 0.0) for m in above) else "6"
    return {"side": side, "query": query, "partner": partner, "status": status,
            "cause": cause, "rank": min(positions) + 1 if positions else None}  # fmt: skip


def failures(directory: Path) -> list[dict]:
    """Every miss of the engine on the set in ``directory``."""
    streams, truth = load_evaluation(directory)
    engine = MatchEngine(streams)
    out = []
    for side in ("offer", "need"):
        for query, partners in truth_by_query(truth, side).items():
            found = classify(engine, side, query, set(partners))
            if found:
                out.append(found)
    return out


def negative_failures(directory: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """Number of negative controls and those the engine proposes as feasible (top 10)."""
    path = Path(directory) / "negatives.csv"
    if not path.exists():
        return 0, []
    streams, _truth = load_evaluation(directory)
    engine = MatchEngine(streams)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    failed = []
    for row in rows:
        offer, need = row["offer_ref"], row["need_ref"]
        hit = [m for m in engine.candidates_for(offer, top_n=10) if m.need_ref == need]
        hit += [m for m in engine.candidates_for(need, top_n=10) if m.offer_ref == offer]
        if any(m.feasible for m in hit):
            failed.append((offer, need, row["reason"]))
    return len(rows), failed


def breakdown(directory: Path, misses: list[dict], column: str) -> dict[str, tuple[int, int]]:
    """Per value of a ``truth.csv`` column: (true pairs, pairs found in both sides' top 5)."""
    path = Path(directory) / "truth.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or column not in rows[0]:
        return {}
    missed = {(m["side"], m["query"]) for m in misses}
    out: dict[str, list[int]] = {}
    for r in rows:
        both = ("offer", r["offer_ref"]) not in missed and ("need", r["need_ref"]) not in missed
        acc = out.setdefault(r[column], [0, 0])
        acc[0] += 1
        acc[1] += both
    return {k: (v[0], v[1]) for k, v in sorted(out.items(), key=lambda kv: -kv[1][0])}


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    directory = Path(args[0]) if args else EVALUATION_DIR
    misses = failures(directory)
    print(f"{len(misses)} misses (truth queries without their partner in the top 5)")
    status = Counter(m["status"] for m in misses)
    print("status: " + ", ".join(f"{k} {v}" for k, v in status.most_common()))
    causes = Counter(m["cause"] for m in misses)
    print(f"{'class':5} {'misses':>6} {'never':>6} {'infeas':>6}  description")
    for key, label in CAUSES.items():
        rows = [m for m in misses if m["cause"] == key]
        never = sum(m["status"] == "never proposed" for m in rows)
        infeasible = sum(m["status"] == "infeasible" for m in rows)
        print(f"{key:5} {causes.get(key, 0):6d} {never:6d} {infeasible:6d}  {label}")
    for column in ("need_phrasing", "sector", "evidence"):
        parts = breakdown(directory, misses, column)
        if parts:
            print(f"found from both sides by {column}: "
                  + ", ".join(f"{k} {f}/{n}" for k, (n, f) in parts.items()))  # fmt: skip
    total, failed = negative_failures(directory)
    if total:
        print(f"negative controls: {total - len(failed)} of {total} pass")
        for offer, need, reason in failed:
            print(f"  FAIL {offer} -> {need}: {reason}")
    if "--list" in argv:
        for m in misses:
            print(f"{m['cause']} {m['status']:14} {m['side']:5} {m['query']} -> {m['partner']} "
                  f"rank {m['rank']}")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
