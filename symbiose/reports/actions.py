"""Writes of report jobs: start one (queued after commit), claim it, store its outcome."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from symbiose.reports.models import ReportJob

#: Prepared files are kept this long, then deleted when someone starts another report.
KEEP = datetime.timedelta(days=1)
#: A job still "running" after this is taken to belong to a worker that died.
STALE = datetime.timedelta(minutes=15)


@transaction.atomic
def do_start_report(
    report: str, params: dict[str, Any], *, title: str, language: str, acting_user
) -> ReportJob:
    """A job for ``report`` with ``params`` (reusing one still under way), queued after commit."""
    now = timezone.now()
    ReportJob.objects.filter(created_at__lt=now - KEEP).delete()
    same = ReportJob.objects.filter(
        user=acting_user, report=report, params=params, language=language,
        status__in=["pending", "running"], created_at__gte=now - STALE,
    ).first()  # fmt: skip
    if same is not None:
        return same
    job = ReportJob.objects.create(
        user=acting_user, report=report, params=params, language=language, title=title[:200]
    )
    from symbiose.reports.tasks import render_report

    pk = str(job.pk)
    transaction.on_commit(lambda: render_report.enqueue(pk))
    return job


def do_claim(job_id: str) -> bool:
    """Take the job for rendering; False if another worker has it or it is finished."""
    return ReportJob.objects.filter(pk=job_id, status="pending").update(status="running") == 1


def do_record_file(job_id: str, name: str, content: bytes, content_type: str) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status="ready", filename=name[:200], content=content, content_type=content_type,
        finished_at=timezone.now(),
    )  # fmt: skip


def do_record_failed(job_id: str, error: str) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status="failed", error=error, finished_at=timezone.now()
    )
