"""Why a park's best-F falls short: false pairs above the cut and true pairs below it, by class.

Usage: ``.venv/bin/python benchmarks/park_failures.py [DIR ...] [--no-mutual] [--parks]
[--list N]`` (default: the seven sets in ``symbiose/matching/evaluation*``).

Each set is one park without locations (``--parks``: each group of organisations within 10 km,
as ``evaluate_parks.py --no-locations``), scored as material × receiving company (as
``evaluate_parks.py --whole --by-company [--mutual]``). A candidate is an (offer, receiving
organisation) pair; its score is the best of the offer's proposed pairs with that
organisation's needs. At the threshold that gives the set its best F1:

* **false positives** (false pairs at or above the cut), by the strongest link of their best
  pair (:func:`link`) and by how many needs the receiving organisation lists;
* **misses** (true pairs below the cut): ``never proposed`` (no feasible pair), else by the
  strongest link, as above.

Then, over all sets together, the precision of every proposed candidate by its link, with its
mean score: a calibrated score ranks the links as their precision does. ``--list N`` prints the
N highest-scoring false pairs and N lowest true pairs of each set.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter, defaultdict
from pathlib import Path

from evaluate_parks import mutual, parks
from links import PARK_LABELS, pair_link_kind

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.metrics import best_f

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = ["evaluation", *(f"evaluation{i}" for i in range(2, 8))]
SHOWN = ("class", "relation", "prior", "bridge", "text", "what")


def link(engine: MatchEngine, m) -> str:
    """The strongest piece of evidence of a proposed pair, most specific first
    (:func:`links.link_kind`, in this tool's labels)."""
    return PARK_LABELS[pair_link_kind(engine, m)]


def candidates(engine: MatchEngine, streams, truth, use_mutual: bool, park=None):
    """``(offer, org) -> (score, is_true, best Match or None, needs the org lists)`` for the
    organisations of ``park`` (None: every organisation)."""
    org = {s.ref: s.org_ref for s in streams}
    if park is not None:
        streams = [s for s in streams if s.org_ref in park]
    needs = [s for s in streams if s.direction == "need"]
    n_needs = Counter(s.org_ref for s in needs)
    pairs, matches = [], {}
    for o in (s for s in streams if s.direction == "offer"):
        got = {m.need_ref: m for m in engine.candidates_for(o.ref, top_n=100_000,
                                                            include_infeasible=False)}  # fmt: skip
        for n in needs:
            if n.org_ref == o.org_ref:
                continue
            m = got.get(n.ref)
            pairs.append(((o.ref, n.ref), m.score if m else 0.0, (o.ref, n.ref) in truth))
            matches[(o.ref, n.ref)] = m
    if use_mutual:
        pairs, _top = mutual(pairs)
    out: dict[tuple[str, str], list] = {}
    for (o, n), score, true in pairs:
        key = (o, org[n])
        old = out.get(key)
        if old is None or score > old[0]:
            out[key] = [score, (old[1] if old else False) or true, matches[(o, n)] if score > 0
                        else None, n_needs[org[n]]]  # fmt: skip
        else:
            old[1] = old[1] or true
    return out


def needs_band(k: int) -> str:
    return "1 need" if k <= 1 else "2-3 needs" if k <= 3 else "4+ needs"


def analyse(directory: Path, use_mutual: bool, listing: int, total: dict,
            by_place: bool = False) -> None:  # fmt: skip
    """Print the failure classes of one set (as one park, or park by park with ``by_place``)."""
    streams, truth = load_evaluation(directory)
    groups = parks(streams, truth, 10.0) if by_place else [None]
    streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
    engine = MatchEngine(streams)
    for park in groups:
        cands = candidates(engine, streams, truth, use_mutual, park)
        name = directory.name + (f" park of {sorted(park)[0]}" if park else "")
        _report(engine, streams, cands, name, listing, total)


def _report(engine, streams, cands, name: str, listing: int, total: dict) -> None:
    title = {s.ref: s.title for s in streams}
    f, at = best_f([(v[0], v[1]) for v in cands.values()])
    fp, miss, fp_needs = Counter(), Counter(), Counter()
    for (_o, _org), (score, true, m, k) in cands.items():
        lk = link(engine, m) if m else "never proposed"
        if score > 0:
            total["proposed"][lk] += 1
            total["true"][lk] += true
            total["score"][lk] += score
        if score >= at and score > 0 and not true:
            fp[lk] += 1
            fp_needs[needs_band(k)] += 1
        elif true and (score < at or score <= 0):
            miss[lk] += 1
    hits = sum(1 for v in cands.values() if v[1] and v[0] >= at and v[0] > 0)
    print(
        f"\n{name}: best-F {f:.3f} at {at:.3f}; true above {hits}, "
        f"false above {sum(fp.values())}, misses {sum(miss.values())}"
    )
    print("  false above the cut, by link:", dict(fp.most_common()))
    print("  false above the cut, by the receiver's needs:", dict(fp_needs.most_common()))
    print("  true below the cut, by link:", dict(miss.most_common()))
    if listing:
        ranked = sorted(cands.items(), key=lambda kv: -kv[1][0])
        false_top = [kv for kv in ranked if not kv[1][1]][:listing]
        true_low = [kv for kv in ranked if kv[1][1] and kv[1][0] < at][:listing]
        for label, rows in (("false", false_top), ("miss", true_low)):
            for (o, org), (score, _t, m, k) in rows:
                c = m.components if m else {}
                comps = " ".join(f"{x}={c.get(x, 0):.2f}" for x in SHOWN)
                lk = link(engine, m) if m else "never proposed"
                need = title[m.need_ref] if m else ""
                print(f"  {label} {score:.3f} [{lk}] {title[o]!r} -> {org} ({k} needs) "
                      f"{need!r} {comps}")  # fmt: skip


def main(argv: list[str]) -> None:
    use_mutual = "--no-mutual" not in argv
    by_place = "--parks" in argv
    listing = 0
    if "--list" in argv:
        i = argv.index("--list")
        listing = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    argv = [a for a in argv if a not in ("--no-mutual", "--parks")]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    total = {"proposed": Counter(), "true": Counter(), "score": defaultdict(float)}
    for d in directories:
        analyse(d, use_mutual, listing, total, by_place)
    print("\nall sets: proposed candidates by link (true / proposed, precision, mean score)")
    for lk, n in total["proposed"].most_common():
        t = total["true"][lk]
        print(f"  {lk:40} {t:4d} / {n:6d}  {100 * t / n:5.1f} %  {total['score'][lk] / n:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
