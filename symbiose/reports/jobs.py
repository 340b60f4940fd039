"""Report jobs: the one way to produce a PDF (or any slow file) outside the web request.

A report is a function that renders the file for a user, plus a *check* that raises exactly
what the page would for a user who may not see it (``Http404`` or ``PermissionDenied``) and
otherwise returns the job's title. The check runs when the job is started, again in the worker
before rendering, and again on every visit of the job's page and download; only the user who
started the job may open it. The worker renders with that user, so the file shows what the
requester may see and nothing more.

Adding a report::

    from symbiose.reports import jobs

    def _results_check(user, *, slug: str) -> str:
        hub = get_hub_or_404(user, slug)           # the page's own permission check
        return gettext("Results report: {hub}").format(hub=hub.name)

    @jobs.report(check=_results_check)
    def results_pdf(user, *, slug: str) -> jobs.File:
        hub = get_hub_or_404(user, slug)
        return jobs.File(f"{hub.slug}-results.pdf", render_results_pdf(user, hub))

    # in the view (keyword parameters must be JSON values):
    return jobs.start(request, results_pdf, slug=slug)

``start`` redirects to the job's page, which shows "preparing" (polled with htmx) and then a
download link. The function is found again by its dotted path, so define it at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from symbiose.reports import actions


@dataclass(frozen=True)
class File:
    """What a report function returns: the download's name, bytes and type."""

    name: str
    content: bytes
    content_type: str = "application/pdf"


class Report(Protocol):
    """A function decorated with :func:`report`."""

    report_check: Callable[..., str]
    report_path: str

    def __call__(self, user: Any, **params: Any) -> File: ...


def report(*, check: Callable[..., str]) -> Callable[[Callable[..., File]], Report]:
    """Mark a module-level function ``fn(user, **params) -> File`` as a report job."""

    def mark(fn: Callable[..., File]) -> Report:
        fn.report_check = check  # type: ignore[attr-defined]
        fn.report_path = f"{fn.__module__}.{fn.__qualname__}"  # type: ignore[attr-defined]
        return fn  # type: ignore[return-value]

    return mark


def resolve(path: str) -> Report:
    """The report function stored on a job; refuses anything not marked with ``report``."""
    fn = import_string(path)
    if getattr(fn, "report_path", None) != path:
        raise ValueError(f"{path} is not a report")
    return fn


def start(request: HttpRequest, fn: Report, **params: Any) -> HttpResponse:
    """Check the user may have this report, queue it and send them to its page.

    Raises what the check raises (so the view answers 404 or 403 as the page would). The same
    user asking again for the same report while it is being prepared gets the same job.
    """
    title = fn.report_check(request.user, **params)
    job = actions.do_start_report(
        fn.report_path, params, title=str(title), language=get_language() or "nb",
        acting_user=request.user,
    )  # fmt: skip
    return redirect("reports:job", pk=job.pk)
