"""What outranks true partners at ranks 2–10: each candidate above a documented partner, by class.

Usage: ``.venv/bin/python benchmarks/outranked.py [DIR ...] [--no-locations] [--list]``
(default: the seven sets in ``symbiose/matching/evaluation*``, pooled with locations, as
``evaluate_pooled.py``).

For every truth query (both sides) whose documented partner the engine ranks 2nd to 10th,
each candidate above it is compared with the partner, and the pair of pairs gets the first
class that applies:

* ``tie``: equal scores;
* ``nearer``: the candidate's "what" is not higher, its distance factor is (a nearer
  candidate with weaker or equal evidence);
* ``what: <component>``: the candidate's "what" is higher, by the first component that is
  (class, relation, prior, ewc, text);
* ``quantity`` / ``season`` / ``temperature`` / ``other``: the same "what", a better fit.

Each class is split by the evidence of both pairs (:func:`evidence_kind`): explicit (a class
both sides name, a use the need names) or from profiles only (an energy bridge, the need's
sector profile, its NACE code, the flow prior). Prints the counts, and with ``--list`` every
case with both pairs' components and the offer's classes (weight and where each was read).
It ranks nothing itself: the engine's ``candidates_for`` order is the one
``evaluate_pooled.py`` measures.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

from evaluate_pooled import pooled

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.metrics import truth_by_query
from symbiose.matching.engine.sectors import sector_score
from symbiose.matching.engine.specificity import named_use_relation

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
SETS = ["evaluation", *(f"evaluation{i}" for i in range(2, 8))]
EPS = 1e-9
SHOWN = ("class", "relation", "prior", "ewc", "text", "what", "distance", "quantity", "season")


def _get(c: dict[str, float], k: str) -> float:
    """Component ``k`` of ``c``, 0 when missing or NaN (no waste code on a side)."""
    v = c.get(k, 0.0)
    return v if v == v else 0.0


def outrank_class(true, top) -> str:
    """Why the candidate ``top`` ranks above the documented partner ``true``."""
    t, o = true.components, top.components
    if abs(top.score - true.score) < EPS:
        return "tie"
    if o["what"] <= t["what"] + EPS and o["distance"] > t["distance"] + EPS:
        return "nearer"
    if o["what"] > t["what"] + EPS:
        for k in ("class", "relation", "prior", "ewc", "text"):
            if _get(o, k) > _get(t, k) + EPS:
                return f"what: {k}"
        return "what: other"
    for k in ("quantity", "season", "temperature"):
        if o.get(k, 1.0) > t.get(k, 1.0) + EPS:
            return k
    return "other"


def evidence_kind(engine: MatchEngine, m) -> str:
    """The pair's evidence as explicit (a class both sides name, a use the need names) or
    not (an energy bridge, the need's sector profile, its NACE code, the flow prior)."""
    t, o, n = engine.table, engine.slots[m.offer_ref], engine.slots[m.need_ref]
    c = m.components
    use = float(named_use_relation(t.uc[o], t.uo[n]))
    if c["class"] >= 0.8 - EPS:
        return "class" + ("+use" if use > 0 else "")
    if use > 0:
        return "use" + ("+class" if c["class"] > 0 else "")
    if c["class"] > 0:
        return "weak class"
    if c.get("bridge", 0.0) > 0:
        return "bridge"
    if (t.sprof[n] > 0).any():
        takes = float(sector_score(t, o, n))
        if takes >= 1.0:
            return "sector main"
        if takes > 0:
            return "sector other"
    if (t.uc[o] & t.un[n]) != 0:
        return "nace"
    return "prior" if c.get("prior", 0.0) > 0 else "wording"


def fmt(m) -> str:
    c = m.components
    parts = [f"{k}={c[k]:.2f}" for k in SHOWN if k in c and c[k] == c[k]]
    km = "?" if m.distance_km is None else f"{m.distance_km:.0f}km"
    return f"score={m.score:.3f} {km} " + " ".join(parts)


def main(argv: list[str]) -> None:
    no_loc, listing = "--no-locations" in argv, "--list" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")] or [ROOT / s for s in SETS]
    streams, truth, _neg, _per = pooled(dirs)
    if no_loc:
        streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
    engine = MatchEngine(streams)
    titles = {s.ref: s.title for s in streams}
    classes, kinds, queries = Counter(), Counter(), Counter()
    rows = []
    for side in ("offer", "need"):
        for q, partners in truth_by_query(truth, side).items():
            ms = engine.candidates_for(q, top_n=10)
            other = [m.need_ref if side == "offer" else m.offer_ref for m in ms]
            ranks = [i for i, r in enumerate(other) if r in partners]
            if not ranks or ranks[0] == 0:
                continue
            true = ms[ranks[0]]
            queries[side] += 1
            tk = evidence_kind(engine, true)
            for top in ms[: ranks[0]]:
                cls = outrank_class(true, top)
                ok = evidence_kind(engine, top)
                classes[(side, cls)] += 1
                kinds[(side, cls, tk, ok)] += 1
                rows.append((side, cls, q, ranks[0] + 1, true, top, tk, ok))
    print(f"true pairs at ranks 2-10: offer side {queries['offer']}, need side {queries['need']}")
    for side in ("offer", "need"):
        print(f"\n{side} side: candidates above a true partner, by class")
        for (s, cls), k in classes.most_common():
            if s == side:
                print(f"  {k:4d}  {cls}")
        print(f"{side} side: by class and link kinds (true <- candidate), 3 or more")
        for (s, cls, tk, ok), k in kinds.most_common():
            if s == side and k >= 3:
                print(f"  {k:4d}  {cls:16} {tk:18} <- {ok}")
    if listing:
        for side, cls, q, rank, true, top, tk, ok in sorted(rows, key=lambda r: r[:3]):
            print(f"\n[{side}] {cls}  {q} '{titles[q]}'  true at {rank}")
            for who, m, kind in (("true", true, tk), ("top ", top, ok)):
                cls = engine.features(m.offer_ref).classes
                read = ",".join(f"{c}:{w:.1f}:{s[:4]}" for c, w, s in cls)
                ref = m.need_ref if side == "offer" else m.offer_ref
                print(f"   {who} {kind:12} {ref} '{titles[ref]}': {fmt(m)}  [{read}]")


if __name__ == "__main__":
    main(sys.argv[1:])
