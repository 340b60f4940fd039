"""Does a threshold on the score separate true from false pairs? Best-F per local "park".

Usage: ``.venv/bin/python benchmarks/evaluate_parks.py [DIR ...] [--km 10] [--whole]
[--by-company] [--no-locations] [--by-country]`` (default: the sets in
``symbiose/matching/evaluation*``; ``--whole``: each set is one park and no site has a
location; ``--by-country``: the organisations of each country are one park, scored without
locations, between a park by place and the whole set; ``--by-company``: score
material × receiving company, as the published park studies do, instead of offer × need;
``--no-locations``: find the parks from the sites, then score them without any location;
``--mutual``: rank the pairs by the mutual confidence of ``engine/mutual.py`` (the score
weighed by the pair's rank among its offer's and its need's proposed pairs in the park), and
give "F feasible" for the cut "in the top 3 of both sides").

recall@k asks whether the true partner is near the top of *one* query's list. A facilitator
looking at a park sees every proposed pair at once, ordered by score, so the score must also
be comparable *across* queries: a true heat pair must not sit below a generic material pair of
another company. The eco-industrial park measure is the best F1 over thresholds on the score
of all (offer, receiving company) pairs inside a park.

A park here is a group of organisations whose sites lie within ``--km`` of each other
(single-link), with at least three organisations and two true pairs inside. Every cross-company
offer-need pair inside it is a candidate; its score is the engine's when the engine proposes
it as feasible (``candidates_for`` of the offer, infeasible pairs excluded), else 0. Truth
pairs are those of ``truth.csv`` inside the park; all other pairs count as false (the sets
document some exchanges of a place, not all, so precision is a lower bound).

With ``--by-company`` a candidate is an (offer, receiving organisation) pair of the park: its
score is the best score of the offer against any of that organisation's needs (0 when none
is proposed, or the organisation lists no need), and it is true when a truth pair sends the
offer to that organisation. The literature's eco-industrial parks are scored this way
(which material goes to which company), so this is the closer stand-in for them.

Prints per set: parks, mean best-F over parks, the pooled best-F over all parks' pairs with
one threshold (is the score calibrated across parks?) and the F1 of "every proposed pair",
which says whether "feasible" alone means something; then, unless ``--whole``, the mean
best-F of all sets' parks by how many organisations a park holds.
"""

from __future__ import annotations

import csv
import dataclasses
import sys
from pathlib import Path

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.evalset import load_evaluation
from symbiose.matching.engine.geo import haversine_km
from symbiose.matching.engine.metrics import best_f
from symbiose.matching.engine.mutual import mutual_confidence, mutual_top

ROOT = Path(__file__).resolve().parent.parent / "symbiose" / "matching"
DEFAULT_SETS = ["evaluation", "evaluation2", "evaluation3", "evaluation4", "evaluation5"]
SIZE_BANDS = ((3, 5), (6, 10), (11, 20), (21, 40), (41, 10_000))


