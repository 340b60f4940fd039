"""Background work of the search app (run by ``symbiose task_worker``): checking watches,
and rewriting the search index rows left out of date by an import or, when there are many,
found by ``migrate`` (after a deploy that changed the taxonomy, every row)."""

from __future__ import annotations

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from symbiose.registry.models import Stream
from symbiose.search.actions import INDEX_BATCH, do_refresh_index
from symbiose.search.index import stale
from symbiose.search.watches import check_all
from symbiose.taskworker.priority import BEFORE_RECOMPUTE, waiting_above

#: The index rewrite runs before other bulk work (an import also queues a full recompute,
#: priority 0, which takes minutes at 100 000 streams): searches are slower until it is done.
#: A refresh of a saved stream's candidates (higher) goes first, even while it runs.
INDEX_PRIORITY = BEFORE_RECOMPUTE
#: Rounds of one task: a round rewrites what was stale when it started; rows an import made
#: stale while it ran (the import found this task running and queued none) are the next's.
INDEX_ROUNDS = 5


@task()
def check_watches(stream_ids: list[int] | None = None, watch_ids: list[int] | None = None) -> int:
    """Check watches against changed streams (all streams when none are given); returns how
    many notifications were made."""
    return check_all(stream_ids=stream_ids, watch_ids=watch_ids)


@task(priority=INDEX_PRIORITY)
def refresh_stale_index() -> int:
    """Rewrite every missing or out-of-date search index row; returns how many were written.

    Queued after an import commits instead of run in it (at 100 000 streams the rows cost
    about as much as the import itself), and by ``migrate`` when many rows are stale. Until
    it has run, search is still exact: it tests the streams without a current row one by one
    (``search.access.search_streams``), only slower, and the search page says the index is
    being built (:func:`index_being_built`).

    It rewrites :data:`~symbiose.search.actions.INDEX_BATCH` streams at a time (a fraction
    of a second each) and, after each batch, gives way to a task of higher priority that
    is waiting (a saved stream's refresh): it queues itself again for the rest and returns.
    """
    written = 0
    urgent = waiting_above(INDEX_PRIORITY)
    for _round in range(INDEX_ROUNDS):
        ids = list(stale().order_by("pk").values_list("pk", flat=True))
        for k in range(0, len(ids), INDEX_BATCH):
            written += do_refresh_index(Stream.objects.filter(pk__in=ids[k : k + INDEX_BATCH]))
            if urgent():
                _queue_rest()
                return written
        if not ids or not stale().exists():
            break
    return written


def _queue_rest() -> None:
    """Queue this task again for the rows left stale, unless one is waiting already."""
    waiting = DBTaskResult.objects.ready().filter(task_path=refresh_stale_index.module_path)
    if not waiting.exists():
        refresh_stale_index.enqueue()


def index_being_built() -> bool:
    """Whether a worker is about to rewrite, or is rewriting, search index rows."""
    return DBTaskResult.objects.filter(
        task_path=refresh_stale_index.module_path,
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
    ).exists()


def enqueue_index_refresh() -> bool:
    """Queue :func:`refresh_stale_index` unless one is waiting or running (two at once would
    rewrite the same rows; a running one rewrites, in its next round, rows made stale while
    it ran); returns whether one was queued."""
    if index_being_built():
        return False
    refresh_stale_index.enqueue()
    return True
