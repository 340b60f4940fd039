"""The match worker: one engine per worker process, kept current from the change log.

Only task workers (``symbiose db_worker``) and batch commands call this module; web processes
never build an engine (they enqueue :mod:`symbiose.matching.tasks` and read stored rows).

* :func:`recompute_all` builds a fresh engine, **refits the IDF weights** on every live
  stream, stores all candidates and the fit (``MatchState.vectoriser``) and starts a new
  generation. It runs after imports, from ``symbiose match`` and when no fit is stored yet.
* :func:`process_changes` applies the change log to this worker's engine and refreshes the
  rows of the changed streams (:mod:`symbiose.matching.refresh`), keeping the stored fit.
  Text not seen at the last refit gets the largest IDF weight, so the stored candidates equal a
  full recompute that keeps the same fit; a refit happens at the next full recompute.

Passes are numbered. A pass computes outside any write transaction (readers and web writers
are not blocked) and then commits only if no other pass committed meanwhile; otherwise it
catches up and tries again. Workers on several hosts therefore never write conflicting rows.
A full recompute stores its rows in many short transactions while it holds the store (see
:func:`~symbiose.matching.actions.do_store_recompute`); a pass meanwhile only shows the
changed streams' own pairs (:func:`_show_in_store`), which the recompute's catch-up makes
exact.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q

from symbiose.matching import rows as rows_mod
from symbiose.matching import snapshot
from symbiose.matching.actions import (
    STORE_POLL,
    StoreSteps,
    do_show_in_store,
    do_store_pass,
    do_store_recompute,
)
from symbiose.matching.adapter import TOP_N, live_streams, stream_input
from symbiose.matching.engine.basis import input_hash, inputs_digest
from symbiose.matching.engine.engine import MATCH_BATCH, MatchEngine
from symbiose.matching.engine.parallel import ForkPipeline
from symbiose.matching.engine.text import Vectoriser
from symbiose.matching.engine.types import StreamInput
from symbiose.matching.giveway import GiveWay
from symbiose.matching.models import Change, MatchState
from symbiose.matching.passes import (
    CatchUp,
    Chosen,
    apply,
    catch_up,
    new_rows,
    shown_changes,
    streams_of,
    to_show,
)
from symbiose.matching.reasonbatch import SideKeys
from symbiose.matching.refresh import plan_refresh
from symbiose.matching.stages import Stages

log = logging.getLogger(__name__)
ATTEMPTS = 50
#: From this many pairs a full recompute builds its rows in the engine's forked processes
#: while it writes the previous batches.
PARALLEL_ROWS = 50_000


@dataclass
class _Worker:
    engine: MatchEngine | None = None
    fit_id: str = ""
    pass_no: int = 0
    refs: dict[int, str] = field(default_factory=dict)  # stream id -> ref, streams in engine
    source: str = "built"  # how the engine came up: "built" or "snapshot"
    applied: set[int] = field(default_factory=set)  # changes shown in a store, applied


_lock = threading.RLock()
_me = _Worker()


def reset() -> None:
    """Forget this process's engine (tests; the next pass rebuilds it)."""
    global _me
    with _lock:
        _me = _Worker()


def current_engine() -> MatchEngine:
    """This worker's engine, brought up to date (for batch commands and tests)."""
    with _lock:
        process_changes()
        return _me.engine  # type: ignore[return-value]


def dump_fit(v: Vectoriser) -> dict:
    """The fitted vocabulary and IDF weights as JSON-friendly data."""
    terms = sorted(v.vocab, key=v.vocab.__getitem__)
    return {"terms": terms, "idf": list(v.idf), "max_idf": v.max_idf}


def load_fit(data: dict) -> Vectoriser:
    """A vectoriser with a stored fit (see :func:`dump_fit`)."""
    v = Vectoriser()
    v.vocab = {t: i for i, t in enumerate(data["terms"])}
    v.idf = list(data["idf"])
    v.max_idf = data["max_idf"]
    return v


#: Row building lives in :mod:`symbiose.matching.rows`; these names stay for callers.
_row = rows_mod.row
flags_of = rows_mod.flags_of


