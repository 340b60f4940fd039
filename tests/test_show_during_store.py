"""A stream saved while a full recompute stores its rows gets its candidates before the store
ends, and the store neither overwrites them nor leaves them behind (issue 13).

At 100 000 streams the store stage takes a minute or more. A refresh pass used to wait for
it (``MatchState.storing``), so a save made then waited for the whole stage: p95 28 s, max
206 s. Now the refresh pass writes the changed streams' own pairs at once
(``actions.do_show_in_store``, changes marked ``SHOWN_IN_STORE``); the store writes no pair of
those streams from then on (``passes.Shown``), and its catch-up rebuilds them exactly,
taking which streams held them in their top N from its own choice (``passes.Chosen``).

Every test stores a registry whose every row the recompute writes again (so the store
would write the saved streams' pairs in later transactions) and pauses the store between
two of its transactions. The refresh runs in another worker: on SQLite this process with
an engine state of its own, run by the database worker's claim-and-run code; on PostgreSQL
a real ``symbiose db_worker`` process on the same database.
"""

from __future__ import annotations

import subprocess

import pytest
from django.db import connection
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from symbiose.matching import actions, passes, worker
from symbiose.matching.adapter import TOP_N
from symbiose.matching.models import Candidate, Change, MatchState
from symbiose.matching.rows import StoredRows
from symbiose.matching.state_models import SHOWN_IN_STORE
from symbiose.matching.tests.test_change_log import assert_equal_to_full_recompute, save
from symbiose.matching.tests.test_store_steps import rebuilt  # noqa: F401 - a fixture
from symbiose.registry.actions import check_save_stream, do_archive_stream
from symbiose.registry.models import Stream
from symbiose.taskworker.priority import INTERACTIVE_QUEUE
from tests.test_refresh_during_recompute import another_worker
from tests.test_two_workers import BIN, worker_env
from tests.workers import drain, failed

pytestmark = pytest.mark.usefixtures("rebuilt")


def busiest(direction: str) -> Stream:
    """The stream of ``direction`` with the most stored pairs (written in many of the
    store's transactions)."""
    field = "offer" if direction == "offer" else "need"
    counts: dict[int, int] = {}
    for pk in Candidate.objects.values_list(f"{field}_id", flat=True):
        counts[pk] = counts.get(pk, 0) + 1
    return Stream.objects.get(pk=max(counts, key=lambda pk: (counts[pk], -pk)))


def twin(need: Stream, ref: str) -> Stream:
    """A new need asking for what ``need`` asks for, at its place (so it has partners)."""
    return check_save_stream({
        "ref": ref, "organisation_ref": need.organisation.ref, "direction": "need",
        "category": need.category, "title": need.title, "description": need.description,
        "quantity": "40", "unit": need.unit, "period": "year", "visibility": "public",
        "lat": f"{need.lat:.4f}", "lon": f"{need.lon:.4f}",
    }, acting_user=None)[0]  # fmt: skip


def edits() -> list[int]:
    """A new need, an existing offer given a new place and quantity, and an existing need
    archived, each saved as a web request saves it (its refresh queued after commit);
    returns the ids of the three streams."""
    offer, need = busiest("offer"), busiest("need")
    with TestCase.captureOnCommitCallbacks(execute=True):
        late = twin(need, "LATE")
        save(offer.ref, offer.organisation.ref, "offer", 0, (59.91, 10.75), 4321)
        do_archive_stream(need, acting_user=None)
    return [late.pk, offer.pk, need.pk]


