"""Hub pages: list, create, edit, members, dashboard, listing-template import with preview."""

from __future__ import annotations

import base64
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.facilitation import access, actions, dashboard, grid, history, import_scope
from symbiose.facilitation.forms import (
    AskToJoinHubForm,
    HubForm,
    MemberForm,
    UploadForm,
    no_such_organisation,
)
from symbiose.facilitation.views import imports
from symbiose.facilitation.views.common import editable_hub, workspace_hub
from symbiose.registry.actions import do_verify_organisation, verification_problem
from symbiose.registry.importers.listing import ImportFailed, from_source_problems, plan_import
from symbiose.registry.importers.sources import SourceError, read_upload

SESSION_KEY = "facilitation-upload"
#: Members listed per page of the dashboard.
MEMBERS_PER_PAGE = 50


@login_required
def hub_list(request):
    return render(
        request,
        "facilitation/hub_list.html",
        {
            "workspace": access.workspace_hubs(request.user),
            "member": access.member_hubs(request.user),
            "can_create": access.can_create_hub(request.user),
            "pending": access.organisation_pending_requests(request.user),
            "ask_form": _ask_form(request.user),
        },
    )


def _ask_form(user, data=None):
    orgs = access.admin_organisations(user)
    return AskToJoinHubForm(data, organisations=orgs) if orgs.exists() else None


@login_required
def hub_create(request):
    if not access.can_create_hub(request.user):
        raise PermissionDenied
    form = HubForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        hub = actions.do_create_hub(form.cleaned_data, acting_user=request.user)
        return redirect("facilitation:hub", slug=hub.slug)
    return render(request, "facilitation/form.html", {"form": form, "title": _("New hub")})


@login_required
def hub_edit(request, slug):
    hub = editable_hub(request, slug)
    form = HubForm(request.POST if request.method == "POST" else None, instance=hub)
    form.fields["slug"].disabled = True
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data, slug=hub.slug)
        actions.do_save_hub(values, acting_user=request.user)
        return redirect("facilitation:hub", slug=hub.slug)
    return render(
        request, "facilitation/form.html", {"form": form, "title": _("Edit hub"), "hub": hub}
    )


@login_required
def hub_detail(request, slug):
    try:
        hub = access.get_hub(request.user, slug)
    except access.NotFound:
        raise Http404(slug) from None
    if not access.in_workspace(request.user, hub):
        return render(
            request,
            "facilitation/hub_member.html",
            {"hub": hub, "members": access.visible_hub_members(request.user, hub),
             "leaving": access.admin_organisations(request.user).filter(hubs=hub)},
        )  # fmt: skip
    context = dashboard.build(request.user, hub)
    context.update(
        hub=hub,
        can_edit=access.can_edit(request.user, hub),
        member_form=MemberForm(),
        # a page of members at a time: a hub of 2 000 members took seconds to draw in full
        members=Paginator(hub.members.order_by("name", "pk"), MEMBERS_PER_PAGE).get_page(
            request.GET.get("members")
        ),
        pending_members=access.hub_pending_requests(request.user, hub),
        upload_form=UploadForm(),
        open_tasks=access.hub_tasks(request.user, hub).filter(status="open")[:10],
        today=datetime.date.today(),
    )
    return render(request, "facilitation/dashboard.html", context)


@login_required
@require_POST
def hub_members(request, slug):
    """Invite an organisation (it joins when its company admin accepts) or remove a member."""
    hub = editable_hub(request, slug)
    form = MemberForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("ref", []):
            messages.error(request, f"{form.fields['ref'].label}: {error}")
        return redirect("facilitation:hub", slug=hub.slug)
    ref = form.cleaned_data["ref"]
    if request.POST.get("remove"):
        org = hub.members.filter(ref=ref).first()
        if org is None:
            messages.error(request, no_such_organisation(ref))
        else:
            actions.do_remove_hub_member(hub, org, acting_user=request.user)
        return redirect("facilitation:hub", slug=hub.slug)
    try:
        # Only organisations the facilitator may already see can be invited; any other
        # reference gets the message of a missing one.
        org = access.get_invitable_organisation(request.user, ref)
        actions.check_invite_organisation(hub, org, acting_user=request.user)
    except access.NotFound:
        messages.error(request, no_such_organisation(ref))
    except actions.MembershipRefused as err:
        messages.error(request, str(err))
    else:
        messages.success(
            request,
            _("%(organisation)s is invited; it joins when one of its company admins accepts.")
            % {"organisation": org.name},
        )
    return redirect("facilitation:hub", slug=hub.slug)


