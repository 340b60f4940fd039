"""Organisation pages: members and requests to join (members), the profile (others), finding an
organisation and asking to join it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.registry import access
from symbiose.registry.joins.actions import JoinRefused, check_request_to_join, do_decide_join
from symbiose.registry.shortcuts import or_404
from symbiose.web import permissions
from symbiose.web.actions import do_invite_colleague
from symbiose.web.forms import InviteForm, JoinForm


@login_required
def org_detail(request: HttpRequest, org: str) -> HttpResponse:
    """Members see the members page; others who may see the organisation see its profile."""
    organisation = permissions.my_organisations(request.user).filter(ref=org).first()
    if organisation is None:
        return _profile(request, org)
    is_admin = permissions.is_company_admin(request.user, organisation)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise Http404
        if form.is_valid():
            do_invite_colleague(organisation, form.cleaned_data["email"], acting_user=request.user)
            messages.success(request, _("Colleague added; they got an e-mail."))
            return redirect("web:org_detail", org=organisation.ref)
    members = organisation.membership_set.select_related("user").order_by("user__email")
    return render(request, "web/orgs/detail.html", {
        "org": organisation, "members": members, "is_admin": is_admin, "form": form,
        "join_requests": permissions.pending_join_requests(request.user, organisation),
    })  # fmt: skip


def _profile(request: HttpRequest, ref: str, form: JoinForm | None = None) -> HttpResponse:
    """The organisation as an outsider may see it: only streams that name it are listed.

    ``form`` is a join request that did not validate: shown again with its messages and the
    words typed, and answered 422.
    """
    if request.method == "POST" and form is None:
        raise Http404
    organisation = or_404(access.get_organisation, request.user, ref)
    streams = [access.redacted(request.user, s)
               for s in access.named_streams(request.user, organisation)]  # fmt: skip
    mine = permissions.my_join_requests(request.user).filter(organisation=organisation).first()
    return render(request, "web/orgs/profile.html", {
        "org": organisation, "streams": streams, "join_request": mine,
        "form": form or JoinForm(),
    }, status=422 if form is not None else 200)  # fmt: skip


@login_required
def org_find(request: HttpRequest) -> HttpResponse:
    """Find an organisation by name or organisation number, to ask to join it."""
    words = request.GET.get("q", "")
    return render(request, "web/orgs/find.html", {
        "q": words[:100], "found": permissions.find_organisations(request.user, words),
        "requests": permissions.my_join_requests(request.user)[:20],
    })  # fmt: skip


@login_required
@require_POST
def org_join(request: HttpRequest, org: str) -> HttpResponse:
    """Ask the company admins of an organisation one may see to let one join."""
    organisation = or_404(access.get_organisation, request.user, org)
    form = JoinForm(request.POST)
    if not form.is_valid():  # said at the field, with the words kept; nothing is sent
        return _profile(request, organisation.ref, form)
    try:
        check_request_to_join(organisation, form.cleaned_data["message"],
                              acting_user=request.user)  # fmt: skip
    except JoinRefused as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Request sent. The company admins decide; we e-mail you."))
    return redirect("web:org_detail", org=organisation.ref)


@login_required
@require_POST
def join_decide(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """A company admin approves or declines a request to join their organisation."""
    organisation = or_404(permissions.get_my_organisation, request.user, org)
    req = or_404(permissions.get_join_request_to_decide, request.user, organisation, pk)
    approve = request.POST.get("decision") == "approve"
    do_decide_join(req, approve=approve, acting_user=request.user)
    messages.success(request, _("Approved: they are now a member.") if approve
                     else _("Declined."))  # fmt: skip
    return redirect("web:org_detail", org=organisation.ref)
