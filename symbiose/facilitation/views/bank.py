"""The Bank of Opportunities: search, view, export as JSON, import a file, pick an entry up."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.facilitation import access, actions, bankformat
from symbiose.facilitation.forms import UploadForm
from symbiose.facilitation.views.common import editable_hub


def _bound(request) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _entry(request, ref):
    try:
        return access.get_bank_entry(request.user, ref)
    except access.NotFound:
        raise Http404(ref) from None


@login_required
def bank_list(request):
    if not access.can_use_bank(request.user):
        raise Http404
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "facilitation/bank_list.html",
        {
            "entries": access.visible_bank(request.user, query),
            "q": query,
            "hubs": [
                h for h in access.workspace_hubs(request.user) if access.can_edit(request.user, h)
            ],
        },  # fmt: skip
    )


@login_required
def bank_detail(request, ref):
    entry = _entry(request, ref)
    hubs = [h for h in access.workspace_hubs(request.user) if access.can_edit(request.user, h)]
    return render(request, "facilitation/bank_entry.html", {"entry": entry, "hubs": hubs})


def _json_response(entries, name: str, request) -> HttpResponse:
    doc = bankformat.document(list(entries), source=request.get_host())
    response = HttpResponse(
        json.dumps(doc, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def bank_export(request):
    if not access.can_use_bank(request.user):
        raise Http404
    entries = access.visible_bank(request.user, request.GET.get("q", "").strip()[:200])
    return _json_response(entries, "bank-of-opportunities.json", request)


@login_required
def bank_entry_export(request, ref):
    entry = _entry(request, ref)
    return _json_response([entry], f"{entry.ref}.json", request)


@login_required
def bank_import(request, slug):
    hub = editable_hub(request, slug)
    form = UploadForm(*_bound(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            entries = actions.check_import_bank(
                hub, upload.read(), source=upload.name[:100], acting_user=request.user
            )
        except bankformat.BankFormatError as err:
            problems = err.problems
        else:
            messages.success(
                request,
                _("%(n)d entries added to the bank for %(hub)s.") % {"n": len(entries), "hub": hub},
            )
            return redirect(f"{_bank_url()}?q=")
    return render(
        request, "facilitation/bank_import.html", {"hub": hub, "form": form, "problems": problems}
    )


def _bank_url() -> str:
    from django.urls import reverse

    return reverse("facilitation:bank")


@login_required
@require_POST
def bank_pick_up(request, ref):
    entry = _entry(request, ref)
    hub = editable_hub(request, request.POST.get("hub", ""))
    opp = actions.do_pick_up(entry, hub, acting_user=request.user)
    return redirect("facilitation:opportunity", ref=opp.ref)
