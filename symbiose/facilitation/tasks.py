"""Background tasks of facilitation: checking and saving large imports."""

from __future__ import annotations

from django_tasks import task

from symbiose.facilitation import import_scope
from symbiose.facilitation.actions import imports as actions
from symbiose.facilitation.actions import workshops
from symbiose.facilitation.models import ImportJob
from symbiose.registry.importers.listing import ImportFailed, from_source_problems, plan_import
from symbiose.registry.importers.sources import SourceError, read_upload


def _plan(job: ImportJob):
    try:
        plan = plan_import(read_upload(job.name, bytes(job.data)))
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
