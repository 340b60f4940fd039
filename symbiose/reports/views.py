"""A report job's page (polled with htmx until the file is ready) and its download.

Only the user who started the job may open either, and only while the report's own check
still lets them see what it is about; anyone else gets a 404, as for a missing job.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from symbiose.reports import actions
from symbiose.reports.jobs import resolve
from symbiose.reports.models import ReportJob


def _job(request: HttpRequest, pk: str) -> ReportJob:
    """The requester's own job, after the report's permission check; else 404 or 403."""
    try:
        job = ReportJob.objects.defer("content").filter(pk=pk, user=request.user).first()
    except ValidationError:
        job = None
    if job is None:
        raise Http404(pk)
    try:
        check = resolve(job.report).report_check
    except (ImportError, ValueError):
        raise Http404(pk) from None
    check(request.user, **job.params)
    if job.status == "running" and job.created_at < timezone.now() - actions.STALE:
        actions.do_record_failed(job.pk, "error")  # its worker died: say so, don't spin
        job.status, job.error = "failed", "error"
    return job


@login_required
def job(request: HttpRequest, pk: str) -> HttpResponse:
    """The job's page; with ``HX-Request`` only its status part (htmx polls it)."""
    report = _job(request, pk)
    template = "reports/_status.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, {"job": report})


@login_required
def download(request: HttpRequest, pk: str) -> HttpResponse:
    report = _job(request, pk)
    if report.status != "ready":
        raise Http404(pk)
    content = ReportJob.objects.values_list("content", flat=True).get(pk=report.pk)
    response = HttpResponse(bytes(content), content_type=report.content_type)
    name = report.filename.replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