def _live_inputs() -> tuple[list[StreamInput], dict[str, int]]:
    """Every live stream as an engine input, and each one's id by ref.

    Read in chunks: 100 000 model instances with their organisations held at once took
    about 500 MB, which stayed with the process (freed, but not returned to the system).
    """
    inputs: list[StreamInput] = []
    ids: dict[str, int] = {}
    for s in live_streams().iterator(chunk_size=2000):
        inputs.append(stream_input(s))
        ids[s.ref] = s.pk
    return inputs, ids


def recompute_all(top_n: int = TOP_N, *, batch: int = MATCH_BATCH) -> int:
    """Refit, recompute and store every candidate; returns how many pairs were stored.

    The engine chooses and scores every pair first, outside any write transaction; then
    rows are built ``batch`` pairs at a time from the scored arrays
    (:func:`~symbiose.matching.rows.from_arrays`, no match objects) and written as they
    come, so the process never holds every row with its reasons at once. From
    :data:`PARALLEL_ROWS` pairs the engine's forked processes build the next batches while
    this one writes. A pair whose stored row has the same basis (both streams' inputs, its
    scoring arrays, the code version), flags, score and rank key keeps that row and is not
    built at all (:meth:`~symbiose.matching.rows.StoredRows.reuse`); of the others only rows
    that differ from the stored ones are written
    (:func:`~symbiose.matching.actions.do_store_recompute`).
    """
    global _me
    with _lock:
        clock = Stages()
        since = MatchState.current().pass_no  # passes after it may be overwritten: caught up
        pending = list(Change.objects.unhandled().values_list("pk", flat=True))
        inputs, ids = _live_inputs()  # read after the changes: a later change stays pending
        clock("read")
        fitted = _fitted_engine(inputs)
        if fitted is not None:  # the streams of the last fit: a refit would give the same
            engine, fit, fit_id, source = fitted
            del inputs
            clock(f"{source} engine")
        else:
            engine = MatchEngine(inputs)
            del inputs
            fit, fit_id, source = dump_fit(engine.vectoriser), uuid.uuid4().hex, "built"
            fit["inputs"] = engine.inputs_digest()
            clock("engine")
        selection = engine.select_all(top_n, include_intra_company=True, batch=batch)
        clock("select")

        salt = rows_mod.code_salt()
        pk_of = np.zeros(len(engine.inputs), dtype=np.int64)
        for ref, slot in engine.slots.items():
            pk_of[slot] = ids[ref]

        sides = SideKeys(engine)  # before the fork: the builders share it

        def built(item: tuple[int, np.ndarray, list[int], rows_mod.Stored]):  # in a fork
            """The rows of one part's pairs that differ from their stored rows (see rows.diff),
            made from the part's arrays (no match objects)."""
            k, take, basis, was = item
            if len(take) == 0:
                return [], [], []
            o, n, sc = selection.parts[k]
            at = slice(selection.starts[k], selection.starts[k] + len(o))
            made = rows_mod.from_arrays(sides, o[take], n[take], sc.take(take), pk_of,
                                        selection.by_offer[at][take],
                                        selection.by_need[at][take], basis)  # fmt: skip
            return rows_mod.diff(made, was)

        def todo(stored: rows_mod.StoredRows):
            """Per part, the pairs whose stored row cannot be kept and what is stored for
            them (in the parent)."""
            for k in range(len(selection.parts)):
                o, n, sc = selection.parts[k]
                start, end = selection.starts[k], selection.starts[k] + len(o)
                basis = engine.basis(o, n, sc, salt)
                flags = 2 * selection.by_offer[start:end] + selection.by_need[start:end]
                score = np.array(rows_mod.round6(sc.score), dtype=np.float64)
                numbers = np.stack([score, sc.rank], axis=1)
                pairs = (pk_of[o] << 32) | pk_of[n]
                take = stored.reuse(pairs, basis, flags, numbers)
                yield k, take, basis[take].tolist(), stored.lookup(pairs[take])

        give_way = GiveWay(active=bool(MatchState.current().fit_id))

        def batches(pipe: ForkPipeline, stored: rows_mod.StoredRows):
            for k, part in enumerate(pipe.map(todo(stored))):
                selection.parts[k] = None  # built: free its arrays here
                give_way()  # while a save is being shown
                yield part

        refs = {pk: ref for ref, pk in ids.items()}
        caught: list[CatchUp] = []
        chosen = Chosen.of(selection, pk_of)  # the catch-up's top-N holders, whatever is shown

        def before_commit(pass_no: int) -> CatchUp:
            """Once every row is stored, before the last transaction: the streams saved
            since ``since`` (see :func:`~symbiose.matching.passes.catch_up`; planned again
            when a stream was shown meanwhile). A new fit's snapshot is written here, before
            the commit: a worker whose refresh waited for the store then loads it in seconds
            instead of building its engine for the new fit (a fit id never committed matches
            no worker, so a failure leaves no harm). Not when a stream was shown during the
            plan: the store plans again."""
            if not MatchState.current().storing_closed:  # the saves being shown first
                give_way()
            caught.append(catch_up(engine, refs, since, top_n, chosen))
            if fitted is None and shown_changes() == caught[-1].shown:
                snapshot.write(engine, fit_id, pass_no, refs)
            return caught[-1]

        workers = engine.cfg.workers if len(selection) >= PARALLEL_ROWS else 1
        steps = StoreSteps()
        try:
            with ForkPipeline(built, workers) as pipe:  # forked before the store
                state, stored = do_store_recompute(
                    lambda stored: batches(pipe, stored), pending, fit, fit_id,
                    pairs=len(selection), before_commit=before_commit, steps=steps,
                )  # fmt: skip
        except BaseException:
            if engine is _me.engine and caught:  # a catch-up not stored changed it
                _me = _Worker()
            raise
        clock(f"store ({give_way.paused:.1f} s given way to {give_way.times} saves)")
        if caught and caught[-1].streams:
            log.info("caught up %d streams changed during the recompute", caught[-1].streams)
        _me = _Worker(engine, fit_id, state.pass_no, refs, source=source)
        late = _refresh_late(top_n)
        clock(f"refresh of {late} streams saved as the store closed")
        if fitted is not None:  # the fit is kept: workers of it keep their engines
            snapshot.write(engine, fit_id, _me.pass_no, _me.refs)
        clock("snapshot")
        log.info("full recompute of %d pairs (%d kept without building, %d built and kept "
                 "with a new basis, %d written) in %d write transactions of at most %d rows: %s",
                 len(selection), stored.reused, stored.rebased, stored.written, steps.count,
                 steps.largest, clock)  # fmt: skip
        return len(selection)


