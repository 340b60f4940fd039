"""Regional pages: the overview, targets, the results report and the annual update round.

Thin: read through ``access``, write through ``actions``. The overview, targets and report
are for system facilitators and admins (403 for anyone else signed in); rounds are for the
hubs' workspace (a round of another hub is a 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.regional import access, actions, overview, report_jobs
from symbiose.regional import report as reports
from symbiose.regional.forms import OpenRoundForm, TargetForm
from symbiose.reports import jobs


def _system_facilitator(request: HttpRequest) -> None:
    if not access.is_system_facilitator(request.user):
        raise PermissionDenied


@login_required
def overview_page(request: HttpRequest) -> HttpResponse:
    _system_facilitator(request)
    return render(request, "regional/overview.html", overview.build(request.user))


@login_required
def report(request: HttpRequest, fmt: str) -> HttpResponse:
    """The results report: the PDF is prepared by a worker, the XLSX comes at once."""
    _system_facilitator(request)
    if fmt == "pdf":
        return jobs.start(request, report_jobs.results_pdf)
    if fmt != "xlsx":
        raise Http404(fmt)
    response = HttpResponse(
        reports.results_xlsx(reports.results_data(request.user)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="results.xlsx"'
    return response


@login_required
def target_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _system_facilitator(request)
    try:
        target = access.get_target(request.user, pk) if pk else None
    except access.NotFound:
        raise Http404(pk) from None
    hubs = access.overview_hubs(request.user)
    form = TargetForm(request.POST if request.method == "POST" else None, instance=target,
                      hubs=hubs)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        actions.check_save_target(form.cleaned_data, form.cleaned_data["hubs"],
                                  allowed_hubs=hubs, target=target,
                                  acting_user=request.user)  # fmt: skip
        return redirect("regional:overview")
    title = _("Change the target") if target else _("New target")
    return render(request, "regional/form.html", {"form": form, "title": title,
                                                  "target": target},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _system_facilitator(request)
    try:
        target = access.get_target(request.user, pk)
    except access.NotFound:
        raise Http404(pk) from None
    actions.do_delete_target(target, acting_user=request.user)
    return redirect("regional:overview")


def _round_hubs(request: HttpRequest):
    hubs = access.round_hubs(request.user)
    if not hubs.exists():
        raise PermissionDenied
    return hubs


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    hubs = _round_hubs(request)
    form = OpenRoundForm(request.POST if request.method == "POST" else None, hubs=hubs)
    if request.method == "POST" and form.is_valid():
        opened = []
        try:
            with transaction.atomic():  # all the ticked hubs, or none
                for hub in form.cleaned_data["hubs"]:
                    opened.append(actions.check_open_round(
                        hub, form.cleaned_data["year"], form.cleaned_data["deadline"],
                        acting_user=request.user))  # fmt: skip
        except actions.RoundRefused as err:
            form.add_error("hubs", str(err))
        else:
            messages.success(request, _("Update rounds opened: %(n)d.") % {"n": len(opened)})
            return redirect("regional:rounds")
    rounds = access.visible_rounds(request.user).annotate(
        total=Count("requests"),
        confirmed_count=Count("requests", filter=Q(requests__confirmed_at__isnull=False)),
    )
    return render(request, "regional/rounds.html", {"rounds": rounds, "form": form},
                  status=400 if form.errors else 200)  # fmt: skip


def _round(request: HttpRequest, pk: int):
    try:
        return access.get_round(request.user, pk)
    except access.NotFound:
        raise Http404(pk) from None


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    requests = list(found.requests.select_related("organisation", "confirmed_by"))
    confirmed = [r for r in requests if r.confirmed_at]
    return render(request, "regional/round.html", {
        "round": found, "hub": found.hub, "confirmed": confirmed,
        "waiting": [r for r in requests if not r.confirmed_at], "total": len(requests),
        "percent": round(100 * len(confirmed) / len(requests)) if requests else 0,
    })  # fmt: skip


@login_required
@require_POST
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    try:
        count = actions.check_send_reminders(found, acting_user=request.user)
    except actions.RoundRefused as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Reminders are being sent to %(n)d organisations.")
                         % {"n": count})  # fmt: skip
    return redirect("regional:round", pk=found.pk)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    if found.is_open:
        actions.do_close_round(found, acting_user=request.user)
    return redirect("regional:round", pk=found.pk)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """A company member confirms the organisation's streams for the round's year."""
    try:
        found = access.get_my_request(request.user, pk)
    except access.NotFound:
        raise Http404(pk) from None
    if found.confirmed_at is None and found.round.is_open:
        n = actions.do_confirm_request(found, acting_user=request.user)
        messages.success(
            request,
            _("Thank you: %(n)d streams of %(org)s are confirmed for %(year)s.")
            % {"n": n, "org": found.organisation.name, "year": found.round.year},
        )
    return redirect("web:my_streams")
