"""``symbiose db_worker``: django-tasks-db's worker, but a stop signal stops it promptly.

The library's worker answers SIGTERM, SIGINT or SIGQUIT by finishing the running task first,
so a worker busy with a full recompute (minutes at 100 000 streams) ignored a deploy or a
Ctrl+C for that long. Here the first signal interrupts the running task where it is: its open
transaction rolls back (every Symbiose task writes in transactions and may be run again), the
task goes back to the queue for the next worker, and the process exits. A second signal still
exits at once, as in the library.
"""

from __future__ import annotations

import logging
import os
import signal
from types import FrameType

from django.core.management.base import CommandError
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as LibraryCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from symbiose.taskworker.actions import do_requeue_interrupted

logger = logging.getLogger("django_tasks_db")


class Interrupted(BaseException):
    """Raised inside the running task when the worker is told to stop.

    A ``BaseException``, like ``KeyboardInterrupt``, so a task's ``except Exception`` does
    not swallow it; transactions roll back on it as on any exception."""


class PromptWorker(Worker):
    """A worker whose shutdown interrupts the running task and queues it again."""

    interrupted = False
    _in_task = False

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if not self.running or not self._in_task:
            super().shutdown(signum, frame)  # idle, or a second signal: the library's way
            return
        logger.warning(
            "Received %s - stopping the running task; it goes back to the queue.",
            signal.strsignal(signum),
        )
        self.running = False
        self.interrupted = True
        raise Interrupted(signal.strsignal(signum))

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self._in_task = True
        record_failure = db_task_result.set_failed

        def set_failed(error: BaseException) -> None:
            if isinstance(error, Interrupted):
                raise error  # stopped, not failed: no failure recorded, logged or signalled
            record_failure(error)

        db_task_result.set_failed = set_failed  # type: ignore[method-assign]
        try:
            super().run_task(db_task_result)
        except Interrupted:
            pass  # the task was stopped, or the signal came while recording its result
        finally:
            self._in_task = False
        if self.interrupted:
            _end_open_transactions()
            if do_requeue_interrupted(db_task_result):
                logger.warning("Task id=%s path=%s stopped; it is back in the queue.",
                               db_task_result.id, db_task_result.task_path)  # fmt: skip


def _end_open_transactions() -> None:
    """Roll back and close every connection a stop left inside a transaction.

    The stop is raised wherever the task is; when that is inside ``atomic``'s own exit
    (a commit or a rollback under way), the block never finishes and the connection stays
    marked as inside it, so every later query failed with ``TransactionManagementError``.
    Here the open transaction is rolled back on the driver's connection and Django's record
    of the blocks is cleared, as ``atomic`` would have left it.
    """
    for conn in connections.all(initialized_only=True):
        if not (conn.in_atomic_block or conn.needs_rollback):
            continue
        if conn.connection is not None:
            conn.connection.rollback()
        conn.in_atomic_block = conn.needs_rollback = conn.closed_in_transaction = False
        conn.atomic_blocks, conn.savepoint_ids = [], []
        conn.set_autocommit(True)


class Command(LibraryCommand):
    help = "Run a task worker; a stop signal interrupts the running task and queues it again."

    def handle(self, *, verbosity: int, queue_name: str, exclude_queues: str, reload: bool,
               batch: bool, **options: object) -> None:  # fmt: skip
        """The library's options, with :class:`PromptWorker` doing the work."""
        self.configure_logging(verbosity)
        queues = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queues:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PromptWorker(
            queue_names=queues, excluded_queue_names=excluded, batch=batch,
            **{k: options[k] for k in ("interval", "backend_name", "startup_delay",
                                       "max_tasks", "worker_id")},
        )  # fmt: skip
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child runs tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
