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


@transaction.atomic
def do_record_check(job: ImportJob, plan: ImportPlan) -> ImportJob:
    """Store the preview (or the problems) of a checked upload."""
    job.rows = [[r.sheet, r.row, r.ref, r.action, list(r.changes)] for r in plan.rows]
    job.problems = [[p.label, p.row, p.column, p.template, p.params] for p in plan.problems]
    job.status = "checked"
    job.save(update_fields=["rows", "problems", "status", "updated_at"])
    return job


@transaction.atomic
def do_confirm_import(job: ImportJob, *, acting_user: Any) -> ImportJob:
    """The facilitator confirms a clean preview: a worker saves it."""
    from symbiose.facilitation.tasks import save_import

    job.status = "saving"
    job.save(update_fields=["status", "updated_at"])
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
        job.problems = [[p.label, p.row, p.column, p.template, p.params] for p in plan.problems]
    job.status = "failed"
    job.save(update_fields=["problems", "status", "updated_at"])
    return job
