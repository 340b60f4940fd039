"""A stopped task worker stops at once: the running task is interrupted and queued again.

The worker runs here in the test's own process (signals go to the main thread), with the real
claim-and-run loop, a real signal and the real database; the task sends the signal to its own
process, as ``kill`` or Ctrl+C would, and then would sleep for a minute.
"""

from __future__ import annotations

import logging
import os
import signal
import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import get_commands
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from symbiose.taskworker.management.commands.db_worker import PromptWorker

LONG = 60.0


@task()
def long_task(name: str) -> str:
    """Write a row in a transaction, get told to stop, and take a minute to finish."""
    with transaction.atomic():
        Group.objects.create(name=name)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(LONG)
    return "finished"


@task()
def stopped_in_a_commit(name: str) -> str:
    """Get told to stop where ``atomic``'s own exit is under way: the block is entered and
    never left, as when the signal lands inside its commit."""
    block = transaction.atomic()
    block.__enter__()
    Group.objects.create(name=name)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(LONG)
    block.__exit__(None, None, None)
    return "finished"


@task()
def short_task(name: str) -> str:
    Group.objects.create(name=name)
    return "finished"


@pytest.fixture
def own_signals():
    """The worker installs its handlers in this process: give pytest's back afterwards."""
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for s, handler in kept.items():
        signal.signal(s, handler)


def run_worker() -> tuple[PromptWorker, float]:
    worker = PromptWorker(queue_names=["*"], excluded_queue_names=[], interval=0, batch=True,
                          backend_name="default", startup_delay=False, max_tasks=None,
                          worker_id="test-worker")  # fmt: skip
    worker.configure_signals()
    start = time.perf_counter()
    worker.run()
    return worker, time.perf_counter() - start


def test_stopping_a_worker_interrupts_the_running_task_and_queues_it_again(
    transactional_db, own_signals
):
    result = long_task.enqueue("written-before-stop")
    worker, seconds = run_worker()
    assert seconds < LONG / 4, f"the worker took {seconds:.1f} s to stop"
    assert worker.interrupted and not worker.running
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY, row.traceback
    assert row.started_at is None and row.traceback == ""
    # the task's transaction rolled back: nothing half-done is left behind
    assert not Group.objects.filter(name="written-before-stop").exists()


def test_a_stopped_task_is_logged_as_stopped_not_as_failed(transactional_db, own_signals,
                                                          caplog):  # fmt: skip
    result = long_task.enqueue("stopped")
    with caplog.at_level(logging.INFO):
        run_worker()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    assert f"Task id={result.id} path={long_task.module_path} stopped" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert "Traceback" not in caplog.text and "FAILED" not in caplog.text


def test_a_stop_inside_a_commit_leaves_the_worker_a_working_connection(
    transactional_db, own_signals, caplog
):
    result = stopped_in_a_commit.enqueue("half-committed")
    with caplog.at_level(logging.INFO):
        worker, seconds = run_worker()
    assert seconds < LONG / 4 and worker.interrupted
    assert "TransactionManagementError" not in caplog.text, caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY, row.traceback
    assert not Group.objects.filter(name="half-committed").exists()  # rolled back


def test_a_queued_interrupted_task_runs_again_on_the_next_worker(transactional_db, own_signals):
    result = long_task.enqueue("first")
    run_worker()
    DBTaskResult.objects.filter(pk=result.id).update(
        task_path=short_task.module_path  # the next worker runs it to the end
    )
    worker, _seconds = run_worker()
    assert not worker.interrupted
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    assert Group.objects.filter(name="first").exists()


def test_a_task_nobody_stops_runs_to_the_end(transactional_db, own_signals):
    short_task.enqueue("done")
    worker, _seconds = run_worker()
    assert not worker.interrupted
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1


def test_symbiose_db_worker_is_the_prompt_worker():
    assert get_commands()["db_worker"] == "symbiose.taskworker"
