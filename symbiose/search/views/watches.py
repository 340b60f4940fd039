"""Watches and notifications: what I watch, what happened, start and stop watching."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.registry import access as registry_access
from symbiose.registry.access import NotFound
from symbiose.search import access
from symbiose.search.actions import SearchError, check_create_watch, do_delete_watch, do_mark_read
from symbiose.search.filters import UNITS
from symbiose.search.models import CONTENT_UNITS, THRESHOLD_FIELDS, THRESHOLD_OPS, WATCH_KINDS
from symbiose.search.views.search import element_choices, material_choices
from symbiose.taxonomy.lists import load_crm


@login_required
def watches(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language() or "nb"
    mine = [{"watch": w, "text": access.describe_watch(w, lang)}
            for w in access.watches(request.user)]  # fmt: skip
    return render(request, "search/watches.html", {
        "watches": mine, "notifications": access.notifications(request.user)[:100],
        "unread": access.unread_count(request.user), "kinds": WATCH_KINDS,
        "materials": material_choices(lang), "crms": [(m.id, m.name(lang)) for m in load_crm()],
        "saved": access.saved_searches(request.user), "fields": THRESHOLD_FIELDS,
        "ops": THRESHOLD_OPS, "units": UNITS + CONTENT_UNITS,
        "elements": element_choices(lang), "stream_ref": request.GET.get("stream", "")[:80],
    })  # fmt: skip


@login_required
@require_POST
def watch_new(request: HttpRequest) -> HttpResponse:
    """Start watching; a saved search must be the user's own, a stream one they may see."""
    saved = stream = None
    kind = request.POST.get("kind")
    if kind == "search" and (request.POST.get("saved_search") or "").isdigit():
        try:
            saved = access.get_saved_search(request.user, int(request.POST["saved_search"]))
        except NotFound:
            saved = None
    if kind == "stream":
        try:
            stream = registry_access.get_stream(request.user, request.POST.get("stream", "")[:80])
        except NotFound:
            stream = None
    try:
        check_create_watch(request.POST, acting_user=request.user, saved_search=saved,
                           stream=stream)  # fmt: skip
    except SearchError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("search:watches")
    messages.success(request, _("You are now watching it. We will tell you here and by e-mail."))
    return redirect("search:watches")


@login_required
@require_POST
def watch_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        watch = access.get_watch(request.user, pk)
    except NotFound:
        raise Http404 from None
    do_delete_watch(watch, acting_user=request.user)
    messages.success(request, _("You no longer watch it."))
    return redirect("search:watches")


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    do_mark_read(request.user)
    return redirect("search:watches")
