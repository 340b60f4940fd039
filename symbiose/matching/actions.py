"""Writes of the matching app: stored candidates, the change log and the pass state.

Candidates are derived data (the engine's output), so these actions write no audit rows. The
worker (:mod:`symbiose.matching.worker`) computes outside any write transaction and stores its
result through ``do_store_*`` in one short transaction each; they run in task workers and batch
commands, never in a web request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
from django.db import transaction
from django.utils import timezone

from symbiose.bulkinsert import bulk_load, insert_many, insert_values, update_values
from symbiose.matching.adapter import TOP_N
from symbiose.matching.models import Candidate, Change, MatchState
from symbiose.matching.passes import CatchUp
from symbiose.matching.refresh import Plan, chunks
from symbiose.matching.rows import COLUMNS, StoredRows
from symbiose.matching.signals import candidates_stored

#: What one batch of a full recompute changes (:func:`symbiose.matching.rows.diff`).
Diff = tuple[Sequence[tuple], Sequence[int], Sequence[tuple[int, int]]]


def do_log_change(*, stream_id: int | None = None, organisation_id: int | None = None) -> Change:
    """Record, inside the writer's transaction, that a stream or organisation changed."""
    return Change.objects.create(stream_id=stream_id, organisation_id=organisation_id)


def _locked_state() -> MatchState:
    MatchState.objects.get_or_create(pk=1)
    return MatchState.objects.defer("vectoriser").select_for_update().get(pk=1)


def _mark_handled(change_ids: Iterable[int], pass_no: int) -> None:
    for part in chunks(change_ids):
        Change.objects.filter(pk__in=part).update(handled_in=pass_no)


@transaction.atomic
def do_store_recompute(
    rows: Callable[[StoredRows], Iterable[Diff]],
    handled: Iterable[int],
    fit: dict,
    fit_id: str,
    *,
    pairs: int = 0,
    before_commit: Callable[[int], CatchUp | None] | None = None,
) -> tuple[MatchState, StoredRows]:
    """Make the stored candidates a full recompute's rows and store its text fit.

    ``rows(stored)`` gives, batch by batch, what differs from the stored rows read inside
    this transaction, as :func:`~symbiose.matching.rows.diff` gives it: the rows to insert
    (tuples in :data:`~symbiose.matching.rows.COLUMNS` order), the ids of stored rows they
    replace, and ``(basis, id)`` of stored rows that say the same with another basis. It
    first marks the pairs it keeps as they are
    (:meth:`~symbiose.matching.rows.StoredRows.reuse`: their rows are never built) and looks
    up the others (:meth:`~symbiose.matching.rows.StoredRows.lookup`), so a forked process
    can build and compare them. Only the difference is written: a pair whose stored row has
    the same digest and flags is left as it is, a pair whose row differs is deleted and
    inserted again, a stored pair neither kept nor among the rows is deleted (most pairs
    survive a recompute; rewriting all of them was most of its database time). A pair whose
    row says the same with another basis (engine code changed, the result did not) keeps its
    row and id; only its basis is written. Returns the new state and the stored rows (for
    counts).

    The rows are written as a bulk load (:func:`~symbiose.bulkinsert.bulk_load`); when fewer
    rows are stored than a quarter of the ``pairs`` the recompute stores (the first
    recompute after an import into an empty table), the table's non-unique indexes are
    dropped and made again at the end, inside this transaction.

    ``before_commit(pass_no)``, called last (indexes in place, the state's row still locked,
    ``pass_no`` this recompute's), plans the refresh of the streams changed since the
    recompute read the registry (:func:`~symbiose.matching.passes.catch_up`); it is written
    in the same transaction, so no reader sees the recompute's older rows for a stream a
    refresh had already stored.
    """
    state = _locked_state()
    state.pass_no += 1
    state.generation += 1
    state.vectoriser, state.fit_id = fit, fit_id
    state.recomputed_at = timezone.now()
    state.recomputed_pass = state.pass_no
    stored = StoredRows.read()
    moved = [np.zeros((0, 2), dtype=np.int64)]  # (basis, id) of rows kept with a new basis
    with bulk_load(Candidate, reindex=4 * len(stored.keys) < pairs):
        for fresh, stale, rebased in rows(stored):
            stored.tally(len(fresh), len(rebased))
            _delete(stale)
            moved.append(np.array(rebased, dtype=np.int64).reshape(-1, 2))
            insert_values(Candidate, COLUMNS, fresh)
        # New bases last and in order of id: SQLite then walks the table's pages in order
        # (about 40 % less CPU than in the order the pairs were ranked).
        both = np.concatenate(moved)
        both = both[np.argsort(both[:, 1], kind="stable")]
        del moved
        update_values(Candidate, "basis", zip(both[:, 0].tolist(), both[:, 1].tolist(),
                                              strict=True))  # fmt: skip
        _delete(stored.unseen())
    extra = before_commit(state.pass_no) if before_commit is not None else None
    if extra is not None:
        _write_plan(extra.plan, extra.rows)
        handled = [*handled, *extra.pending]
    _mark_handled(handled, state.pass_no)
    state.save()  # every field: the fit was deferred
    return state, stored


