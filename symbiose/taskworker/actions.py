"""Writes of the task worker: putting an interrupted task back in the queue."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult, TaskResultStatus


def do_requeue_interrupted(db_task_result: DBTaskResult) -> bool:
    """Put an interrupted task back in the queue, unless it had already succeeded.

    Returns whether it was queued again. The library records the task as failed with the
    worker's ``Interrupted``; it did not fail, it was stopped, so another worker should run
    it from the start (a task interrupted is like one whose host crashed: its transaction
    rolled back, and an e-mail it had claimed waits for the stale-claim sweep).
    """
    return bool(
        DBTaskResult.objects.filter(pk=db_task_result.pk)
        .exclude(status=TaskResultStatus.SUCCESSFUL)
        .update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )  # fmt: skip
    )