@login_required
@require_POST
def member_verify(request, slug):
    """A hub facilitator approves a member organisation whose number was added after it
    joined: its people then see "members" streams."""
    hub = editable_hub(request, slug)
    org = hub.members.filter(ref=request.POST.get("ref", "")).first()
    if org is None:
        raise Http404(slug)
    problem = verification_problem(org)
    if problem is not None:
        messages.error(request, _(problem.template).format(**problem.params))
    else:
        do_verify_organisation(org, acting_user=request.user)
        messages.success(request, _("%(organisation)s is verified.") % {"organisation": org.name})
    return redirect("facilitation:hub", slug=hub.slug)


@login_required
@require_POST
def membership_decide(request, pk):
    """The side that did not start a membership request accepts or declines it."""
    try:
        req = access.get_membership_request(request.user, pk)
    except access.NotFound:
        raise Http404(pk) from None
    accept = request.POST.get("accept") == "1"
    actions.do_decide_hub_membership(req, accept=accept, acting_user=request.user)
    if req.initiated_by == "organisation":
        return redirect("facilitation:hub", slug=req.hub.slug)
    return redirect("facilitation:hubs")


@login_required
@require_POST
def membership_ask(request):
    """A company admin asks for their organisation to join a hub."""
    form = _ask_form(request.user, request.POST)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    else:
        data = form.cleaned_data
        try:
            actions.check_ask_to_join_hub(
                data["hub"], data["organisation"], message=data["message"],
                acting_user=request.user,
            )  # fmt: skip
        except actions.MembershipRefused as err:
            messages.error(request, str(err))
        else:
            messages.success(request, _("Asked; the hub's facilitators will accept or decline."))
    return redirect("facilitation:hubs")


@login_required
@require_POST
def membership_leave(request, slug):
    """A company admin takes their organisation out of a hub it belongs to."""
    org = (
        access.admin_organisations(request.user)
        .filter(ref=request.POST.get("ref", ""), hubs__slug=slug)
        .first()
    )
    if org is None:
        raise Http404(slug)
    hub = org.hubs.get(slug=slug)
    actions.do_leave_hub(hub, org, acting_user=request.user)
    messages.success(request, _("%(organisation)s has left %(hub)s.") % {
        "organisation": org.name, "hub": hub.name})  # fmt: skip
    return redirect("facilitation:hubs")


def read_plan(request, *, store: bool, prefix: str = "S"):
    """Read the uploaded (or, when confirming, the stored) file into an import plan; the
    capture grid's rows (and new organisations) are read as the template files they make."""
    if store and request.POST.get("grid") == "1":
        form = UploadForm()
        rows = grid.rows_from_post(request.POST)
        if not rows:
            messages.error(request, _("Fill in at least one row: a title for each stream."))
            return form, None
        org_prefix = "ORG-" + prefix.removeprefix("S-")
        files = grid.to_files(rows, grid.typed_new_orgs(request.POST), prefix, org_prefix)
        request.session[SESSION_KEY] = {"files": _encoded(files)}
    elif store:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return form, None
        upload = form.cleaned_data["file"]
        files = {upload.name: upload.read()}
        request.session[SESSION_KEY] = {"files": _encoded(files)}
    else:
        form = UploadForm()
        stored = request.session.get(SESSION_KEY)
        if not stored or "files" not in stored:
            messages.error(request, _("The upload has expired; choose the file again."))
            return form, None
        files = {name: base64.b64decode(data) for name, data in stored["files"].items()}
        if request.POST.get("nace_choice") == "1":
            # NACE codes chosen in the preview for rows that needed a choice.
            chosen = {k[5:]: v for k, v in request.POST.items() if k.startswith("nace:") and v}
            stored = {**stored, "nace": {**stored.get("nace", {}), **chosen}}
            request.session[SESSION_KEY] = stored
    choices = (request.session.get(SESSION_KEY) or {}).get("nace", {}) if not store else {}
    try:
        sheets = [sheet for name, data in files.items() for sheet in read_upload(name, data)]
        plan = plan_import(sheets, nace_choices=choices)
    except SourceError as err:
        plan = from_source_problems(err.problems)
    return form, plan