def _delete(ids: Iterable[int]) -> None:
    for part in chunks(ids):
        Candidate.objects.filter(pk__in=part).delete()


def _write_plan(plan: Plan, rows: Sequence[Mapping[str, object]]) -> None:
    _delete(plan.delete)
    updates = [Candidate(pk=pk, by_offer=o, by_need=n) for pk, (o, n) in plan.update.items()]
    Candidate.objects.bulk_update(updates, ["by_offer", "by_need"], batch_size=500)
    insert_many(Candidate, rows)


@transaction.atomic
def do_store_pass(
    plan: Plan, rows: Sequence[Mapping[str, object]], handled: Iterable[int], *, after: MatchState
) -> int | None:
    """Store one incremental pass planned on top of the state ``after``.

    Returns the new pass number, or ``None`` (writing nothing) when another pass or a full
    recompute committed since ``after`` was read: the caller catches up and plans again.
    """
    state = _locked_state()
    if state.pass_no != after.pass_no or state.fit_id != after.fit_id:
        return None
    _write_plan(plan, rows)
    state.pass_no += 1
    _mark_handled(handled, state.pass_no)
    state.save(update_fields=["pass_no"])
    return state.pass_no


def do_recompute_all(top_n: int = TOP_N) -> int:
    """Refit, recompute and store every stream's candidates; returns how many pairs.

    Sends ``candidates_stored`` (full), so a valuing pass is queued as after a task's.
    """
    from symbiose.matching import worker

    stored = worker.recompute_all(top_n)
    do_prune_changes()
    candidates_stored.send(sender=Candidate, full=True)
    return stored


def do_prune_changes() -> int:
    """Delete the changes handled up to the last full recompute; returns how many.

    No engine replays them again: a full recompute stores a new fit, an engine of another fit
    is rebuilt from the registry (never replayed), and every engine or snapshot of the new fit
    is at the recompute's pass or later, so it replays only later passes. Pending changes and
    those handled after the recompute stay. Run after every full recompute (the task and
    :func:`do_recompute_all`) and by ``symbiose prune_changes``.
    """
    bound = MatchState.current().recomputed_pass
    if not bound:
        return 0
    deleted, _ = Change.objects.filter(handled_in__lte=bound).delete()
    return deleted


def do_refresh_stream(stream_id: int) -> int:
    """Refresh one stream's candidates now (logging it as changed); returns its stored pairs.

    The normal path is the change log and the ``refresh_candidates`` task; this is for
    commands and tests that need the result at once.
    """
    from symbiose.matching import worker

    do_log_change(stream_id=stream_id)
    worker.process_changes()
    candidates_stored.send(sender=Candidate, full=False)
    mine = Candidate.objects.filter(offer_id=stream_id).count()
    return mine + Candidate.objects.filter(need_id=stream_id).count()
