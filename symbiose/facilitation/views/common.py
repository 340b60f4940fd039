"""Shared view helpers: fetch through access.py, turn refusals into 404 or 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from symbiose.facilitation import access
from symbiose.facilitation.models import Hub


def workspace_hub(request, slug: str) -> Hub:
    try:
        return access.get_workspace_hub(request.user, slug)
    except access.NotFound:
        raise Http404(slug) from None


def editable_hub(request, slug: str) -> Hub:
    hub = workspace_hub(request, slug)
    if not access.can_edit(request.user, hub):
        raise PermissionDenied
    return hub


def opportunity(request, ref: str, *, edit: bool = False):
    try:
        opp = access.get_opportunity(request.user, ref)
    except access.NotFound:
        raise Http404(ref) from None
    if edit and not access.can_edit(request.user, opp.hub):
        if not access.in_workspace(request.user, opp.hub):
            raise Http404(ref)
        raise PermissionDenied
    return opp


def post_to_opportunity(request, ref: str, form_class, apply) -> HttpResponse:
    """Validate a posted form about an opportunity its hub's workspace may edit, ``apply`` it,
    and go back to the opportunity; refusals and field problems become messages."""
    from symbiose.facilitation.actions.bank import BankRefused
    from symbiose.facilitation.actions.opportunities import PhaseBlocked

    opp = opportunity(request, ref, edit=True)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            apply(opp, form)
        except (PhaseBlocked, BankRefused) as err:
            messages.error(request, str(err))
    else:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("facilitation:opportunity", ref=opp.ref)
