"""A saved stream's refresh does not wait behind bulk work (issue 13: right after an import at
100 000 streams a save waited 211 s behind the index rewrite and the valuing pass).

The refresh has the highest priority, so the worker claims it before any waiting bulk task,
and a long task gives way to it between chunks: it queues its rest and returns. Run with
the database worker's own claim-and-run code (``tests.workers.drain``); the refresh is
queued from the ``task_started`` signal of the long task, that is while it runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django_tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult

from symbiose.impact import valuing
from symbiose.impact.models import PairValue, ValuationState
from symbiose.impact.tasks import value_candidates
from symbiose.impact.tests.test_valuing_after_recompute import OTHERS
from symbiose.matching import worker
from symbiose.matching.models import Candidate
from symbiose.matching.tasks import enqueue_recompute, refresh_candidates
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from symbiose.search import tasks as search_tasks
from symbiose.search.index import stale
from symbiose.search.models import StreamIndex
from tests.workers import drain, failed

NEED = {
    "ref": "S-OUT-SLAG", "organisation_ref": "ORG-OUT", "direction": "need",
    "category": "material", "title": "Manganese slag or other slag as aggregate for roads",
    "quantity": "5000", "unit": "t", "visibility": "public",
}  # fmt: skip


@pytest.fixture
def finished():
    """The task paths in the order their runs finished."""
    order: list[str] = []

    def record(sender, task_result, **kwargs):
        order.append(task_result.task.module_path)

    task_finished.connect(record, weak=False)
    yield order
    task_finished.disconnect(record)


@contextmanager
def save_when_started(path: str, capture) -> Iterator[list[int]]:
    """Save a need (its refresh queued after commit) when a task of ``path`` first starts;
    yields the list that gets the saved stream's id."""
    saved: list[int] = []

    def save(sender, task_result, **kwargs):
        if task_result.task.module_path == path and not saved:
            with capture(execute=True):
                stream, _ = check_save_stream(dict(NEED), acting_user=None)
            saved.append(stream.pk)

    task_started.connect(save, weak=False)
    try:
        yield saved
    finally:
        task_started.disconnect(save)


def test_a_refresh_is_claimed_before_every_waiting_bulk_task(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_recompute()
        search_tasks.refresh_stale_index.enqueue()
        value_candidates.enqueue(full=True)
        check_save_stream(dict(NEED), acting_user=None)  # queues its refresh last
    first = DBTaskResult.objects.ready().get_locked()
    assert first is not None and first.task_path == refresh_candidates.module_path


def test_the_index_task_gives_way_to_a_refresh_queued_while_it_runs(
    world, monkeypatch, finished, django_capture_on_commit_callbacks
):
    worker.reset()
    StreamIndex.objects.all().delete()  # every stream stale, as after an import
    streams = Stream.objects.count()
    assert streams >= 3
    monkeypatch.setattr(search_tasks, "INDEX_BATCH", 1)
    index = search_tasks.refresh_stale_index.module_path
    with save_when_started(index, django_capture_on_commit_callbacks) as saved:
        search_tasks.refresh_stale_index.enqueue()
        assert drain() >= 3 and not failed(), failed()
    assert saved, "the index task never started"
    # the first run rewrote one stream, then the refresh ran, then the rest of the index
    assert finished[:2] == [index, refresh_candidates.module_path], finished
    assert finished.count(index) >= 2 and index in finished[2:]
    assert Candidate.objects.filter(need_id=saved[0]).exists()
    assert not stale().exists()  # the rest was rewritten
    assert not DBTaskResult.objects.ready().filter(task_path=index).exists()
    worker.reset()


def test_the_valuing_pass_gives_way_and_its_rest_goes_on_after_the_refresh(
    world, monkeypatch, finished, django_capture_on_commit_callbacks
):
    worker.reset()
    for row in OTHERS:  # pairs of several offers
        check_save_stream({"organisation_ref": "ORG-OUT", "unit": "t", "visibility": "public",
                           "category": "material", **row}, acting_user=None)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_recompute()
    assert drain() >= 1 and not failed(), failed()
    DBTaskResult.objects.all().delete()  # the passes the recompute queued: one is run below
    PairValue.objects.all().delete()
    ValuationState.objects.all().delete()
    assert Candidate.objects.values("offer_id").distinct().count() >= 2
    monkeypatch.setattr(valuing, "BATCH", 1)  # one offer's pairs per batch
    path = value_candidates.module_path
    finished.clear()
    with save_when_started(path, django_capture_on_commit_callbacks) as saved:
        value_candidates.enqueue(full=True)
        assert drain() >= 3 and not failed(), failed()
    assert saved, "the valuing pass never started"
    assert finished[:2] == [path, refresh_candidates.module_path], finished
    rests = DBTaskResult.objects.filter(task_path=path, args_kwargs__kwargs__has_key="resume")
    assert rests.exists() and path in finished[2:]
    assert Candidate.objects.filter(need_id=saved[0]).exists()
    valued = set(PairValue.objects.values_list("offer_id", "need_id"))
    before = set(Candidate.objects.exclude(need_id=saved[0]).values_list("offer_id", "need_id"))
    assert before <= valued  # the rest valued the pairs the first part had not reached
    worker.reset()
