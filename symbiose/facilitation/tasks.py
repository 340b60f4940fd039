"""Background tasks of facilitation: checking and saving large imports."""

from __future__ import annotations

import time

from django_tasks import task

from symbiose.facilitation import import_scope
from symbiose.facilitation.actions import imports as actions
from symbiose.facilitation.actions import workshops
from symbiose.facilitation.models import ImportJob
from symbiose.registry.importers.listing import ImportFailed, from_source_problems, plan_import
from symbiose.registry.importers.sources import SourceError, read_upload

#: Least time between two progress writes (the page reloads about once a second).
PROGRESS_SECONDS = 0.5


def _progress(job: ImportJob):
    """A ``plan_import`` progress callback that writes at most every ``PROGRESS_SECONDS``."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_SECONDS:
            last[0] = now
            actions.do_record_progress(job.pk, done, total)

    return report


def _plan(job: ImportJob):
    """The upload's plan, with the NACE codes chosen so far, as the hub may see it."""
    try:
        plan = plan_import(read_upload(job.name, bytes(job.data)), nace_choices=job.nace,
                           progress=_progress(job))  # fmt: skip
    except SourceError as err:
        plan = from_source_problems(err.problems)
    return import_scope.scoped(job.hub, plan)


@task()
def check_import(job_id: int) -> str:
    """Plan the upload as the hub's facilitator may (the preview); write nothing."""
    job = ImportJob.objects.select_related("hub").get(pk=job_id)
    actions.do_record_check(job, _plan(job))
    return job.status


@task()
def save_import(job_id: int) -> dict[str, int] | str:
    """Plan again (the registry may have changed) and save all or nothing."""
    job = ImportJob.objects.select_related("hub", "workshop", "user").get(pk=job_id)
    plan = _plan(job)
    if not plan.ok:
        actions.do_record_failed(job, plan)
        return "failed"
    try:
        counts = workshops.do_capture_streams(job.hub, plan, workshop=job.workshop,
                                              acting_user=job.user)  # fmt: skip
    except ImportFailed as err:
        actions.do_record_failed(job, err.plan)
        return "failed"
    actions.do_record_saved(job, counts)
    return counts
