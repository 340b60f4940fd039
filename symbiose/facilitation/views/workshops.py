"""Workshop pages ("haves and wants") and reports: plan, capture, match sheets, mapping report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from symbiose.facilitation import access, actions, grid, report_jobs, reports
from symbiose.facilitation.forms import UploadForm, WorkshopForm
from symbiose.facilitation.views.common import editable_hub, workspace_hub
from symbiose.facilitation.views.tasks import task_rows
from symbiose.registry import access as registry_access
from symbiose.reports import jobs


def _workshop(request, hub, pk):
    try:
        return access.get_workshop(request.user, hub, pk)
    except access.NotFound:
        raise Http404(pk) from None


@login_required
def workshop_create(request, slug, pk=None):
    hub = editable_hub(request, slug)
    ws = _workshop(request, hub, pk) if pk else None
    form = WorkshopForm(request.POST if request.method == "POST" else None, instance=ws, hub=hub)
    if request.method == "POST" and form.is_valid():
        ws = actions.do_save_workshop(
            hub, form.cleaned_data, invited=form.cleaned_data["invited"], workshop=ws,
            acting_user=request.user,
        )  # fmt: skip
        return redirect("facilitation:workshop", slug=hub.slug, pk=ws.pk)
    return render(
        request, "facilitation/form.html", {"form": form, "hub": hub, "title": _("Workshop")}
    )


@login_required
def workshop_detail(request, slug, pk):
    hub = workspace_hub(request, slug)
    ws = _workshop(request, hub, pk)
    streams = ws.streams.select_related("organisation").order_by("organisation__name", "title")
    return render(
        request,
        "facilitation/workshop.html",
        {"hub": hub, "workshop": ws, "streams": [registry_access.redacted(request.user, s)
         for s in streams], "participants": access.workshop_participants(ws),
         "upload_form": UploadForm(), "can_edit": access.can_edit(request.user, hub),
         "grid": grid.empty(grid.size_from(request.GET.get("rows", "")),
                            grid.organisations(hub, ws)),
         "new_orgs": grid.build_new_orgs(),
         "tasks": task_rows(access.hub_tasks(request.user, hub).filter(workshop=ws), hub),
         "can_work_tasks": access.can_work_tasks(request.user, hub)},
    )  # fmt: skip


@login_required
def workshop_sheets(request, slug, pk, org_ref=None):
    """Match sheets for every participant, or for one (``org_ref``): prepared by a worker."""
    return jobs.start(request, report_jobs.match_sheets_pdf, slug=slug, pk=pk, org_ref=org_ref)


@login_required
def mapping_report(request, slug, fmt):
    """The mapping report: the PDF is prepared by a worker, the XLSX comes at once."""
    if fmt == "pdf":
        return jobs.start(request, report_jobs.mapping_pdf, slug=slug)
    hub = workspace_hub(request, slug)
    if fmt != "xlsx":
        raise Http404(fmt)
    response = HttpResponse(
        reports.mapping_xlsx(reports.mapping_data(request.user, hub)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{hub.slug}-mapping.xlsx"'
    return response
