"""Background tasks of the matching app, run by task workers (``symbiose db_worker``).

Web requests only enqueue these (after their transaction commits); the work and the engine
live in the worker (:mod:`symbiose.matching.worker`).
"""

from __future__ import annotations

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from symbiose.matching import worker
from symbiose.matching.actions import do_prune_changes
from symbiose.taskworker.priority import INTERACTIVE, INTERACTIVE_QUEUE


@task(priority=INTERACTIVE, queue_name=INTERACTIVE_QUEUE)
def refresh_candidates() -> int:
    """Apply the change log: refresh the candidates of every changed stream.

    A user who saved a stream waits for this, so it runs before any waiting bulk task (the
    index rewrite and the full recompute an import queued, a valuing pass), and long tasks
    give way to it between their chunks (:mod:`symbiose.taskworker.priority`). Run before
    an import's recompute, it ranks the saved stream against the engine of the last fit
    (the import's streams are not in the change log); the recompute then stores what a
    full recompute gives, as always.

    On the :data:`~symbiose.taskworker.priority.INTERACTIVE_QUEUE`, so the worker kept for
    it runs this while another worker runs a full recompute (during its store stage this
    writes the changed streams' own pairs at once, :func:`worker._show_in_store`); that
    recompute then catches up with the streams changed meanwhile before it commits
    (:func:`symbiose.matching.passes.catch_up`), so it never leaves their older rows."""
    return worker.process_changes()


@task()
def recompute_candidates() -> int:
    """Refit the text weights and recompute every candidate (after an import), then prune the
    change log up to this recompute."""
    stored = worker.recompute_all()
    do_prune_changes()
    return stored


def enqueue_refresh() -> None:
    """Ask a worker for a refresh pass, unless one is already waiting to start.

    A waiting pass has not read the change log yet, so it will see this change too.
    """
    waiting = DBTaskResult.objects.ready().filter(task_path=refresh_candidates.module_path)
    if not waiting.exists():
        refresh_candidates.enqueue()


def enqueue_recompute() -> None:
    """Ask a worker for a full recompute."""
    recompute_candidates.enqueue()