def run_interactive_worker(tmp_path) -> None:
    """Run the refresh queue once, as the worker kept for it would, while the recompute
    waits between two store transactions."""
    if connection.vendor != "postgresql":
        with another_worker():
            assert drain(queues=(INTERACTIVE_QUEUE,)) >= 1 and not failed(), failed()
        return
    log = tmp_path / "interactive.log"
    with open(log, "w") as out:
        done = subprocess.run(
            [BIN / "symbiose", "db_worker", "--queue-name", INTERACTIVE_QUEUE, "--batch",
             "--interval", "0", "--no-reload", "--no-startup-delay", "--worker-id", "interactive"],
            env=worker_env(), stdout=out, stderr=subprocess.STDOUT, timeout=600,
        )  # fmt: skip
    text = log.read_text()
    assert done.returncode == 0 and "Traceback" not in text, text[-3000:]


def new_changes(after: int) -> list[int | None]:
    """``handled_in`` of every change logged after the change ``after``."""
    return list(Change.objects.filter(pk__gt=after).values_list("handled_in", flat=True))


def rows_of(ids: list[int]) -> set[tuple]:
    """(id, offer id, need id, by_offer, by_need) of every stored row of these streams."""
    mine = Candidate.objects.filter(offer_id__in=ids) | Candidate.objects.filter(need_id__in=ids)
    return set(mine.values_list("pk", "offer_id", "need_id", "by_offer", "by_need"))


def test_a_save_during_the_store_is_shown_before_it_ends_and_kept_exact(monkeypatch, tmp_path):
    DBTaskResult.objects.all().delete()
    real = StoredRows.tally
    calls: list[int] = []
    seen: dict[str, object] = {}

    def tally(self, fresh: int, rebased: int) -> None:
        calls.append(fresh)
        if len(calls) == 2:  # one batch stored, most of the rows still to write
            seen["before"] = Change.objects.order_by("-pk").values_list("pk", flat=True)[0]
            seen["ids"] = ids = edits()
            run_interactive_worker(tmp_path)
            seen["state"] = MatchState.current().store()
            seen["late"] = Candidate.objects.filter(need_id=ids[0]).count()
            seen["marks"] = set(new_changes(seen["before"]))
            seen["shown"] = rows_of(ids)
        elif len(calls) > 2:  # every later batch: the shown rows are left as they are
            assert rows_of(seen["ids"]) == seen["shown"], f"overwritten before batch {len(calls)}"
        real(self, fresh, rebased)

    monkeypatch.setattr(StoredRows, "tally", tally)
    worker.recompute_all(batch=29)
    assert len(calls) > 4, calls  # the store went on for several batches after the save
    assert seen["state"] == "storing", "the store had ended before the refresh ran"
    assert seen["late"] > 0, "the new need got no candidates during the store"
    assert seen["marks"] == {SHOWN_IN_STORE}, seen["marks"]
    assert not any(n == seen["ids"][2] for _, _, n, _, _ in seen["shown"])  # archived
    state = MatchState.current()
    assert state.store() == "idle"
    assert not Change.objects.unhandled().exists()  # the recompute's pass handled them
    assert set(new_changes(seen["before"])) == {state.pass_no}
    assert_equal_to_full_recompute()
    with TestCase.captureOnCommitCallbacks(execute=True):  # an ordinary pass on top
        save("LATER", "org1", "need", 1, (58.97, 5.73), 12)
    assert drain() >= 1 and not failed(), failed()
    assert_equal_to_full_recompute()