def _refresh_late(top_n: int) -> int:
    """Right after a full recompute's last transaction: refresh the streams saved while its
    store was closed with this worker's engine, already at the new fit (the interactive
    worker would first load it: seconds at 100 000 streams). Returns how many; a failure is
    logged (the recompute is stored; the next refresh pass handles them)."""
    if not Change.objects.pending().exists():
        return 0
    try:
        return process_changes(top_n)
    except Exception:  # noqa: BLE001 - e.g. a database error: the refresh queue retries
        log.warning("could not refresh the streams saved as the store closed", exc_info=True)
        return 0


def _fitted_engine(inputs: list[StreamInput]) -> tuple[MatchEngine, dict, str, str] | None:
    """``(engine, fit, fit_id, source)`` when the stored fit was made on exactly ``inputs``
    and this worker's engine (``"warm"``) or the local snapshot (``"snapshot"``) holds them.

    Then a refit would give the same vocabulary and weights (same streams, same order), so
    a full recompute keeps the fit and its id (other workers keep their engines) and skips
    building the engine. Decided by :func:`~.engine.basis.inputs_digest` of the registry's
    inputs, not by the change log: imports and batch loads log no changes.
    """
    state = MatchState.current()
    if not state.fit_id:
        return None
    fit = MatchState.objects.filter(pk=1, fit_id=state.fit_id).values_list("vectoriser", flat=True)
    if not fit or not fit[0].get("inputs"):
        return None
    hashes = np.fromiter((input_hash(s) for s in sorted(inputs, key=lambda s: s.ref)),
                         dtype=np.uint64, count=len(inputs))  # fmt: skip
    digest = inputs_digest(hashes)
    if fit[0]["inputs"] != digest:
        return None  # streams changed since the fit: refit
    if _me.engine is not None and _me.fit_id == state.fit_id:
        engine, source = _me.engine, "warm"
    else:
        saved = snapshot.read(state.fit_id)
        engine, source = (saved[0] if saved else None), "snapshot"
    if engine is None or engine.inputs_digest() != digest:
        return None
    return engine, fit[0], state.fit_id, source


