"""The task that renders a report job as the user who asked for it."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django_tasks import task

from symbiose.reports import actions
from symbiose.reports.jobs import resolve
from symbiose.reports.models import ReportJob

log = logging.getLogger(__name__)


@task()
def render_report(job_id: str) -> str:
    """Render the file in the requester's language and with the requester's permissions."""
    if not actions.do_claim(job_id):
        return "skipped"
    job = ReportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language):
        try:
            fn = resolve(job.report)
            fn.report_check(job.user, **job.params)  # access may have changed since the click
            file = fn(job.user, **job.params)
        except (Http404, PermissionDenied):
            actions.do_record_failed(job_id, "gone")
            return "gone"
        except Exception:
            log.exception("report job %s (%s) failed", job_id, job.report)
            actions.do_record_failed(job_id, "error")
            return "failed"
    actions.do_record_file(job_id, file.name, file.content, file.content_type)
    return "ready"
