"""What a refresh pass and a full recompute's catch-up share: reading the change log into the
streams it names, bringing an engine up to them and planning the rows to write.

A full recompute reads the registry once at its start and then takes a minute or two at
100 000 streams. Streams saved meanwhile are refreshed by another worker (the refresh queue,
:mod:`symbiose.matching.tasks`), whose rows the recompute would then overwrite with what it
computed before the save. So the recompute catches up at the end of its store, in the
transaction that ends it (:func:`catch_up`): it applies every change pending or handled by
another pass since it started to its engine and writes the refresh those streams need on top
of its own rows.

While it stores, a refresh pass does not wait for it: it writes the changed streams' own
pairs at once (:func:`shown_rows`, :func:`~symbiose.matching.actions.do_show_in_store`) and
marks their changes :data:`~symbiose.matching.state_models.SHOWN_IN_STORE`. From then on the
store leaves every pair of those streams alone (:class:`Shown`), and its catch-up rebuilds
them exactly, taking which streams had them in their top N from its own choice
(:class:`Chosen`), not from the shown rows' flags.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q

from symbiose.matching import rows as rows_mod
from symbiose.matching.adapter import stream_input
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.topn import Selection
from symbiose.matching.models import Change
from symbiose.matching.refresh import Plan, chunks, plan_refresh
from symbiose.matching.state_models import SHOWN_IN_STORE
from symbiose.registry.models import Stream


@dataclass
class CatchUp:
    """What a full recompute writes on top of its rows for the streams changed meanwhile."""

    plan: Plan
    rows: list[dict[str, object]]
    #: Changes still pending or shown during the store: the recompute's pass handles them.
    pending: list[int]
    #: How many streams were refreshed.
    streams: int
    #: The changes shown during the store when it was planned (:func:`shown_changes`): the
    #: plan holds only while no other refresh pass has shown one since.
    shown: frozenset[int] = frozenset()


@dataclass
class Chosen:
    """The pairs a full recompute chose, by stream id, with their top-N flags (about 18
    bytes a pair): which streams' top N held a given stream, whatever is stored."""

    offer: np.ndarray
    need: np.ndarray
    by_offer: np.ndarray
    by_need: np.ndarray

    @classmethod
    def of(cls, selection: Selection, pk_of: np.ndarray) -> Chosen:
        """From a selection whose parts are all still there; ``pk_of`` maps slot to id."""
        parts = [p for p in selection.parts if p is not None]
        if len(parts) != len(selection.parts):
            raise ValueError("a part of the selection was already built and dropped")
        empty = np.zeros(0, dtype=np.int64)
        offer = np.concatenate([pk_of[o] for o, _, _ in parts] or [empty])
        need = np.concatenate([pk_of[n] for _, n, _ in parts] or [empty])
        return cls(offer, need, np.asarray(selection.by_offer, dtype=bool),
                   np.asarray(selection.by_need, dtype=bool))  # fmt: skip

    def holding(self, streams: set[int]) -> set[int]:
        """The other streams whose chosen top N held one of ``streams``."""
        ids = np.fromiter(streams, dtype=np.int64, count=len(streams))
        needs = self.need[np.isin(self.offer, ids) & self.by_need]
        offers = self.offer[np.isin(self.need, ids) & self.by_offer]
        return (set(needs.tolist()) | set(offers.tolist())) - streams


@dataclass
class Shown:
    """The streams refresh passes have shown during a store (their changes marked
    :data:`~symbiose.matching.state_models.SHOWN_IN_STORE`), read again in each of the
    store's transactions: the store writes no row of theirs."""

    streams: set[int] = field(default_factory=set)
    seen: set[int] = field(default_factory=set)

    def without(self, rows: list[tuple]) -> list[tuple]:
        """``rows`` (offer id and need id first) but those of a shown stream."""
        shown = Change.objects.filter(handled_in=SHOWN_IN_STORE)
        found = shown.values_list("pk", "stream_id", "organisation_id")
        new = [r for r in found if r[0] not in self.seen]
        if new:
            self.seen |= {r[0] for r in new}
            self.streams |= streams_of([(r[1], r[2]) for r in new])
        if not self.streams:
            return rows
        return [r for r in rows if r[0] not in self.streams and r[1] not in self.streams]


def shown_changes() -> frozenset[int]:
    """Ids of the changes shown during a store (see :class:`Shown`)."""
    return frozenset(Change.objects.filter(handled_in=SHOWN_IN_STORE).values_list("pk", flat=True))


def streams_of(changes: list[tuple[int | None, int | None]]) -> set[int]:
    """Ids of the streams that ``(stream_id, organisation_id)`` changes name: the stream,
    or every stream of the organisation."""
    ids = {s for s, _ in changes if s is not None}
    orgs = {o for _, o in changes if o is not None}
    for part in chunks(orgs):
        ids |= set(Stream.objects.filter(organisation_id__in=part).values_list("pk", flat=True))
    return ids


def apply(engine: MatchEngine, refs: dict[int, str], stream_ids: set[int]) -> None:
    """Load these streams again and add, replace or remove them in ``engine``; ``refs``
    (stream id → ref of the streams in the engine) is kept in step."""
    for part in chunks(stream_ids):
        found = {s.pk: s for s in Stream.objects.select_related("organisation").filter(pk__in=part)}
        for pk in part:
            s = found.get(pk)
            old = refs.pop(pk, None)
            if old is not None and old in engine.slots:
                engine.remove(old)
            if s is not None and s.archived_at is None:
                engine.add_or_update(stream_input(s))
                refs[pk] = s.ref


