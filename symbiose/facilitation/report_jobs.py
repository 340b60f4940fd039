"""The facilitation PDFs as report jobs (:mod:`symbiose.reports.jobs`): rendered by workers.

Each check is the page's own permission check (the hub workspace, the workshop); the worker
renders with the requesting user, so the mapping report shows what that user may see, and
match sheets show what each participant may see, as before.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from symbiose.facilitation import access, reports
from symbiose.reports import jobs


def _hub(user: Any, slug: str):
    try:
        return access.get_workspace_hub(user, slug)
    except access.NotFound:
        raise Http404(slug) from None


def _workshop_and_participants(user: Any, slug: str, pk: int, org_ref: str | None):
    hub = _hub(user, slug)
    try:
        workshop = access.get_workshop(user, hub, pk)
    except access.NotFound:
        raise Http404(pk) from None
    orgs = access.workshop_participants(workshop)
    if org_ref:
        orgs = orgs.filter(ref=org_ref)
        if not orgs:
            raise Http404(org_ref)
    return hub, workshop, list(orgs)


def _mapping_check(user: Any, *, slug: str) -> str:
    return _("Mapping report: {hub}").format(hub=_hub(user, slug).name)


@jobs.report(check=_mapping_check)
def mapping_pdf(user: Any, *, slug: str) -> jobs.File:
    """The hub's mapping report as the requesting user may see it."""
    hub = _hub(user, slug)
    pdf = reports.mapping_pdf(reports.mapping_data(user, hub))
    return jobs.File(f"{hub.slug}-mapping.pdf", pdf)


def _sheets_check(user: Any, *, slug: str, pk: int, org_ref: str | None = None) -> str:
    workshop, orgs = _workshop_and_participants(user, slug, pk, org_ref)[1:]
    if org_ref:
        return _("Match sheet: {organisation}").format(organisation=orgs[0].name)
    return _("Match sheets: {workshop}").format(workshop=workshop.title)


@jobs.report(check=_sheets_check)
def match_sheets_pdf(user: Any, *, slug: str, pk: int, org_ref: str | None = None) -> jobs.File:
    """A workshop's match sheets, each as its participant may see it."""
    hub, workshop, orgs = _workshop_and_participants(user, slug, pk, org_ref)
    name = f"{hub.slug}-{workshop.pk}-{org_ref or 'all'}.pdf"
    return jobs.File(name, reports.match_sheets_pdf(workshop, orgs))
