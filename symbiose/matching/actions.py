"""Writes of the matching app: stored candidates, the change log and the pass state.

Candidates are derived data (the engine's output), so these actions write no audit rows. The
worker (:mod:`symbiose.matching.worker`) computes outside any write transaction and stores its
result through ``do_store_*`` in one short transaction each; they run in task workers and batch
commands, never in a web request.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from symbiose.bulkinsert import bulk_load, insert_many, insert_values, update_values
from symbiose.matching.adapter import TOP_N
from symbiose.matching.models import Candidate, Change, MatchState
from symbiose.matching.passes import CatchUp, Shown, plan_open, shown_changes
from symbiose.matching.refresh import Plan, chunks
from symbiose.matching.rows import COLUMNS, StoredRows, keys
from symbiose.matching.signals import candidates_stored
from symbiose.matching.state_models import SHOWN_IN_STORE
from symbiose.registry.models import Stream

log = logging.getLogger(__name__)
#: What one batch of a full recompute changes (:func:`symbiose.matching.rows.diff`).
Diff = tuple[Sequence[tuple], Sequence[int], Sequence[tuple[int, int]]]


def do_log_change(*, stream_id: int | None = None, organisation_id: int | None = None) -> Change:
    """Record, inside the writer's transaction, that a stream or organisation changed."""
    return Change.objects.create(stream_id=stream_id, organisation_id=organisation_id)


def _locked_state() -> MatchState:
    """The state row, locked, without the fit (0.5 MB of JSON at 20 000 streams: 10 ms)."""
    state = MatchState.objects.defer("vectoriser")
    state.get_or_create(pk=1)
    return state.select_for_update().get(pk=1)


def _mark_handled(change_ids: Iterable[int], pass_no: int) -> None:
    for part in chunks(change_ids):
        Change.objects.filter(pk__in=part).update(handled_in=pass_no)


#: Rows one write transaction of a full recompute's store stage writes at most. On SQLite a
#: transaction holds the one write lock, so a web save waits for at most one of these
#: (milliseconds), never for the whole store stage (a minute or more at 100 000 streams).
STORE_ROWS = 2000
#: Seconds between looks at the state while another recompute stores its rows.
STORE_POLL = 0.5


class StoreLost(RuntimeError):
    """Another recompute took this one's store over (it was silent for ``STORE_LEASE``)."""


@dataclass
class StoreSteps:
    """The write transactions of one store stage: how many, and the most rows one wrote."""

    count: int = 0
    largest: int = 0

    def add(self, rows: int) -> None:
        self.count += 1
        self.largest = max(self.largest, rows)


def do_begin_store(token: str) -> bool:
    """Claim the stored candidates for the recompute ``token``; False while another one is
    storing (an abandoned store is taken over)."""
    with transaction.atomic():
        state = _locked_state()
        if state.store() == "storing":
            return False
        state.storing, state.storing_seen, state.storing_closed = token, timezone.now(), False
        state.save(update_fields=["storing", "storing_seen", "storing_closed"])
    return True


def do_abandon_store(token: str) -> None:
    """Mark the recompute ``token``'s store as stopped half-way (the next pass recomputes).

    A failure here is logged, not raised: the caller is already failing, and a store left
    marked as storing is taken for abandoned after ``STORE_LEASE`` anyway."""
    try:
        with transaction.atomic():
            MatchState.objects.filter(pk=1, storing=token).update(storing_seen=None)
    except Exception:  # noqa: BLE001 - e.g. the connection is gone
        log.warning("could not mark the candidate store %s as stopped", token, exc_info=True)


@contextmanager
def _step(token: str, steps: StoreSteps) -> Iterator[list[int]]:
    """One short write transaction of the store ``token``; the caller adds the rows it
    writes to the yielded counter. Raises :class:`StoreLost` when the store was taken over."""
    written = [0]
    with transaction.atomic():
        state = _locked_state()
        if state.storing != token:
            raise StoreLost(f"the candidate store {token} was taken over by {state.storing!r}")
        yield written
        MatchState.objects.filter(pk=1, storing=token).update(storing_seen=timezone.now())
    steps.add(written[0])


