"""Background work of the search app (run by ``symbiose task_worker``): checking watches,
and rewriting the search index rows that ``migrate`` found out of date when there are many
(after a deploy that changed the taxonomy, every row)."""

from __future__ import annotations

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from symbiose.search.actions import do_refresh_stale_index
from symbiose.search.watches import check_all


@task()
def check_watches(stream_ids: list[int] | None = None, watch_ids: list[int] | None = None) -> int:
    """Check watches against changed streams (all streams when none are given); returns how
    many notifications were made."""
    return check_all(stream_ids=stream_ids, watch_ids=watch_ids)


@task()
def refresh_stale_index() -> int:
    """Rewrite every missing or out-of-date search index row; returns how many were
    written. Until it has run, search tests those streams row by row (same answers)."""
    return do_refresh_stale_index()


def enqueue_index_refresh() -> bool:
    """Queue :func:`refresh_stale_index` unless one is waiting or running (two at once
    would rewrite the same rows); returns whether one was queued."""
    busy = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        task_path=refresh_stale_index.module_path,
    )
    if busy.exists():
        return False
    refresh_stale_index.enqueue()
    return True
