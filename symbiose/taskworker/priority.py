"""Task priorities, and how a long task gives way to a task a user is waiting for.

django-tasks-db claims ready tasks by ``priority`` (highest first), then ``run_after``, then
the time they were queued. A task a user is waiting for gets :data:`INTERACTIVE`; bulk work
keeps the default (0) or a little above it. A task that takes minutes works in bounded
chunks and asks :func:`waiting_above` between them: when a task of higher priority waits, it
queues the rest of its work and returns, so the worker claims the waiting task next. A
chunk takes at most a few seconds, so a waiting refresh starts within a few seconds,
whatever bulk work runs (issue 13: a save right after an import waited 211 s), except a
full recompute: :data:`INTERACTIVE_QUEUE` has a worker of its own for that.
"""

from __future__ import annotations

from collections.abc import Callable

from django_tasks_db.models import DBTaskResult

#: A user is waiting for the result: the candidates of a stream just saved.
INTERACTIVE = 50
#: The queue of the tasks a user waits for. Workers of every queue (``--queue-name '*'``)
#: claim them first (their priority); a worker kept for this queue alone
#: (``--queue-name interactive``) claims nothing else, so it is free for them even while
#: the other workers run a full recompute, which cannot give way half-way.
INTERACTIVE_QUEUE = "interactive"
#: Bulk work that runs before the full recompute an import also queues (the search index).
BEFORE_RECOMPUTE = 10
#: Bulk work: full recomputes, valuing passes, hub pair rows (django-tasks' default).
BULK = 0


def waiting_above(priority: int) -> Callable[[], bool]:
    """A check whether a task of higher priority than ``priority`` is ready to run.

    One indexed query (the library's partial index on ready tasks); cheap to ask after each
    chunk of a few seconds' work.
    """
    ready = DBTaskResult.objects.ready().filter(priority__gt=priority)
    return ready.exists
