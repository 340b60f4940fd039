"""Guided registration: organisation and site, then streams; my streams and their upkeep."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.registry.actions import (
    ValidationFailed,
    do_archive_stream,
    do_confirm_stream,
)
from symbiose.registry.refs import new_ref
from symbiose.registry.shortcuts import or_404
from symbiose.resources.actions import do_save_stream_with_composition
from symbiose.resources.forms import composition_forms, crm_values, valid
from symbiose.web import permissions
from symbiose.web.actions import check_create_organisation
from symbiose.web.forms import (
    VISIBILITY_HELP,
    OrganisationForm,
    StreamForm,
    add_row_errors,
    stream_initial,
)


@login_required
def org_new(request: HttpRequest) -> HttpResponse:
    """Step 1: the organisation, its industry and its site on the map."""
    form = OrganisationForm(request.POST or None)
    register_note = ""
    if request.method == "GET" and request.GET.get("org_number"):
        form, register_note = _from_register(request.GET["org_number"])
    if request.method == "POST" and form.is_valid():
        try:
            org = check_create_organisation(form.cleaned_data, acting_user=request.user)
        except ValidationFailed as err:  # pragma: no cover - the form checked the same rules
            from symbiose.registry.template import RowResult

            add_row_errors(form, RowResult(errors=err.errors), {})
        else:
            messages.success(request, _("Organisation saved. Now add what you have or need."))
            return redirect("web:stream_new", org=org.ref)
    context = {"form": form, "step": 1, "register_note": register_note}
    return render(request, "web/orgs/new.html", context)


def _from_register(org_number: str) -> tuple[OrganisationForm, str]:
    """The form filled in from the loaded public register, and what the user should check."""
    from symbiose.registry.lookup import organisation_values

    values = organisation_values(org_number)
    if values is None:
        note = _("%(number)s is not in the register loaded here; fill in the form yourself.")
        return OrganisationForm(initial={"org_number": org_number}), note % {"number": org_number}
    note = _(
        "Filled in from the Central Coordinating Register for Legal Entities: check it. "
        "The location is a point in the municipality; click the map where your site is."
    )
    if values["nace_register"] and not values["nace"]:
        note += " " + _(
            "The register's industry code %(code)s has another meaning in NACE Rev. 2.1 or "
            "none there: choose your NACE Rev. 2.1 code."
        ) % {"code": values["nace_register"]}
    return OrganisationForm(initial=values), note


def _stream_values(form: StreamForm, ref: str) -> dict:
    values = dict(form.parsed)
    values["ref"] = ref
    # Fields this form does not show keep their stored values (set by import or a facilitator).
    for key in ("organisation_ref", "confirmed_at", "crm", "available_from",
                "available_to"):  # fmt: skip
        values.pop(key, None)
    return values


@login_required
def stream_new(request: HttpRequest, org: str) -> HttpResponse:
    """Step 2: describe a stream in plain words, pick a suggested code or skip."""
    organisation = or_404(permissions.get_my_organisation, request.user, org)
    form = StreamForm(request.POST or None, initial={"direction": "offer", "period": "year"})
    composition, crm = composition_forms(request.POST or None, None)
    if request.method == "POST" and valid(form, composition, crm):
        values = {**_stream_values(form, new_ref("S")), **crm_values(crm)}
        stream, _created = do_save_stream_with_composition(
            organisation, values, composition.rows(), acting_user=request.user
        )
        messages.success(request, _("Saved. Here are the first possible partners."))
        return redirect("web:matches", ref=stream.ref)
    return render(
        request,
        "web/streams/form.html",
        {"form": form, "org": organisation, "visibility_help": VISIBILITY_HELP, "step": 2,
         "composition": composition, "crm_form": crm},
    )  # fmt: skip


@login_required
def stream_edit(request: HttpRequest, ref: str) -> HttpResponse:
    stream = or_404(permissions.get_my_stream, request.user, ref)
    form = StreamForm(request.POST or None, initial=stream_initial(stream))
    composition, crm = composition_forms(request.POST or None, stream)
    if request.method == "POST" and valid(form, composition, crm):
        values = {**_stream_values(form, stream.ref), **crm_values(crm)}
        do_save_stream_with_composition(stream.organisation, values, composition.rows(),
                                        acting_user=request.user)  # fmt: skip
        messages.success(request, _("Changes saved."))
        return redirect("web:my_streams")
    return render(
        request,
        "web/streams/form.html",
        {"form": form, "org": stream.organisation, "stream": stream,
         "visibility_help": VISIBILITY_HELP, "composition": composition, "crm_form": crm},
    )  # fmt: skip


@login_required
@require_POST
def stream_archive(request: HttpRequest, ref: str) -> HttpResponse:
    stream = or_404(permissions.get_my_stream, request.user, ref)
    do_archive_stream(stream, acting_user=request.user)
    messages.success(request, _("Stream archived: it no longer appears in matches."))
    return redirect("web:my_streams")


@login_required
@require_POST
def stream_confirm(request: HttpRequest, ref: str) -> HttpResponse:
    stream = or_404(permissions.get_my_stream, request.user, ref)
    do_confirm_stream(stream, acting_user=request.user)
    messages.success(request, _("Thank you: the stream is confirmed as still valid."))
    return redirect("web:my_streams")


@login_required
def my_streams(request: HttpRequest) -> HttpResponse:
    """My organisations' streams, with a reminder for those not confirmed in a year."""
    streams = list(permissions.my_streams(request.user))
    return render(
        request,
        "web/streams/mine.html",
        {
            "streams": streams,
            "stale": [s for s in streams if s.is_stale()],
            "orgs": permissions.my_organisations(request.user),
            "join_requests": permissions.my_join_requests(request.user)[:5],
        },
    )