def saved_twin(k: int) -> int:
    """A new need like the busiest one (so it has partners), saved as a web request saves it;
    returns its id."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return twin(busiest("need"), f"LATE{k}").pk


def test_the_catch_up_is_planned_while_saves_are_still_shown(monkeypatch):
    """The catch-up is planned while the store is open, so a save made meanwhile is shown at
    once (at 100 000 streams a save sent as the store closed waited 13.6 s for the plan).
    A stream shown during a plan makes it plan again, at most ``OPEN_PLANS`` times: here
    every plan sees a save, so after those the store closes and plans once more, closed
    (the save then is not shown). A first version planned again for ever under steady
    saves: the recompute never ended."""
    DBTaskResult.objects.all().delete()
    real = passes.catch_up
    plans: list[tuple[bool, int | None]] = []  # (store closed, what the refresh showed)
    saved: list[int] = []

    def catch_up(*args, **kwargs) -> passes.CatchUp:
        plan = real(*args, **kwargs)
        saved.append(saved_twin(len(saved)))
        state = MatchState.current()
        with another_worker():
            plans.append((state.storing_closed, worker._show_in_store(state, TOP_N)))
        return plan

    monkeypatch.setattr(worker, "catch_up", catch_up)
    worker.recompute_all(batch=29)
    assert [closed for closed, _ in plans] == [False] * passes.OPEN_PLANS + [True], plans
    assert all(shown == 1 for _, shown in plans[:-1]) and plans[-1][1] is None, plans
    state = MatchState.current()
    assert state.store() == "idle" and not state.storing_closed
    assert not Change.objects.unhandled().exists()  # the last one too: see the next test
    assert all(Candidate.objects.filter(need_id=pk).exists() for pk in saved)
    assert_equal_to_full_recompute()


def test_a_save_while_the_store_is_closed_is_refreshed_by_the_recompute(monkeypatch):
    """The store closes only for a check and its last transaction. A save made then waits
    (nothing is shown while closed); the recompute's worker refreshes it right after its
    commit with its own engine, already at the new fit, so the interactive worker, which
    would first load that fit, finds nothing left to do."""
    DBTaskResult.objects.all().delete()
    real = actions.shown_changes
    seen: dict[str, object] = {}

    def shown_changes() -> frozenset[int]:
        state = MatchState.current()
        if state.storing_closed and "ids" not in seen:
            seen["before"] = Change.objects.order_by("-pk").values_list("pk", flat=True)[0]
            seen["ids"] = edits()
            with another_worker():
                seen["shown"] = worker._show_in_store(state, TOP_N)
        return real()

    monkeypatch.setattr(actions, "shown_changes", shown_changes)
    worker.recompute_all(batch=29)
    assert seen["shown"] is None  # closed: the refresh pass waits
    state = MatchState.current()
    assert state.store() == "idle" and not Change.objects.unhandled().exists()
    assert set(new_changes(seen["before"])) == {state.pass_no}
    assert state.pass_no == state.recomputed_pass + 1  # a pass of its own, after the store
    assert Candidate.objects.filter(need_id=seen["ids"][0]).exists()
    assert_equal_to_full_recompute()
    with another_worker():  # the interactive worker: nothing left
        assert drain(queues=(INTERACTIVE_QUEUE,)) >= 1 and not failed(), failed()
    assert MatchState.current().pass_no == state.pass_no


def test_a_store_stopped_after_a_save_was_shown_is_recomputed_whole(monkeypatch):
    """The shown changes stay marked when the store stops half-way; the next pass, a full
    recompute, handles them, and pruning the change log keeps them until it has."""
    DBTaskResult.objects.all().delete()
    real = StoredRows.tally
    calls: list[int] = []

    def tally(self, fresh: int, rebased: int) -> None:
        calls.append(fresh)
        if len(calls) == 2:
            edits()
            with another_worker():
                assert drain(queues=(INTERACTIVE_QUEUE,)) >= 1 and not failed(), failed()
        if len(calls) == 4:
            raise KeyboardInterrupt  # a worker's stop signal
        real(self, fresh, rebased)

    monkeypatch.setattr(StoredRows, "tally", tally)
    with pytest.raises(KeyboardInterrupt):
        worker.recompute_all(batch=29)
    assert MatchState.current().store() == "abandoned"
    monkeypatch.setattr(StoredRows, "tally", real)
    from symbiose.matching.actions import do_prune_changes

    do_prune_changes()
    assert Change.objects.filter(handled_in=SHOWN_IN_STORE).count() == 3
    assert worker.process_changes() == -1  # a full recompute, not a refresh on half rows
    assert not Change.objects.unhandled().exists()
    assert_equal_to_full_recompute()