def new_rows(engine: MatchEngine, refs: dict[int, str], plan: Plan) -> list[dict[str, object]]:
    """The candidate rows of the pairs ``plan`` creates, built by ``engine``."""
    ids = {ref: pk for pk, ref in refs.items()}
    matches, basis = engine.pairs(list(plan.create), salt=rows_mod.code_salt())
    return [rows_mod.row(m, ids, plan.create[m.offer_ref, m.need_ref], b)
            for m, b in zip(matches, basis.tolist(), strict=True)]  # fmt: skip


def shown_rows(engine: MatchEngine, refs: dict[int, str], changed: set[int],
               top_n: int) -> list[dict[str, object]]:  # fmt: skip
    """The rows a refresh pass writes during a full recompute's store: every pair of the
    ``changed`` streams as :func:`~symbiose.matching.refresh.plan_refresh` plans them on
    the rows stored now, and nothing else.

    Those rows are part the recompute's, part older, so the plan is what a user sees at
    once, not yet the exact result: the flags other streams' rows would take are left to
    the recompute's catch-up, which rebuilds these pairs too (:func:`catch_up`).
    """
    ids = {ref: pk for pk, ref in refs.items()}
    plan = plan_refresh(engine, changed, dict(refs), top_n)
    plan.create = {p: flags for p, flags in plan.create.items()
                   if ids.get(p[0]) in changed or ids.get(p[1]) in changed}  # fmt: skip
    return new_rows(engine, refs, plan)


#: What :func:`to_show` gives: streams, their rows, the changes shown.
ToShow = tuple[set[int], list[dict[str, object]], list[int]]


def to_show(engine: MatchEngine, refs: dict[int, str], pass_no: int, top_n: int,
            applied: set[int] | None = None) -> ToShow:  # fmt: skip
    """What a refresh pass writes during a full recompute's store: the ids of the streams
    the pending changes name, their rows (:func:`shown_rows`) and the changes' ids.

    ``engine`` (at pass ``pass_no``, kept in step with ``refs``) is first brought up to
    every change pending, shown or handled since, but those in ``applied`` (ids of the
    changes an earlier show of this store already applied to it; the new ones are added).
    Applying every shown change again at each show made a show's cost grow with the
    saves made during the store."""
    found = list(
        Change.objects.filter(Q(handled_in__isnull=True) | Q(handled_in=SHOWN_IN_STORE)
                              | Q(handled_in__gt=pass_no))
        .values_list("pk", "stream_id", "organisation_id", "handled_in")
    )  # fmt: skip
    fresh = found if applied is None else [r for r in found if r[0] not in applied]
    apply(engine, refs, streams_of([(r[1], r[2]) for r in fresh]))
    if applied is not None:
        applied |= {r[0] for r in fresh}
    pending = [r for r in found if r[3] is None]
    changed = streams_of([(r[1], r[2]) for r in pending])
    return changed, shown_rows(engine, refs, changed, top_n), [r[0] for r in pending]


def catch_up(engine: MatchEngine, refs: dict[int, str], since: int, top_n: int,
             chosen: Chosen | None = None) -> CatchUp:  # fmt: skip
    """Bring a full recompute's ``engine`` (and ``refs``) up to the changes made since it
    read the registry, and plan their refresh on top of its stored rows (an empty plan
    when there are none).

    Called while the recompute holds the store, after its rows are written, with
    ``since`` the pass number it started from: the changes still pending, those shown
    during the store, and those another pass handled before the store began (whose rows
    the recompute has just overwritten). A change the recompute's read already saw is
    applied again, which gives the same rows. A change committed after this read stays
    pending for the next pass. ``chosen`` (the recompute's own pairs) says which streams
    held a changed stream in their top N: the stored rows of a shown stream are the
    refresh pass's, not the recompute's.
    """
    found = list(
        Change.objects.filter(Q(handled_in__isnull=True) | Q(handled_in=SHOWN_IN_STORE)
                              | Q(handled_in__gt=since))
        .values_list("pk", "stream_id", "organisation_id", "handled_in")
    )  # fmt: skip
    shown = frozenset(r[0] for r in found if r[3] == SHOWN_IN_STORE)
    if not found:
        return CatchUp(Plan(), [], [], 0, shown)
    changed = streams_of([(r[1], r[2]) for r in found])
    holding = chosen.holding(changed) if chosen is not None else None
    apply(engine, refs, changed)
    plan = plan_refresh(engine, changed, dict(refs), top_n, holding=holding)
    pending = [r[0] for r in found if r[3] is None or r[3] == SHOWN_IN_STORE]
    return CatchUp(plan, new_rows(engine, refs, plan), pending, len(changed), shown)


#: How many times a full recompute plans its catch-up while the store is still open, when a
#: refresh pass showed a stream during the planning (bounded: saves every few seconds must
#: not keep it planning for ever).
OPEN_PLANS = 3


def plan_open(before_commit: Callable[[int], CatchUp | None] | None, pass_no: int,
               step: Callable[[], object]):  # noqa: ANN202  # fmt: skip
    """Plan the catch-up while the store is open, so refresh passes go on showing saved
    streams meanwhile (seconds at 100 000 streams; a save sent then used to wait for it).
    Planned again when a stream was shown during the planning, at most :data:`OPEN_PLANS`
    times. The store then closes only for a check and its last transaction, and plans again
    after the close only when a stream was shown in between (then nothing can be shown).
    Each plan is followed by an empty ``step()`` transaction, which renews the store's
    lease: plans on a starved host took minutes, and others took the store for abandoned."""
    extra = None
    for _ in range(OPEN_PLANS if before_commit is not None else 0):
        extra = before_commit(pass_no)
        with step():
            pass
        if extra is None or shown_changes() == extra.shown:
            break
    return extra
