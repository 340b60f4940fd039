"""A stream saved while a full recompute runs gets its candidates from another worker at once,
and the recompute does not overwrite them with what it computed before the save (issue 13).

A full recompute reads the registry at its start and commits a minute or two later at
100 000 streams; it cannot give way half-way. The refresh a user waits for is on its own
queue (``taskworker.priority.INTERACTIVE_QUEUE``), which a worker kept for it runs meanwhile.
Before it commits, the recompute catches up with every stream changed since it started
(``matching.passes.catch_up``): without that, it stored its older rows over the refresh's,
and the refresh's change, already handled, was never looked at again.

Each test pauses the recompute right after its pair choice (the long part, outside any
transaction), saves streams there and lets the other worker run; then the recompute goes on.
The other worker is this process with an engine state of its own (``another_worker``), run
by the database worker's claim-and-run code, or on PostgreSQL a real ``symbiose db_worker``
process on the same database.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from symbiose.matching import snapshot, worker
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.models import Candidate, Change, MatchState
from symbiose.matching.tasks import enqueue_recompute, refresh_candidates
from symbiose.matching.tests.test_change_log import (
    PLACES,
    assert_equal_to_full_recompute,
    save,
    stored,
    ten_streams,
)
from symbiose.registry.actions import do_archive_stream
from symbiose.registry.models import Stream
from symbiose.taskworker.priority import INTERACTIVE_QUEUE
from tests.test_two_workers import BIN, worker_env
from tests.workers import drain, failed


@contextmanager
def another_worker() -> Iterator[None]:
    """This process as a second task worker: an engine state of its own while inside (the
    recompute's, paused, is put back after)."""
    paused = worker._me
    worker._me = worker._Worker()
    try:
        yield
    finally:
        worker._me = paused


@contextmanager
def paused_recompute(monkeypatch, meanwhile: Callable[[], None]) -> Iterator[None]:
    """Run ``meanwhile`` once, when the next full recompute has chosen its pairs (it read
    the registry before) and has not yet opened its store transaction."""
    real = MatchEngine.select_all
    ran: list[bool] = []

    def select_all(self, *args, **kwargs):
        chosen = real(self, *args, **kwargs)
        if not ran:
            ran.append(True)
            meanwhile()
        return chosen

    monkeypatch.setattr(MatchEngine, "select_all", select_all)
    yield
    assert ran, "the recompute never chose its pairs"


def edits() -> None:
    """A new need, an offer given a new quantity and place, and one archived, each saved as
    a web request saves it (its refresh queued after commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        save("N9", "C", "need", 1, PLACES[0], 77)
        save("O1", "B", "offer", 1, PLACES[3], 4321)
        do_archive_stream(Stream.objects.get(ref="O3"), acting_user=None)


def queued_refreshes():
    return DBTaskResult.objects.ready().filter(task_path=refresh_candidates.module_path)


@pytest.fixture
def registry(transactional_db, settings, tmp_path):
    """Ten streams with their candidates stored; nothing queued; engine snapshots on."""
    settings.MATCH_ENGINE_SNAPSHOT = str(tmp_path / "engine.pickle")
    ten_streams()
    DBTaskResult.objects.all().delete()
    yield
    worker.reset()


def recompute() -> None:
    """The full recompute an import queues, run by a worker of the default queue."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        enqueue_recompute()
    assert drain(queues=("default",)) >= 1 and not failed(), failed()


def test_a_refresh_run_by_another_worker_during_a_recompute_is_kept(registry, monkeypatch):
    with TestCase.captureOnCommitCallbacks(execute=True):
        save("N7", "A", "need", 4, None, 5)  # the recompute below refits: a new fit
    assert drain() >= 1 and not failed(), failed()
    fit_before = MatchState.current().fit_id
    during: dict[str, object] = {}

    def save_and_refresh() -> None:
        edits()
        assert queued_refreshes().filter(queue_name=INTERACTIVE_QUEUE).exists()
        with another_worker():
            assert drain(queues=(INTERACTIVE_QUEUE,)) >= 1 and not failed(), failed()
        during["N9"] = {o for o, n in stored() if n == "N9"}
        during["pass"] = MatchState.current().pass_no

    with paused_recompute(monkeypatch, save_and_refresh):
        recompute()
    assert during["N9"], "the other worker stored no candidates for the new need"
    assert MatchState.current().pass_no > during["pass"]  # the recompute committed after
    assert {o for o, n in stored() if n == "N9"} == during["N9"]
    assert not Candidate.objects.filter(offer__ref="O3").exists()
    assert not Change.objects.pending().exists()
    assert_equal_to_full_recompute()
    # the new fit's snapshot, written before the commit, holds the streams caught up
    state = MatchState.current()
    assert state.fit_id != fit_before
    engine, pass_no, refs = snapshot.read(state.fit_id)
    assert pass_no == state.pass_no and "N9" in engine.slots and "O3" not in engine.slots
    assert set(refs.values()) == set(engine.slots)
    # the recompute's worker kept an engine with the edits: a later save refreshes on top
    with TestCase.captureOnCommitCallbacks(execute=True):
        save("N8", "A", "need", 2, PLACES[1], 12)
    assert drain() >= 1 and not failed(), failed()
    assert_equal_to_full_recompute()


def test_a_save_whose_refresh_waits_is_caught_up_by_the_recompute(registry, monkeypatch):
    with paused_recompute(monkeypatch, edits):  # no other worker: the refreshes wait
        recompute()
    assert not Change.objects.pending().exists()  # the recompute's pass handled them
    assert_equal_to_full_recompute()
    assert {o for o, n in stored() if n == "N9"}
    assert drain() >= 1 and not failed(), failed()  # the waiting refresh finds nothing to do
    assert_equal_to_full_recompute()


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a second worker process on the test database needs PostgreSQL",
)
def test_a_real_worker_refreshes_during_a_recompute_and_the_result_stays(
    registry, monkeypatch, tmp_path
):
    during: dict[str, object] = {}
    log = tmp_path / "interactive.log"

    def save_and_run_the_interactive_worker() -> None:
        edits()
        with open(log, "w") as out:
            done = subprocess.run(
                [BIN / "symbiose", "db_worker", "--queue-name", INTERACTIVE_QUEUE, "--batch",
                 "--interval", "0", "--no-reload", "--no-startup-delay",
                 "--worker-id", "interactive"],
                env=worker_env(), stdout=out, stderr=subprocess.STDOUT, timeout=600,
            )  # fmt: skip
        assert done.returncode == 0, log.read_text()[-3000:]
        during["N9"] = {o for o, n in stored() if n == "N9"}

    with paused_recompute(monkeypatch, save_and_run_the_interactive_worker):
        recompute()
    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]
    ran = DBTaskResult.objects.filter(task_path=refresh_candidates.module_path)
    assert ran.exists() and {tuple(ids) for ids in ran.values_list("worker_ids", flat=True)} == {
        ("interactive",)
    }
    assert during["N9"], "the worker process stored no candidates for the new need"
    assert {o for o, n in stored() if n == "N9"} == during["N9"]
    assert not Change.objects.pending().exists()
    assert_equal_to_full_recompute()
    assert connection.vendor == "postgresql"
