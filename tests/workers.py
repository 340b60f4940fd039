"""Run queued background tasks in a test with the database worker's own claim-and-run code.

``drain()`` claims ready tasks exactly as ``symbiose db_worker`` does (row lock, claim, run,
record the result) but in the test's thread and transaction, so tests that run inside one
transaction see the results. Tests of separate worker processes start ``symbiose db_worker``.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def drain(limit: int = 1000, queues: tuple[str, ...] = ("*",)) -> int:
    """Run every ready task of ``queues`` (and those they enqueue); returns how many ran."""
    worker = Worker(queue_names=list(queues), interval=0, batch=True, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="test-worker",
                    excluded_queue_names=[])  # fmt: skip
    ran = 0
    while ran < limit:
        with exclusive_transaction():
            ready = DBTaskResult.objects.ready()
            if "*" not in queues:
                ready = ready.filter(queue_name__in=queues)
            result = ready.get_locked()
            if result is None:
                return ran
            result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    raise RuntimeError(f"more than {limit} tasks: is a task enqueuing itself?")


def failed() -> list[str]:
    """Tracebacks of the tasks that failed (to show in an assertion)."""
    return list(DBTaskResult.objects.failed().values_list("traceback", flat=True))


def fetch_report(client, url: str, capture_on_commit) -> object:
    """Ask for a report job at ``url``, let a worker render it, return the download response.

    ``capture_on_commit`` is pytest-django's ``django_capture_on_commit_callbacks`` fixture
    (the job is queued after the request's transaction commits).
    """
    with capture_on_commit(execute=True):
        started = client.get(url)
    assert started.status_code == 302, started.status_code
    job_url = started["Location"]
    assert drain() >= 1 and not failed(), failed()
    page = client.get(job_url).content.decode()
    assert 'id="report-download"' in page, page
    return client.get(job_url + "file")
