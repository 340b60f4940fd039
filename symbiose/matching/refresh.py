"""Which stored candidate rows change when some streams change, so that they stay equal to a
full recompute.

A full recompute stores the union of every stream's top N counterparts (``match_all``). Each
stored row says which side put it there: ``by_offer`` (the need is in the offer's top N) and
``by_need`` (the offer is in the need's top N); a row lives while either is true. When the
streams ``S`` change, only these top-N lists can change:

* each changed stream's own list (ranked again);
* the list of every stream ``x`` that had a changed stream in its top N (the changed stream may
  have dropped out, so ``x`` is ranked again: set ``R``);
* the list of every other counterpart ``x`` of a changed stream: a changed stream may now
  enter it. Its list is exact without ranking again: the stored top N plus the changed streams'
  new keys, best N kept (no pair outside the stored list can beat them).

Scores of pairs between unchanged streams do not change, so their rows keep their values and
only their flags move. Ties are ordered as the engine orders them (``engine.ties``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.ties import tiebreak
from symbiose.matching.models import Candidate

CHUNK = 500  # ids per IN (...) query: well inside SQLite's variable limit


@dataclass
class Plan:
    """The rows a refresh writes: deletions, flag updates and new pairs (with their flags)."""

    delete: set[int] = field(default_factory=set)
    update: dict[int, tuple[bool, bool]] = field(default_factory=dict)
    create: dict[tuple[str, str], list[bool]] = field(default_factory=dict)


def chunks(ids: Iterable, size: int = CHUNK):
    """Split ``ids`` into lists of at most ``size``."""
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _order(item: tuple[str, float]) -> tuple[float, int]:
    return (-item[1], tiebreak(item[0]))


class _Rows:
    """Stored rows touched by a refresh, keyed by (offer ref, need ref), with their flags."""

    def __init__(self, refs: dict[int, str]) -> None:
        self.refs = refs
        self.pk: dict[tuple[str, str], int] = {}
        self.rank: dict[tuple[str, str], float] = {}
        self.flags: dict[tuple[str, str], list[bool]] = {}
        self.original: dict[tuple[str, str], tuple[bool, bool]] = {}

    def load(self, query: Q) -> list[tuple[str, str]]:
        fields = ("pk", "offer_id", "need_id", "rank", "by_offer", "by_need")
        out = []
        for pk, o_id, n_id, rank, by_o, by_n in Candidate.objects.filter(query).values_list(
            *fields
        ):
            key = (self.refs.get(o_id, f"#{o_id}"), self.refs.get(n_id, f"#{n_id}"))
            if key not in self.pk:
                self.pk[key], self.rank[key] = pk, rank
                self.flags[key] = [by_o, by_n]
                self.original[key] = (by_o, by_n)
            out.append(key)
        return out

    def flag(self, pair: tuple[str, str], side: int, value: bool) -> None:
        self.flags.setdefault(pair, [False, False])[side] = value


def plan_refresh(engine: MatchEngine, changed: set[int], refs: dict[int, str],
                 top_n: int, *, holding: set[int] | None = None) -> Plan:  # fmt: skip
    """Rows to write after the streams with ids ``changed`` changed (``engine`` is current).

    ``refs`` maps stream ids to refs for every stream in the engine; a changed id missing
    from it was archived or deleted and keeps no pairs. ``holding``, when given, is the set
    of streams whose top N held a changed stream before the change, as a full recompute
    chose them; otherwise it is read from the stored rows' flags. A full recompute's
    catch-up gives it: a refresh pass may have replaced the changed streams' stored rows
    during its store (:func:`symbiose.matching.passes.shown_rows`), so their flags no longer
    say what the recompute chose. Every other stored row must be the one the flags describe.
    """
    ids = {ref: pk for pk, ref in refs.items()}
    plan = Plan()
    rows = _Rows(refs)
    redo: set[int] = set(holding or ()) - changed  # R: had a changed stream in their top N
    for part in chunks(changed):
        old = Candidate.objects.filter(Q(offer_id__in=part) | Q(need_id__in=part))
        for pk, o_id, n_id, by_o, by_n in old.values_list(
            "pk", "offer_id", "need_id", "by_offer", "by_need"
        ):
            plan.delete.add(pk)
            if holding is not None:
                continue
            if o_id not in changed and by_o:
                redo.add(o_id)
            if n_id not in changed and by_n:
                redo.add(n_id)
    new: dict[tuple[str, str], list[bool]] = {}  # pairs with a changed stream: rebuilt
    entrants: dict[str, list[tuple[str, float]]] = {}

    def side_of(ref: str) -> int:
        return 0 if engine.stream(ref).direction == "offer" else 1

    def pair(ref: str, other: str) -> tuple[str, str]:
        return (ref, other) if side_of(ref) == 0 else (other, ref)

    for pk in changed:
        ref = refs.get(pk)
        if ref is None:
            continue
        side = side_of(ref)
        ranked = engine.ranked(ref)
        for k, (other, key) in enumerate(ranked):
            p = pair(ref, other)
            new.setdefault(p, [False, False])[side] = k < top_n
            other_id = ids[other]
            if other_id not in changed and other_id not in redo:
                entrants.setdefault(other, []).append((ref, key))
    # Counterparts a changed stream may enter: stored top N plus the entrants, best N kept.
    wanted = [ids[x] for x in entrants]
    for part in chunks(wanted):
        rows.load(
            (Q(offer_id__in=part) & Q(by_offer=True)) | (Q(need_id__in=part) & Q(by_need=True))
        )
    current: dict[str, list[tuple[str, float]]] = {x: [] for x in entrants}
    gone = {refs.get(pk, f"#{pk}") for pk in changed}  # as ``_Rows`` names them
    for (o, n), (by_o, by_n) in rows.original.items():
        if o in gone or n in gone:
            continue  # a row shown during a store (see ``holding``): deleted above
        if by_o and o in current:
            current[o].append((n, rows.rank[o, n]))
        if by_n and n in current:
            current[n].append((o, rows.rank[o, n]))
    for x, added in entrants.items():
        side = side_of(x)
        best = sorted(current[x] + added, key=_order)[:top_n]
        keep = {other for other, _ in best}
        for other, _ in current[x]:
            if other not in keep:
                rows.flag(pair(x, other), side, False)
        for other, _ in added:
            if other in keep:
                new[pair(x, other)][side] = True
    # Counterparts that lost a changed stream from their top N: rank them again.
    redo_refs = [refs[pk] for pk in redo if pk in refs]
    for part in chunks([ids[r] for r in redo_refs]):
        rows.load(Q(offer_id__in=part) | Q(need_id__in=part))
    mine: dict[str, list[tuple[str, str]]] = {r: [] for r in redo_refs}
    for o, n in rows.flags:
        for x in (o, n):
            if x in mine:
                mine[x].append((o, n))
    for x in redo_refs:
        side = side_of(x)
        top = {pair(x, other) for other, _ in engine.ranked(x)[:top_n]}
        for p in mine[x]:
            if ids.get(p[0]) in changed or ids.get(p[1]) in changed:
                continue
            rows.flag(p, side, p in top)
        for p in top:
            if ids[p[0]] in changed or ids[p[1]] in changed:
                new.setdefault(p, [False, False])[side] = True
            else:
                rows.flag(p, side, True)
    for p, flags in rows.flags.items():
        if ids.get(p[0]) in changed or ids.get(p[1]) in changed:
            continue  # deleted above and rebuilt from ``new``
        if p in rows.pk:
            if not any(flags):
                plan.delete.add(rows.pk[p])
            elif tuple(flags) != rows.original[p]:
                plan.update[rows.pk[p]] = (flags[0], flags[1])
        elif any(flags):
            plan.create[p] = flags
    for p, flags in new.items():
        if any(flags):
            plan.create[p] = flags
    return plan
