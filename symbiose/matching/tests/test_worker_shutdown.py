"""A task worker told to stop during a full recompute stops at once, forked builders and all.

The last session measured a worker that finished a 100 000-stream recompute (2.5 minutes)
before it stopped: ``symbiose task_worker`` ran the library's worker, which finishes the
running task first. Here the real worker loop runs a real recompute task whose rows are built
by two forked processes; one of them sends the stop signal to the worker and then takes a
minute over its batch.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.management import load_command_class
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from symbiose.matching import rows as rows_mod
from symbiose.matching import worker
from symbiose.matching.models import Candidate, MatchState
from symbiose.matching.tasks import recompute_candidates
from symbiose.matching.tests.test_recompute_batches import _registry
from symbiose.taskworker.management.commands.db_worker import Command as PromptCommand
from symbiose.taskworker.tests.test_shutdown import LONG, own_signals, run_worker

__all__ = ["own_signals"]  # a fixture used below


@pytest.fixture
def slow_forked_builders(transactional_db, monkeypatch, tmp_path: Path):
    """Stored candidates whose rows must all be built again; from here on rows are built in
    two forked processes, and the first to build one stops the worker."""
    worker.reset()
    _registry(120)
    worker.recompute_all()
    Candidate.objects.update(basis=0)  # every row must be built again
    parent, flag = os.getpid(), tmp_path / "signalled"
    real = rows_mod.from_arrays

    def from_arrays(*args, **kwargs):
        if os.getpid() != parent:
            try:
                os.close(os.open(flag, os.O_CREAT | os.O_EXCL))
                os.kill(parent, signal.SIGTERM)  # as `kill <worker>` during the recompute
            except FileExistsError:
                pass
            time.sleep(LONG)
        return real(*args, **kwargs)

    monkeypatch.setattr(rows_mod, "from_arrays", from_arrays)
    monkeypatch.setattr(worker, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(worker, "recompute_all", functools.partial(worker.recompute_all, batch=29))
    yield flag
    worker.reset()


def test_stopping_a_worker_during_a_recompute_stops_its_forked_builders_at_once(
    own_signals, slow_forked_builders
):
    stored = Candidate.objects.count()
    DBTaskResult.objects.all().delete()  # the refreshes the registry writes queued
    result = recompute_candidates.enqueue()

    stopped, seconds = run_worker()
    assert slow_forked_builders.exists()  # the signal came from a forked builder
    assert seconds < LONG / 4, f"the worker took {seconds:.1f} s to stop"
    assert stopped.interrupted and not stopped.running
    assert multiprocessing.active_children() == []  # no builder left running
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY, row.traceback  # queued again
    # stopped before its first row was written: the rows are as they were, and its store is
    # marked abandoned (the next pass is a full recompute: test_store_steps.py)
    assert Candidate.objects.count() == stored
    assert not Candidate.objects.exclude(basis=0).exists()
    assert MatchState.current().store() == "abandoned"


def test_symbiose_task_worker_stops_as_promptly_as_db_worker():
    command = load_command_class("symbiose.matching", "task_worker")
    assert isinstance(command, PromptCommand)