def parks(streams, truth, km: float) -> list[set[str]]:
    """Organisation groups within ``km`` (single link) holding ≥ 3 orgs and ≥ 2 true pairs."""
    sites = {}
    for s in streams:
        if s.lat is not None and s.lon is not None:
            sites[s.org_ref] = (s.lat, s.lon)
    orgs = sorted(sites)
    parent = {o: o for o in orgs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(orgs):
        for b in orgs[i + 1 :]:
            if float(haversine_km(*sites[a], *sites[b])) <= km:
                parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for o in orgs:
        groups.setdefault(find(o), set()).add(o)
    org_of = {s.ref: s.org_ref for s in streams}
    out = []
    for g in groups.values():
        inside = [p for p in truth if org_of[p[0]] in g and org_of[p[1]] in g]
        if len(g) >= 3 and len(inside) >= 2:
            out.append(g)
    return out


def country_parks(directory: Path, streams, truth) -> list[set[str]]:
    """The organisations of each country (``organisations.csv``) as one park, kept when it
    holds ≥ 3 organisations and ≥ 2 true pairs (as :func:`parks`)."""
    with (directory / "organisations.csv").open(encoding="utf-8") as fh:
        country = {r["ref"]: r["country"] for r in csv.DictReader(fh)}
    org_of = {s.ref: s.org_ref for s in streams}
    groups: dict[str, set[str]] = {}
    for o in {s.org_ref for s in streams}:
        groups.setdefault(country.get(o, ""), set()).add(o)
    return [g for g in groups.values() if len(g) >= 3 and sum(
        1 for p in truth if org_of[p[0]] in g and org_of[p[1]] in g) >= 2]  # fmt: skip


def park_scores(engine: MatchEngine, streams, truth, park: set[str]):
    """``(score, is_true)`` for every cross-company offer-need pair of the park."""
    return [(score, true) for _pair, score, true in park_pairs(engine, streams, truth, park)]


def by_company(streams, scored_pairs) -> list[tuple[float, bool]]:
    """Collapse ``((offer, need), score, is_true)`` to one ``(score, is_true)`` per (offer,
    receiving organisation): the best score, true if any of its pairs is."""
    org = {s.ref: s.org_ref for s in streams}
    best: dict[tuple[str, str], tuple[float, bool]] = {}
    for (o, n), score, true in scored_pairs:
        key = (o, org[n])
        old = best.get(key, (0.0, False))
        best[key] = (max(old[0], score), old[1] or true)
    return list(best.values())


def park_pairs(engine: MatchEngine, streams, truth, park: set[str]):
    """``((offer, need), score, is_true)`` for every cross-company offer-need pair of the
    park (an organisation listing no need would only add false pairs scoring 0, which no
    threshold proposes, so they are left out)."""
    offers = [s for s in streams if s.direction == "offer" and s.org_ref in park]
    needs = [s for s in streams if s.direction == "need" and s.org_ref in park]
    need_refs = {s.ref for s in needs}
    out = []
    for o in offers:
        got = {m.need_ref: m.score
               for m in engine.candidates_for(o.ref, top_n=10_000, include_infeasible=False)
               if m.need_ref in need_refs}  # fmt: skip
        out += [((o.ref, n.ref), got.get(n.ref, 0.0), (o.ref, n.ref) in truth)
                for n in needs if n.org_ref != o.org_ref]  # fmt: skip
    return out


def mutual(scored_pairs, k: int = 3):
    """The park's pairs scored by :func:`~symbiose.matching.engine.mutual.mutual_confidence`
    (ranks among the park's proposed pairs), and the same pairs kept only when they are in the
    top ``k`` of both sides (:func:`~symbiose.matching.engine.mutual.mutual_top`, else 0)."""
    shown = [(i, p) for i, p in enumerate(scored_pairs) if p[1] > 0]
    conf, top = [p[1] for p in scored_pairs], [p[1] for p in scored_pairs]
    if shown:
        args = ([p[0][0] for _i, p in shown], [p[0][1] for _i, p in shown],
                [p[1] for _i, p in shown])  # fmt: skip
        for (i, _p), c, t in zip(shown, mutual_confidence(*args), mutual_top(*args, k=k),
                                 strict=True):  # fmt: skip
            conf[i], top[i] = float(c), conf[i] if t else 0.0
    return ([(p[0], c, p[2]) for p, c in zip(scored_pairs, conf, strict=True)],
            [(p[0], c, p[2]) for p, c in zip(scored_pairs, top, strict=True)])  # fmt: skip


def evaluate(directory: Path, km: float, whole: bool = False, company: bool = False,
             no_locations: bool = False, use_mutual: bool = False,
             by_country: bool = False) -> dict:  # fmt: skip
    """Park count, mean best-F, pooled best-F and F1 of all proposed pairs for one set.

    ``whole``: the whole set is one park and no site has a location (as in a library of
    exchanges that gives no places): the harshest test of the score's calibration.
    ``no_locations``: the parks are found from the sites (within ``km``), then every site's
    position is dropped before scoring, as in a park described by the literature (which
    companies, which materials, no coordinates).
    ``use_mutual``: best-F on the mutual confidence instead of the score, and "F feasible" of
    the pairs in the top 3 of both sides instead of every proposed pair.
    ``by_country``: each country's organisations are one park, scored without locations.
    """
    streams, truth = load_evaluation(directory)
    groups = None if whole else parks(streams, truth, km)
    if by_country:
        groups, no_locations = country_parks(directory, streams, truth), True
    if whole or no_locations:
        streams = [dataclasses.replace(s, lat=None, lon=None) for s in streams]
    engine = MatchEngine(streams)
    per_park, pooled, sizes = [], [], []
    groups = [{s.org_ref for s in streams}] if whole else groups
    cut = []
    for park in groups:
        pairs = park_pairs(engine, streams, truth, park)
        kept = pairs
        if use_mutual:
            pairs, kept = mutual(pairs)
        if company:
            scored, kept = by_company(streams, pairs), by_company(streams, kept)
        else:
            scored, kept = [p[1:] for p in pairs], [p[1:] for p in kept]
        per_park.append(best_f(scored)[0])
        sizes.append(len(park))
        pooled += scored
        cut += kept
    proposed = sum(1 for s, _t in cut if s > 0)
    tp = sum(1 for s, t in cut if s > 0 and t)
    total = sum(1 for _s, t in pooled if t)
    f_feasible = 2 * tp / (proposed + total) if proposed + total else 0.0
    f_pool, at = best_f(pooled)
    return {"parks": len(per_park), "mean_best_f": sum(per_park) / max(len(per_park), 1),
            "pooled_best_f": f_pool, "threshold": at, "f_feasible": f_feasible,
            "pairs": len(pooled), "true": total, "proposed": proposed,
            "by_park": list(zip(sizes, per_park, strict=True))}  # fmt: skip


def main(argv: list[str]) -> None:
    km = 10.0
    if "--km" in argv:
        i = argv.index("--km")
        km = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    whole = "--whole" in argv
    company = "--by-company" in argv
    no_locations = "--no-locations" in argv
    use_mutual = "--mutual" in argv
    by_country = "--by-country" in argv
    flags = ("--whole", "--by-company", "--no-locations", "--mutual", "--by-country")
    argv = [a for a in argv if a not in flags]
    directories = [Path(a) for a in argv] or [ROOT / s for s in DEFAULT_SETS]
    what = "each set one park, no locations" if whole else f"organisations within {km:g} km"
    what = "each country one park, no locations" if by_country and not whole else what
    what += "; scored without locations" if no_locations and not whole else ""
    what += "; mutual confidence, F of the top 3 of both sides" if use_mutual else ""
    what += "; material x receiving company" if company else ""
    print(f"parks: {what}; best F1 over score thresholds")
    print(f"{'set':12} {'parks':>5} {'pairs':>6} {'true':>5} {'proposed':>8} "
          f"{'mean bestF':>10} {'pooled bestF':>12} {'at':>6} {'F feasible':>10}")  # fmt: skip
    by_park = []
    for d in directories:
        r = evaluate(d, km, whole, company, no_locations, use_mutual, by_country)
        print(f"{d.name:12} {r['parks']:5d} {r['pairs']:6d} {r['true']:5d} {r['proposed']:8d} "
              f"{r['mean_best_f']:10.3f} {r['pooled_best_f']:12.3f} {r['threshold']:6.3f} "
              f"{r['f_feasible']:10.3f}")  # fmt: skip
        by_park += r["by_park"]
    if not whole:  # does best-F fall with a park's size?
        print("all sets, mean best-F by organisations in the park:")
        for lo, hi in SIZE_BANDS:
            fs = [f for n, f in by_park if lo <= n <= hi]
            if fs:
                print(f"  {lo}-{hi}: {len(fs)} parks, mean best-F {sum(fs) / len(fs):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
