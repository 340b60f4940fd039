"""The outcomes page of an opportunity: jobs, investment, funding and permits.

The hub's facilitators (and admins) edit; system facilitators overseeing the hub read. A
refused or mistyped value is shown again at its field with the message, nothing is lost.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from symbiose.facilitation import access, actions
from symbiose.facilitation.outcome_forms import FundingForm, OutcomeForm, PermitForm
from symbiose.facilitation.views.common import opportunity


def _row(queryset, raw: str | None):
    """The row with primary key ``raw`` in ``queryset``, or 404 (also for junk)."""
    if raw in (None, ""):
        return None
    try:
        return queryset.get(pk=int(raw))
    except (ValueError, queryset.model.DoesNotExist):
        raise Http404(raw) from None


@login_required
def opportunity_outcomes(request: HttpRequest, ref: str) -> HttpResponse:
    opp = opportunity(request, ref)
    if not access.can_see_notes(request.user, opp):  # the hub's workspace only
        raise Http404(ref)
    can_edit = access.can_edit(request.user, opp.hub)
    outcome = getattr(opp, "outcome", None)
    funding = _row(opp.funding.all(), request.GET.get("funding"))
    permit = _row(opp.permits.all(), request.GET.get("permit"))
    forms = {
        "outcome_form": OutcomeForm(instance=outcome),
        "funding_form": FundingForm(instance=funding, prefix="funding"),
        "permit_form": PermitForm(instance=permit, prefix="permit"),
    }
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        which = request.POST.get("which", "")
        user = request.user
        if which == "outcome":
            form = OutcomeForm(request.POST, instance=outcome)
            forms["outcome_form"] = form
            if form.is_valid():
                actions.do_record_outcome(opp, form.cleaned_data, acting_user=user)
                return redirect("facilitation:opportunity-outcomes", ref=opp.ref)
        elif which == "funding":
            funding = _row(opp.funding.all(), request.POST.get("pk"))
            form = FundingForm(request.POST, instance=funding, prefix="funding")
            forms["funding_form"] = form
            if form.is_valid():
                actions.do_save_funding(opp, form.cleaned_data, funding=funding, acting_user=user)
                return redirect("facilitation:opportunity-outcomes", ref=opp.ref)
        elif which == "permit":
            permit = _row(opp.permits.all(), request.POST.get("pk"))
            form = PermitForm(request.POST, instance=permit, prefix="permit")
            forms["permit_form"] = form
            if form.is_valid():
                actions.do_save_permit(opp, form.cleaned_data, permit=permit, acting_user=user)
                return redirect("facilitation:opportunity-outcomes", ref=opp.ref)
        elif which == "remove-funding":
            actions.do_remove_funding(_row(opp.funding.all(), request.POST.get("pk")),
                                      acting_user=user)  # fmt: skip
            return redirect("facilitation:opportunity-outcomes", ref=opp.ref)
        elif which == "remove-permit":
            actions.do_remove_permit(_row(opp.permits.all(), request.POST.get("pk")),
                                     acting_user=user)  # fmt: skip
            return redirect("facilitation:opportunity-outcomes", ref=opp.ref)
        else:
            raise Http404(which)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "facilitation/outcomes.html",
        {
            "opp": opp,
            "hub": opp.hub,
            "outcome": outcome,
            "funding_rows": opp.funding.all(),
            "permits": opp.permits.all(),
            "editing_funding": funding,
            "editing_permit": permit,
            "can_edit": can_edit,
            **forms,
        },
        status=status,
    )