def _pieces(stored: StoredRows, fresh: Sequence[tuple], stale: Sequence[int]) -> Iterator[Diff]:
    """``(fresh, stale, [])`` in parts of at most :data:`STORE_ROWS` rows written; the stored
    row a fresh row replaces (same pair) is deleted in the same part (so a part then has half
    as many fresh rows): a reader sees the pair's old row or its new one, never both."""
    if len(fresh) + len(stale) <= STORE_ROWS:
        yield fresh, stale, []
        return
    if not stale:
        for start in range(0, len(fresh), STORE_ROWS):
            yield fresh[start : start + STORE_ROWS], [], []
        return
    given = 0
    for start in range(0, len(fresh), STORE_ROWS // 2):
        part = fresh[start : start + STORE_ROWS // 2]
        found = stored.lookup(keys(part))
        replaced = found.ids[found.found].tolist()
        given += len(replaced)
        yield part, replaced, []
    if given != len(stale):  # every stale row is a fresh row's pair (rows.diff)
        raise AssertionError(f"{len(stale)} stale rows, {given} replaced by fresh ones")


def do_store_recompute(
    rows: Callable[[StoredRows], Iterable[Diff]],
    handled: Iterable[int],
    fit: dict,
    fit_id: str,
    *,
    pairs: int = 0,
    before_commit: Callable[[int], CatchUp | None] | None = None,
    steps: StoreSteps | None = None,
) -> tuple[MatchState, StoredRows]:
    """Make the stored candidates a full recompute's rows and store its text fit, in short
    write transactions of at most :data:`STORE_ROWS` rows each.

    ``rows(stored)`` gives, batch by batch, what differs from the stored rows read when the
    store began, as :func:`~symbiose.matching.rows.diff` gives it: the rows to insert
    (tuples in :data:`~symbiose.matching.rows.COLUMNS` order), the ids of stored rows they
    replace, and ``(basis, id)`` of stored rows that say the same with another basis. It
    first marks the pairs it keeps as they are
    (:meth:`~symbiose.matching.rows.StoredRows.reuse`: their rows are never built) and looks
    up the others (:meth:`~symbiose.matching.rows.StoredRows.lookup`), so a forked process
    can build and compare them. Only the difference is written: a pair whose stored row has
    the same digest and flags is left as it is, a pair whose row differs is deleted and
    inserted again (in one transaction), a stored pair neither kept nor among the rows is
    deleted (most pairs survive a recompute; rewriting all of them was most of its database
    time). A pair whose row says the same with another basis (engine code changed, the
    result did not) keeps its row and id; only its basis is written. Returns the new state
    and the stored rows (for counts); ``steps`` counts the write transactions.

    The store first claims the candidates (:func:`do_begin_store`, waiting while another
    recompute stores): while claimed, no ordinary refresh pass writes (see
    :func:`do_store_pass`); a refresh pass may only replace the pairs of the streams it
    shows (:func:`do_show_in_store`), which every later transaction of the store leaves
    alone (:class:`~symbiose.matching.passes.Shown`). Readers see
    each pair's old or new row until the end (see docs/architecture.md, "Storing a full
    recompute"). Rows are written as a bulk load
    (:func:`~symbiose.bulkinsert.bulk_load`: no per-row checks on SQLite).

    ``before_commit(pass_no)``, called once every row is written (``pass_no`` this
    recompute's), plans the refresh of the streams changed since the recompute read the
    registry (:func:`~symbiose.matching.passes.catch_up`); it is written in the last
    transaction with the new state, which releases the claim, so no reader sees the
    recompute's older rows for a stream a refresh had already stored once it is done.
    The catch-up is planned while refresh passes still show streams (:func:`plan_open`);
    then the store is closed (``MatchState.storing_closed``: refresh passes wait) for a
    check that nothing was shown since the plan and the last transaction; only a stream
    shown in that instant makes it plan again, closed, so it sees every shown stream. On
    any error or interruption the store is marked abandoned (:func:`do_abandon_store`):
    its rows are half written, so the next pass is a full recompute.
    """
    steps = steps if steps is not None else StoreSteps()
    token = uuid.uuid4().hex
    while not do_begin_store(token):
        time.sleep(STORE_POLL)  # another recompute is storing: ours starts from its rows
    try:
        return _store(token, steps, rows, handled, fit, fit_id, before_commit)
    except BaseException:
        do_abandon_store(token)
        raise


def _store(token, steps, rows, handled, fit, fit_id, before_commit):  # noqa: ANN001, ANN202
    """:func:`do_store_recompute` once the store is claimed."""
    stored = StoredRows.read()
    moved = [np.zeros((0, 2), dtype=np.int64)]  # (basis, id) of rows kept with a new basis
    shown = Shown()  # streams a refresh pass has shown meanwhile: their rows are fresher
    streams: set[int] = set()  # every stream a written row names (checked at the end)
    with bulk_load(Candidate, keys_checked=True):
        for fresh, stale, rebased in rows(stored):
            stored.tally(len(fresh), len(rebased))
            moved.append(np.array(rebased, dtype=np.int64).reshape(-1, 2))
            for part, gone, _ in _pieces(stored, fresh, stale):
                with _step(token, steps) as written:
                    _delete(gone)  # a shown stream's old rows are gone already
                    part = shown.without(part)
                    written[0] += len(gone) + insert_values(Candidate, COLUMNS, part)
                streams.update(map(itemgetter(0), part))
                streams.update(map(itemgetter(1), part))
        # New bases last and in order of id: SQLite then walks the table's pages in order
        # (about 40 % less CPU than in the order the pairs were ranked).
        both = np.concatenate(moved)
        both = both[np.argsort(both[:, 1], kind="stable")].tolist()
        del moved
        for start in range(0, len(both), STORE_ROWS):
            with _step(token, steps) as written:
                written[0] += update_values(Candidate, "basis", both[start : start + STORE_ROWS])
        for part in chunks(stored.unseen(), STORE_ROWS):
            with _step(token, steps) as written:
                _delete(part)
                written[0] += len(part)
    _check_streams(token, steps, streams)
    pass_no = MatchState.current().pass_no + 1  # no pass commits while the store is claimed
    extra = plan_open(before_commit, pass_no, lambda: _step(token, steps))
    with _step(token, steps):  # from here no refresh pass shows a stream: they wait
        MatchState.objects.filter(pk=1, storing=token).update(storing_closed=True)
    closed = time.perf_counter()
    if extra is not None and shown_changes() != extra.shown:  # shown just before the close
        extra = before_commit(pass_no)
    state = _end_store(token, steps, pass_no, extra, handled, fit, fit_id)
    log.info("candidate store closed for %.2f s", time.perf_counter() - closed)
    return state, stored


def _check_streams(token: str, steps: StoreSteps, streams: set[int]) -> None:
    """The foreign keys the store's inserts did not check (``bulk_load``): if a stream a row
    names was deleted meanwhile, delete its rows and give the store up (:class:`StoreLost`)
    as the failed key check did; the next pass recomputes. Every row is committed by now,
    so a stream deleted later takes its rows with it (Django deletes them)."""
    gone = streams.difference(Stream.objects.values_list("pk", flat=True).iterator(10_000))
    if not gone:
        return
    with _step(token, steps) as written:
        for part in chunks(gone):
            found = Candidate.objects.filter(Q(offer_id__in=part) | Q(need_id__in=part))
            written[0] += found.delete()[0]
    raise StoreLost(f"{len(gone)} streams with rows were deleted during the store")


def _end_store(token, steps, pass_no, extra, handled, fit, fit_id):  # noqa: ANN001, ANN202
    """The store's last transaction: the catch-up ``extra``, the fit and the new pass."""
    with _step(token, steps) as written:
        state = _locked_state()
        if extra is not None and shown_changes() != extra.shown:  # never: the store is closed
            raise StoreLost("a stream was shown after the catch-up was planned")
        state.pass_no += 1
        if state.pass_no != pass_no:
            raise StoreLost(f"pass {state.pass_no - 1} committed during the store")
        state.generation += 1
        state.vectoriser, state.fit_id = fit, fit_id
        state.recomputed_at = timezone.now()
        state.recomputed_pass = state.pass_no
        state.storing, state.storing_seen, state.storing_closed = "", None, False
        if extra is not None:
            written[0] += _write_plan(extra.plan, extra.rows)
            handled = [*handled, *extra.pending]
        _mark_handled(handled, state.pass_no)
        state.save()  # every field: the fit was deferred
    return state


def _delete(ids: Iterable[int]) -> None:
    for part in chunks(ids):
        Candidate.objects.filter(pk__in=part).delete()


def _write_plan(plan: Plan, rows: Sequence[Mapping[str, object]]) -> int:
    """Write a refresh's plan; returns how many rows it deleted, updated and inserted."""
    _delete(plan.delete)
    updates = [Candidate(pk=pk, by_offer=o, by_need=n) for pk, (o, n) in plan.update.items()]
    Candidate.objects.bulk_update(updates, ["by_offer", "by_need"], batch_size=500)
    return len(plan.delete) + len(updates) + insert_many(Candidate, rows)


@transaction.atomic
def do_store_pass(
    plan: Plan, rows: Sequence[Mapping[str, object]], handled: Iterable[int], *, after: MatchState
) -> int | None:
    """Store one incremental pass planned on top of the state ``after``.

    Returns the new pass number, or ``None`` (writing nothing) when another pass or a full
    recompute committed since ``after`` was read: the caller catches up and plans again.
    """
    state = _locked_state()
    if state.pass_no != after.pass_no or state.fit_id != after.fit_id or state.storing:
        return None  # a full recompute is storing its rows: it catches these changes up
    _write_plan(plan, rows)
    state.pass_no += 1
    _mark_handled(handled, state.pass_no)
    state.save(update_fields=["pass_no"])
    return state.pass_no


@transaction.atomic
def do_show_in_store(
    token: str, streams: set[int], rows: Sequence[Mapping[str, object]], changes: Iterable[int]
) -> bool:
    """Show the ``streams`` changed by ``changes`` at once while the full recompute
    ``token`` stores its rows: replace every stored pair of theirs with ``rows``
    (:func:`~symbiose.matching.passes.shown_rows`) and mark the changes
    :data:`~symbiose.matching.state_models.SHOWN_IN_STORE`.

    From this commit on that store writes no pair of these streams, and its catch-up
    rebuilds them exactly. False (writing nothing) when that store is no longer storing
    (the caller runs an ordinary pass instead) or is closed (its catch-up is being planned:
    the caller waits for it).
    """
    state = _locked_state()
    if state.storing != token or state.store() != "storing" or state.storing_closed:
        return False
    for part in chunks(streams):
        Candidate.objects.filter(Q(offer_id__in=part) | Q(need_id__in=part)).delete()
    insert_many(Candidate, rows)
    for part in chunks(changes):
        Change.objects.filter(pk__in=part, handled_in__isnull=True).update(
            handled_in=SHOWN_IN_STORE
        )
    return True


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
    deleted, _ = Change.objects.filter(handled_in__gte=0, handled_in__lte=bound).delete()
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
