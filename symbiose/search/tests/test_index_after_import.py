"""After an import the search index rows are rewritten by a task worker, not in the import
(issue 13: the rows doubled an import of 100 000 streams). Until the task has run, search
still finds every imported stream (row by row) and says the index is being built; a failed
import writes nothing and queues nothing."""

from __future__ import annotations

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from symbiose.registry.importers import listing
from symbiose.registry.importers.listing import ImportFailed, apply_import, plan_import
from symbiose.registry.importers.sources import Sheet
from symbiose.registry.models import Stream
from symbiose.search import access
from symbiose.search.filters import parse
from symbiose.search.index import index_values, stale
from symbiose.search.models import StreamIndex
from symbiose.search.tasks import index_being_built, refresh_stale_index
from tests.workers import drain, failed

REFS = ("S-IMP-ASH", "S-IMP-WOOD", "S-IMP-LIME")


def _plan(title: str = "Bunnaske fra forbrenning", quantity: str = "120"):
    header = ["ref", "organisation_ref", "direction", "category", "title", "quantity", "unit"]
    values = [
        (REFS[0], "offer", title, quantity),
        (REFS[1], "offer", "Sagflis av gran", "40"),
        (REFS[2], "need", "Kalk til jordbruk", "30"),
    ]
    rows = [
        (line, dict(zip(header, [ref, "ORG-FJORD", way, "material", what, q, "t"], strict=True)))
        for line, (ref, way, what, q) in enumerate(values, start=2)
    ]
    return plan_import([Sheet("streams", "streams.csv", header, rows)])


def _found(user, **query) -> set[str]:
    filters, errors = parse(query)
    assert errors == []
    return {h.row["ref"] for h in access.search_streams(user, filters)} & set(REFS)


def _index_tasks(*statuses: TaskResultStatus) -> int:
    return DBTaskResult.objects.filter(
        task_path=refresh_stale_index.module_path, status__in=statuses
    ).count()


def test_a_worker_builds_the_imported_streams_index_and_search_says_so_meanwhile(
    world, client, django_capture_on_commit_callbacks
):
    plan = _plan()
    assert plan.ok, [p.message for p in plan.problems]
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(plan, acting_user=world.owner)
    imported = Stream.objects.filter(ref__in=REFS)
    assert imported.count() == 3
    # the import wrote no index row: it queued one task for a worker
    assert not StreamIndex.objects.filter(stream__in=imported).exists()
    assert set(stale().filter(ref__in=REFS).values_list("ref", flat=True)) == set(REFS)
    assert _index_tasks(TaskResultStatus.READY) == 1 and index_being_built()
    # search is exact meanwhile (row by row) and says the index is being built
    owner = world.role("owner")
    assert _found(owner, q="bunnaske") == {"S-IMP-ASH"}
    assert _found(owner, direction="offer") == {"S-IMP-ASH", "S-IMP-WOOD"}
    client.force_login(owner)
    page = client.get("/search/", {"q": "sagflis"})
    assert page.status_code == 200
    assert 'id="index-building"' in page.content.decode()
    assert "S-IMP-WOOD" in page.content.decode()
    api = client.get("/api/search/streams", {"q": "kalk"}).json()
    assert api["index_building"] is True
    assert [r["stream"]["ref"] for r in api["results"]] == ["S-IMP-LIME"]

    assert drain() >= 1 and not failed(), failed()  # the database worker's own code

    assert _index_tasks(TaskResultStatus.SUCCESSFUL) == 1 and not index_being_built()
    assert not stale().filter(ref__in=REFS).exists()
    for stream in imported.select_related("organisation"):
        stored = StreamIndex.objects.filter(stream=stream).values().get()
        assert {k: stored[k] for k in index_values(stream)} == index_values(stream)
    assert _found(owner, q="bunnaske") == {"S-IMP-ASH"}
    assert _found(owner, direction="offer") == {"S-IMP-ASH", "S-IMP-WOOD"}
    page = client.get("/search/", {"q": "sagflis"})
    assert "S-IMP-WOOD" in page.content.decode()
    assert 'id="index-building"' not in page.content.decode()
    assert client.get("/api/search/streams", {"q": "kalk"}).json()["index_building"] is False


def test_the_index_task_runs_before_the_recompute_the_import_also_queued(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(_plan(), acting_user=world.owner)
    first = DBTaskResult.objects.ready().get_locked()
    assert first is not None and first.task_path == refresh_stale_index.module_path
    assert DBTaskResult.objects.ready().count() >= 2  # and the full recompute


def test_a_second_import_before_the_worker_ran_queues_no_second_task(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(_plan(), acting_user=world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(_plan(title="Bunnaske, sortert", quantity="150"), acting_user=world.owner)
    assert _index_tasks(TaskResultStatus.READY) == 1
    assert drain() >= 1 and not failed(), failed()
    assert not stale().filter(ref__in=REFS).exists()
    assert _found(world.role("owner"), q="sortert") == {"S-IMP-ASH"}


def test_a_failed_import_writes_nothing_and_queues_nothing(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    bad = _plan(quantity="lots")
    assert not bad.ok
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ImportFailed):
        apply_import(bad, acting_user=world.owner)

    def broken(plan, *, acting_user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(listing, "apply_deposits", broken)  # fails after the streams' writes
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        apply_import(_plan(), acting_user=world.owner)
    assert not Stream.objects.filter(ref__in=REFS).exists()
    assert not StreamIndex.objects.filter(stream__ref__in=REFS).exists()
    assert not DBTaskResult.objects.exists()


def test_the_index_task_commits_each_batch_so_web_saves_need_not_wait_for_all(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    """After a large import the rewrite takes minutes; on SQLite one transaction for all of
    it held the write lock so long that a web save timed out. Each batch is its own
    transaction: a batch that fails loses only its own rows, and the rows of the batches
    before it stay written (current, found through the index)."""
    from symbiose.search import actions

    with django_capture_on_commit_callbacks(execute=True):
        apply_import(_plan(), acting_user=world.owner)
    monkeypatch.setattr(actions, "INDEX_BATCH", 1)
    real, calls = actions.insert_many, []

    def second_fails(model, rows, **kwargs):  # on the second batch's rows
        calls.extend([model] if model.__name__ == "StreamIndex" else [])
        if len(calls) == 2 and model.__name__ == "StreamIndex":
            raise RuntimeError("worker stopped")
        return real(model, rows, **kwargs)

    monkeypatch.setattr(actions, "insert_many", second_fails)
    with pytest.raises(RuntimeError, match="worker stopped"):
        actions.do_refresh_stale_index()
    still = set(stale().filter(ref__in=REFS).values_list("ref", flat=True))
    assert len(still) == 2  # the first batch's row was committed, the second rolled back
    monkeypatch.setattr(actions, "insert_many", real)
    assert actions.do_refresh_stale_index() == 2
    assert not stale().filter(ref__in=REFS).exists()
