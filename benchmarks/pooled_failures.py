"""Why queries miss when nothing has a location: the pooled misses by cause, and precision by link.

Usage: ``.venv/bin/python benchmarks/pooled_failures.py [DIR ...] [--list]`` (default: the
first five sets in ``symbiose/matching/evaluation*``).

1. The sets in one registry with every site's position dropped (as ``evaluate_pooled.py
   --no-locations``). For each truth query whose partner is not in the top 5, the first
   candidate's components are compared with the true partner's, and the miss gets the first
   cause that applies: ``never proposed``; ``tie`` (equal scores); ``what: class`` /
   ``relation`` / ``prior`` / ``text`` (the first candidate's "what" is higher, by that
   component); else ``quantity`` / ``season`` / ``other`` (the same "what", a better fit).
   ``--list`` prints every miss with both candidates' components. Also counts which
   counterparts are most often first for a missed query (hub listings).
2. Each set as one park without locations: every proposed cross-company pair by the strongest
   link it has (a class of similarity ≥ 0.8, a named use, a weaker class, an energy bridge
   alone, a sector profile or NACE code, the prior or wording), and how many of them are
   documented exchanges.
3. The same pairs, summed over the sets, by how specific their evidence is: a named use (need
   naming no material) by how many classes the most specific shared use takes
   (``engine/specificity.py``), a shared class by whether it is the same class without
   narrower ones, the same broad material class, a category's own class ("heat" on both
   sides), or a class and its ancestor.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

from evaluate_pooled import pooled
from links import POOLED_LABELS, link_kind, pair_link_kind

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.metrics import truth_by_query
from symbiose.matching.engine.specificity import use_takers
from symbiose.taxonomy.categories import CATEGORIES
from symbiose.taxonomy.materials import ancestors, load_materials

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = ["evaluation", "evaluation2", "evaluation3", "evaluation4", "evaluation5"]
EPS = 1e-9
SHOWN = ("class", "relation", "prior", "bridge", "text", "what", "quantity", "distance")


def cause(true, top) -> str:
    """Why ``top`` (the first candidate) outranks ``true`` (the documented partner)."""
    t, o = true.components, top.components
    if abs(top.score - true.score) < EPS:
        return "tie"
    if o["what"] > t["what"] + EPS:
        for k in ("class", "relation", "prior", "text"):
            if o[k] > t[k] + EPS:
                return f"what: {k}"
        return "what: other"
    for k in ("quantity", "season"):
        if o.get(k, 1.0) > t.get(k, 1.0) + EPS:
            return k
    return "other"


def band(engine: MatchEngine, m) -> str:
    """The strongest link of a proposed pair (:func:`links.link_kind`, in this tool's
    labels)."""
    return POOLED_LABELS[pair_link_kind(engine, m)]


def pooled_misses(directories: list[Path], listing: bool) -> None:
    streams, truth, _neg, _per = pooled(directories)
    streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
    title = {s.ref: s.title for s in streams}
    engine = MatchEngine(streams)
    for side in ("offer", "need"):
        causes, hubs = Counter(), Counter()
        for q, partners in sorted(truth_by_query(truth, side).items()):
            ms = engine.candidates_for(q, top_n=400)
            refs = [m.need_ref if side == "offer" else m.offer_ref for m in ms]
            rank = next((i for i, r in enumerate(refs) if r in partners), None)
            if rank is not None and rank < 5:
                continue
            if rank is None:
                causes["never proposed"] += 1
                continue
            why = cause(ms[rank], ms[0])
            causes[why] += 1
            hubs[title[refs[0]]] += 1
            if listing:
                print(f"{side} {q} {title[q]!r}: {why}, true at {rank + 1}")
                for label, m, r in (("true", ms[rank], refs[rank]), ("first", ms[0], refs[0])):
                    comps = " ".join(f"{k}={m.components.get(k, 0):.2f}" for k in SHOWN)
                    print(f"  {label:5} {m.score:.3f} {title[r]!r} {comps}")
        print(f"{side} side, misses by cause:", dict(causes.most_common()))
        print(f"{side} side, most often first:", hubs.most_common(5))


def precision_by_link(directories: list[Path]) -> None:
    for d in directories:
        streams, truth = load_evaluation(d)
        streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
        engine = MatchEngine(streams)
        org = {s.ref: s.org_ref for s in streams}
        proposed, true = Counter(), Counter()
        for o in (s for s in streams if s.direction == "offer"):
            for m in engine.candidates_for(o.ref, top_n=100_000, include_infeasible=False):
                if org[m.need_ref] != org[o.ref]:
                    b = band(engine, m)
                    proposed[b] += 1
                    true[b] += (o.ref, m.need_ref) in truth
        print(d.name, {b: f"{true[b]}/{n}" for b, n in proposed.most_common()})


def specificity_bucket(engine: MatchEngine, m, inner: set[str], utility: set[str]) -> str | None:
    """The specificity bucket of a proposed pair's strongest link, or None for other links."""
    fo, fn = engine.features(m.offer_ref), engine.features(m.need_ref)
    same = {x for x, _w, _s in fo.classes} & {x for x, _w, _s in fn.classes}
    named = any(src in ("title", "description", "ewc_code") for _c, _w, src in fn.classes)
    kind = link_kind(m.components, bool(same), named)
    if kind == "named use":
        shared = fo.uses_class & fn.uses_text
        if not shared:
            return None
        k = min(use_takers()[u] for u in shared)
        return "named use, takers " + ("1-3" if k <= 3 else "4-8" if k <= 8 else
                                       "9-20" if k <= 20 else "21+")  # fmt: skip
    if kind == "class ancestor":
        return "class and its ancestor"
    if kind == "class same":
        if same <= utility:
            return "same category class (heat, water …)"
        return "same broad class" if same <= inner else "same narrow class"
    return None


def precision_by_specificity(directories: list[Path]) -> None:
    utility = {c.listing_class for c in CATEGORIES if c.listing_class}
    inner = {a for mc in load_materials() for a in ancestors(mc.id)[1:]} - utility
    proposed, true = Counter(), Counter()
    for d in directories:
        streams, truth = load_evaluation(d)
        streams = [dataclasses.replace(x, lat=None, lon=None) for x in streams]
        engine = MatchEngine(streams)
        org = {x.ref: x.org_ref for x in streams}
        for o in (x for x in streams if x.direction == "offer"):
            for m in engine.candidates_for(o.ref, top_n=100_000, include_infeasible=False):
                if org[m.need_ref] != org[o.ref]:
                    b = specificity_bucket(engine, m, inner, utility)
                    if b:
                        proposed[b] += 1
                        true[b] += (o.ref, m.need_ref) in truth
    for b in sorted(proposed):
        print(f"  {b}: {true[b]} / {proposed[b]} ({100 * true[b] / proposed[b]:.1f} %)")


def main(argv: list[str]) -> None:
    listing = "--list" in argv
    argv = [a for a in argv if a != "--list"]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    pooled_misses(directories, listing)
    print("true / proposed by strongest link, each set one park without locations:")
    precision_by_link(directories)
    print("true / proposed by how specific the strongest link is, the sets summed:")
    precision_by_specificity(directories)


if __name__ == "__main__":
    main(sys.argv[1:])
