"""Writes for large imports run by task workers (``facilitation/tasks.py``).

Each step is its own short transaction; the job row carries the stage the page shows. The
registry rows themselves are written (and audited) by ``do_capture_streams``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from symbiose.facilitation.models import Hub, ImportJob, Workshop
from symbiose.registry.importers.listing import ImportPlan


@transaction.atomic
def do_start_import(
    hub: Hub, name: str, data: bytes, *, workshop: Workshop | None, acting_user: Any
) -> ImportJob:
    """Keep the upload and queue its check; nothing is written to the registry yet."""
    from symbiose.facilitation.tasks import check_import

    job = ImportJob.objects.create(hub=hub, workshop=workshop, user=acting_user, name=name[:200],
                                   data=data)  # fmt: skip
    transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


def do_record_progress(job_id: int, done: int, total: int) -> None:
    """How many rows the worker has checked (one short UPDATE; the page reads it)."""
    ImportJob.objects.filter(pk=job_id).update(done=done, total=total)


def _problems(problems) -> list[list]:
    return [[p.label, p.row, p.column, p.template, p.params] for p in problems]


@transaction.atomic
def do_record_check(job: ImportJob, plan: ImportPlan) -> ImportJob:
    """Store the preview (or the problems) and the notes of a checked upload."""
    job.rows = [[r.sheet, r.row, r.ref, r.action, list(r.changes)] for r in plan.rows]
    job.problems = _problems(plan.problems)
    job.notes = _problems(plan.notes)
    job.status = "checked"
    job.save(update_fields=["rows", "problems", "notes", "status", "updated_at"])
    return job


@transaction.atomic
def do_choose_nace(job: ImportJob, chosen: dict[str, str], *, acting_user: Any) -> ImportJob:
    """The facilitator chose NACE Rev. 2.1 codes for rows that needed one: check again."""
    from symbiose.facilitation.tasks import check_import

    job.nace = {**job.nace, **chosen}
    job.status, job.rows, job.problems, job.notes, job.done = "checking", [], [], [], 0
    job.save(update_fields=["nace", "status", "rows", "problems", "notes", "done", "updated_at"])
    transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


@transaction.atomic
def do_confirm_import(job: ImportJob, *, acting_user: Any) -> ImportJob:
    """The facilitator confirms a clean preview: a worker saves it."""
    from symbiose.facilitation.tasks import save_import

    job.status, job.done = "saving", 0
    job.save(update_fields=["status", "done", "updated_at"])
    transaction.on_commit(lambda: save_import.enqueue(job.pk))
    return job


@transaction.atomic
def do_record_saved(job: ImportJob, counts: dict[str, int]) -> ImportJob:
    job.counts, job.status, job.data = counts, "saved", b""
    job.save(update_fields=["counts", "status", "data", "updated_at"])
    return job


@transaction.atomic
def do_record_failed(job: ImportJob, plan: ImportPlan | None = None) -> ImportJob:
    """Saving found problems (the registry changed since the check): nothing was written."""
    if plan is not None:
        job.problems = _problems(plan.problems)
    job.status = "failed"
    job.save(update_fields=["problems", "status", "updated_at"])
    return job