def _bring_up(state: MatchState) -> bool:
    """Make this worker's engine match the state's fit; False when it was refitted meanwhile.

    Loads the local snapshot when it has this fit (the caller then replays the change log
    from the snapshot's pass), else builds the engine from the stored fit and saves one.
    """
    global _me
    if _me.engine is not None and _me.fit_id == state.fit_id:
        return True
    saved = snapshot.read(state.fit_id)
    if saved is not None:
        engine, pass_no, refs = saved
        _me = _Worker(engine, state.fit_id, pass_no, refs, source="snapshot")
        return True
    fit = MatchState.objects.filter(pk=1, fit_id=state.fit_id).values_list("vectoriser", flat=True)
    if not fit:
        return False  # refitted meanwhile; the caller starts over
    inputs, ids = _live_inputs()
    engine = MatchEngine(inputs, vectoriser=load_fit(fit[0]))
    del inputs
    _me = _Worker(engine, state.fit_id, state.pass_no, {pk: ref for ref, pk in ids.items()})
    snapshot.write(engine, state.fit_id, state.pass_no, _me.refs)
    return True


def warm_up() -> str:
    """Bring this process's engine up before any task asks for it (a worker's start).

    Returns where it came from: ``"snapshot"``, ``"built"`` (from the stored fit),
    ``"warm"`` (already up) or ``"none"`` (nothing was ever recomputed: the first refresh
    pass recomputes everything).
    """
    with _lock:
        state = MatchState.current()
        if not state.fit_id:
            return "none"
        if _me.engine is not None and _me.fit_id == state.fit_id:
            return "warm"
        return _me.source if _bring_up(state) else "none"


def _show_in_store(state: MatchState, top_n: int) -> int | None:
    """While a full recompute stores its rows: write the pending streams' own pairs at once
    (:func:`~symbiose.matching.passes.to_show`); the recompute's catch-up makes them exact.
    Returns how many streams were shown, or ``None`` when this engine cannot come up (no
    fit stored yet) or the store ended meanwhile."""
    if not state.fit_id or state.storing_closed or not _bring_up(state):
        return None  # no fit yet, or the store plans its catch-up (seconds): wait
    clock = time.perf_counter(), time.process_time()
    changed, made, changes = to_show(_me.engine, _me.refs, _me.pass_no, top_n, _me.applied)
    if not do_show_in_store(state.storing, changed, made, changes):
        return None
    log.info("showed %d streams during the store in %.2f s (%.2f s CPU)", len(changed),
             time.perf_counter() - clock[0], time.process_time() - clock[1])  # fmt: skip
    return len(changed)


def process_changes(top_n: int = TOP_N) -> int:
    """One pass over the change log; returns how many streams' candidates were refreshed."""
    with _lock:
        attempt, waited = 0, False
        while attempt < ATTEMPTS:
            state = MatchState.current()
            store = state.store()
            if store == "storing":  # a full recompute stores its rows and catches ours up
                if not Change.objects.pending().exists():
                    return 0
                shown = _show_in_store(state, top_n)
                if shown is not None:
                    return shown
                waited = True
                time.sleep(STORE_POLL)  # no fit yet, or the store is closed: wait for it
                continue
            if not state.fit_id or store == "abandoned":
                recompute_all(top_n)  # never recomputed, or half stored: a full pass
                return -1
            if waited and not Change.objects.pending().exists():
                return 0  # the recompute refreshed them itself (_refresh_late)
            attempt += 1
            if not _bring_up(state):
                continue
            rows = list(
                Change.objects.filter(Q(handled_in__isnull=True) | Q(handled_in__gt=_me.pass_no))
                .values_list("pk", "stream_id", "organisation_id", "handled_in")
            )  # fmt: skip
            pending = [r for r in rows if r[3] is None]
            apply(_me.engine, _me.refs, streams_of([(r[1], r[2]) for r in rows]))
            if not pending:
                _me.pass_no = max([state.pass_no] + [r[3] for r in rows])
                return 0
            changed = streams_of([(r[1], r[2]) for r in pending])
            plan = plan_refresh(_me.engine, changed, dict(_me.refs), top_n)
            made = new_rows(_me.engine, _me.refs, plan)
            done = do_store_pass(plan, made, [r[0] for r in pending], after=state)
            if done is None:
                continue  # another pass committed first: catch up and plan again
            _me.pass_no, _me.applied = done, set()
            return len(changed)
        raise RuntimeError(f"no candidate pass committed in {ATTEMPTS} attempts")
