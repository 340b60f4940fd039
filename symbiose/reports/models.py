"""A report (PDF or other file) prepared by a task worker for the user who asked for it.

The request only records the job and queues it; a worker renders the file with the
requester's own permissions and stores it here, so any worker on any host can prepare it and
any web process can hand it out. See :mod:`symbiose.reports.jobs` for how to add a report.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportJob(models.Model):
    STATUSES = [
        ("pending", _("waiting for a worker")),
        ("running", _("being prepared")),
        ("ready", _("ready")),
        ("failed", _("failed")),
    ]

    #: Random, so a job's address says nothing about other jobs (access is checked anyway).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    #: Dotted path of the function decorated with :func:`symbiose.reports.jobs.report`.
    report = models.CharField(max_length=200)
    params = models.JSONField(default=dict)
    language = models.CharField(max_length=10)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=8, choices=STATUSES, default="pending")
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True, blank=True)
    #: "gone" when the requester may no longer see what the report is about, else "error".
    error = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "report", "status"], name="reportjob_lookup")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    @property
    def busy(self) -> bool:
        """Whether a worker has still to finish it (the page keeps asking meanwhile)."""
        return self.status in ("pending", "running")