def _encoded(files: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(data).decode() for name, data in files.items()}


def read_hub_plan(request, hub, *, store: bool, prefix: str = "S"):
    """:func:`read_plan` as the hub's facilitator may see it: references outside the hub read
    as missing ones (``facilitation/import_scope.py``)."""
    form, plan = read_plan(request, store=store, prefix=prefix)
    return form, import_scope.scoped(hub, plan)


@login_required
def hub_history(request, slug):
    """The hub's history (its own events and its tasks'), each event as a sentence."""
    hub = workspace_hub(request, slug)
    events, subjects = history.hub_events(hub)
    return render(
        request,
        "facilitation/history.html",
        {"hub": hub, "history": history.rows(events[:200], subjects)},
    )


@login_required
def hub_import(request, slug, pk=None):
    """Upload the listing template, see a preview, then confirm: nothing is written before."""
    hub = editable_hub(request, slug)
    ws = _workshop_or_404(request, hub, pk)
    plan, form = None, UploadForm()
    if request.method == "POST":
        confirm = request.POST.get("confirm") == "1"
        choosing = request.POST.get("nace_choice") == "1"
        prefix = f"S-{hub.slug[:20].upper()}-{ws.pk if ws else 0}"
        job = imports.start_if_large(request, hub, ws) if not (confirm or choosing) else None
        if job is not None:  # a large file: checked and saved by a task worker
            return redirect("facilitation:import-job", slug=hub.slug, pk=job.pk)
        form, plan = read_hub_plan(request, hub, store=not (confirm or choosing), prefix=prefix)
        counts = None
        if confirm and plan is not None and plan.ok:
            try:
                counts = actions.do_capture_streams(
                    hub, plan, workshop=ws, acting_user=request.user
                )
            except ImportFailed as err:
                plan = err.plan
        if counts is not None:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request,
                _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % counts,
            )
            if ws:
                return redirect("facilitation:workshop", slug=hub.slug, pk=ws.pk)
            return redirect("facilitation:hub", slug=hub.slug)
    problems = [p.render(_) for p in plan.problems] if plan else []
    context = {"hub": hub, "workshop": ws, "form": form, "plan": plan, "problems": problems}
    context["notes"] = [n.render(_) for n in plan.notes] if plan else []
    context["nace_choices"] = imports.nace_choices(plan.problems if plan else [])
    if request.method == "POST" and request.POST.get("grid") == "1":
        # The grid comes back as typed, with each problem at its row and cell.
        rows, new_orgs = grid.typed_rows(request.POST), grid.typed_new_orgs(request.POST)
        found = plan.problems if plan else ()
        context["grid"] = grid.build(rows, grid.organisations(hub, ws), found, new_orgs=new_orgs)
        context["new_orgs"] = grid.build_new_orgs(new_orgs, found)
        context["new_orgs_open"] = any(any(org.values()) for org in new_orgs)
        context["problems"] = grid.problem_summary(context["grid"], context["new_orgs"]) or problems
    return render(request, "facilitation/import.html", context)


def _workshop_or_404(request, hub, pk):
    if pk is None:
        return None
    try:
        return access.get_workshop(request.user, hub, pk)
    except access.NotFound:
        raise Http404(pk) from None
