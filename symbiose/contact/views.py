"""Contact pages: ask to be put in touch, answer, write; switch match alerts on or off.

Thin: parse, authorise through :mod:`symbiose.contact.access` (a refused request is a 404),
call an action from :mod:`symbiose.contact.actions`, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.contact import access
from symbiose.contact.actions import (
    do_answer_contact,
    do_delete_alert,
    do_post_message,
    do_request_contact,
    do_save_alert,
)
from symbiose.contact.forms import (
    MESSAGE_LIMIT,
    AnswerForm,
    ContactForm,
    MessageForm,
    limit_revealable,
)
from symbiose.registry import access as registry_access
from symbiose.registry import own as mine
from symbiose.registry.shortcuts import or_404
from symbiose.registry.validation import clean_float
from symbiose.resources.access import marked_with_content


@login_required
@require_POST
def alert(request: HttpRequest, ref: str) -> HttpResponse:
    """Switch e-mail alerts about new matches for one of my streams on or off."""
    stream = or_404(mine.get_my_stream, request.user, ref)
    existing = access.my_alert(request.user, stream)
    if existing and request.POST.get("off"):
        do_delete_alert(existing, acting_user=request.user)
        messages.success(request, _("Alerts switched off."))
    else:
        try:
            max_km = clean_float(request.POST.get("max_km"), "max_km", minimum=0, maximum=40_000)
        except ValueError:
            max_km = None
        do_save_alert(stream, acting_user=request.user, max_km=max_km,
                      feasible_only=request.POST.get("feasible") == "1")  # fmt: skip
        messages.success(request, _("We will e-mail you when a new match appears."))
    return redirect("web:matches", ref=stream.ref)


@login_required
def new(request: HttpRequest, ref: str) -> HttpResponse:
    """Ask to be put in touch about another organisation's stream."""
    other = or_404(registry_access.get_stream, request.user, ref)
    own_choices = [
        (s.ref, f"{s.get_direction_display()}: {s.title}")
        for s in mine.my_streams(request.user).exclude(organisation=other.organisation)
    ]
    if not own_choices:
        raise Http404
    form = ContactForm(request.POST or None, initial={"own": request.GET.get("own")})
    form.fields["own"].choices = own_choices
    own_sensitive = marked_with_content(
        mine.my_streams(request.user).exclude(organisation=other.organisation)
    )
    limit_revealable(form, own_sensitive)
    named = access.named_own_streams(request.user)
    if not named:
        del form.fields["hide_identity"]
    if request.method == "POST" and form.is_valid():
        own = mine.get_my_stream(request.user, form.cleaned_data["own"])
        req = do_request_contact(
            own,
            other,
            fields=form.cleaned_data.get("fields", []),
            note=form.cleaned_data["note"],
            acting_user=request.user,
            hide_identity=bool(form.cleaned_data.get("hide_identity")),
            phone=form.cleaned_data.get("phone", ""),
        )
        messages.success(request, _("Request sent. You will see their answer here."))
        return redirect("contact:detail", pk=req.pk)
    selected = form["own"].value()
    own_refs = [ref for ref, _label in own_choices]
    shown = [named[selected]] if selected in named else []
    if not selected:
        shown = [named[ref] for ref in own_refs if ref in named]
    return render(
        request,
        "contact/new.html",
        {
            "form": form,
            "other": registry_access.redacted(request.user, other),
            "named_titles": shown,
        },
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    reqs = access.contact_requests(request.user)
    items = [access.contact_view(request.user, r) for r in reqs]
    return render(request, "contact/list.html", {"items": items})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = or_404(access.get_contact_request, request.user, pk)
    view = access.contact_view(request.user, req)
    message_form = MessageForm(request.POST or None)
    if request.method == "POST" and view["accepted"] and message_form.is_valid():
        org = req.requester_org if view["side"] == "requester" else req.target_org
        do_post_message(req, org, message_form.cleaned_data["body"], acting_user=request.user)
        return redirect("contact:detail", pk=req.pk)
    answer_form = AnswerForm()
    limit_revealable(answer_form, marked_with_content([req.target_stream]))
    return render(
        request,
        "contact/detail.html",
        {**view, "answer_form": answer_form, "message_form": message_form,
         "message_limit": MESSAGE_LIMIT},
    )  # fmt: skip


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    req = or_404(access.get_contact_request, request.user, pk)
    if access.side(request.user, req) != "target" or req.status != "pending":
        raise Http404
    form = AnswerForm(request.POST)
    limit_revealable(form, marked_with_content([req.target_stream]))
    valid = form.is_valid()
    fields = form.cleaned_data.get("fields", []) if valid else []
    phone = form.cleaned_data.get("phone", "") if valid else ""
    accept = request.POST.get("answer") == "accept"
    do_answer_contact(req, accept=accept, fields=fields, acting_user=request.user, phone=phone)
    messages.success(request, _("Accepted: you can now write to each other.") if accept
                     else _("Declined. They will not learn who you are."))  # fmt: skip
    return redirect("contact:detail", pk=req.pk)
