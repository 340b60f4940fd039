"""The results report PDF as a report job (:mod:`symbiose.reports.jobs`): rendered by a
worker with the requesting user's permissions, so it holds what their overview shows."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from symbiose.regional import access, report
from symbiose.reports import jobs


def _results_check(user: Any) -> str:
    """The overview's own check: system facilitators and admins only (else 403)."""
    if not access.is_system_facilitator(user):
        raise PermissionDenied
    return _("Results report")


@jobs.report(check=_results_check)
def results_pdf(user: Any) -> jobs.File:
    """The phase-4 results report over the hubs the user oversees."""
    return jobs.File("results.pdf", report.results_pdf(report.results_data(user)))
