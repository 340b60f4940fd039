"""Opportunity pages: list, create by hand or from matches, detail with checklist and readiness."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.facilitation import access, actions, history
from symbiose.facilitation.actions.bank import bank_proposal
from symbiose.facilitation.actions.opportunities import (
    PhaseBlocked,
    missing_checks,
    pair_title_and_kind,
)
from symbiose.facilitation.board import Filters, board
from symbiose.facilitation.forms import (
    EntryForm,
    NoteForm,
    OpportunityForm,
    ReadinessForm,
    ShelveForm,
)
from symbiose.facilitation.models import ReadinessLevel
from symbiose.facilitation.models.opportunity import DIMENSIONS, EXIT_CRITERIA, PHASES
from symbiose.facilitation.views.common import (
    editable_hub,
    opportunity,
    post_to_opportunity,
    workspace_hub,
)
from symbiose.registry.models import CATEGORIES


@login_required
def opportunity_list(request, slug):
    hub = workspace_hub(request, slug)
    opps = access.visible_opportunities(request.user).filter(hub=hub)
    status = request.GET.get("status", "active")
    if status in {"active", "shelved", "implemented"}:
        opps = opps.filter(status=status)
    return render(
        request,
        "facilitation/opportunity_list.html",
        {
            "hub": hub,
            "opportunities": opps,
            "status": status,
            "status_tabs": [
                ("active", _("Active")),
                ("implemented", _("Implemented")),
                ("shelved", _("Shelved")),
                ("all", _("All")),
            ],  # fmt: skip
            "phases": PHASES,
            "can_edit": access.can_edit(request.user, hub),
        },  # fmt: skip
    )


@login_required
def opportunity_create(request, slug):
    hub = editable_hub(request, slug)
    form = OpportunityForm(request.POST if request.method == "POST" else None, hub=hub)
    if request.method == "POST" and form.is_valid():
        opp = actions.do_create_opportunity(
            hub, form.cleaned_data, streams=form.cleaned_data["streams"], acting_user=request.user
        )
        return redirect("facilitation:opportunity", ref=opp.ref)
    return render(
        request, "facilitation/form.html", {"form": form, "hub": hub, "title": _("New opportunity")}
    )


@login_required
def match_list(request, slug):
    """The match board: filter, sort and page through the hub's candidates, with values."""
    hub = workspace_hub(request, slug)
    filters = Filters.from_query(request.GET)
    data = board(request.user, hub, filters, request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    everything = query.copy()
    everything.pop("stream", None)
    return render(
        request,
        "facilitation/matches.html",
        {
            "hub": hub,
            "filters": filters,
            "categories": CATEGORIES,
            "query": query.urlencode(),
            "all_streams_query": everything.urlencode(),
            "can_edit": access.can_edit(request.user, hub),
            **data,
        },
    )


@login_required
@require_POST
def opportunity_from_matches(request, slug):
    """Create one opportunity joining the streams of every ticked match."""
    hub = editable_hub(request, slug)
    streams = []
    for pair in request.POST.getlist("pair"):
        offer_ref, _sep, need_ref = pair.partition("|")
        try:
            cand = access.get_candidate(request.user, hub, offer_ref, need_ref)
        except access.NotFound:
            raise Http404(pair) from None
        streams += [cand.offer, cand.need]
    if not streams:
        messages.error(request, _("Tick at least one match to turn into an opportunity."))
        return redirect("facilitation:matches", slug=hub.slug)
    if request.POST.get("each"):
        pairs = list(zip(streams[0::2], streams[1::2], strict=True))
        made = actions.do_create_opportunities_for_pairs(hub, pairs, acting_user=request.user)
        messages.success(
            request,
            _("Opportunities created: %(n)d.") % {"n": len(made)},
        )
        return redirect("facilitation:opportunities", slug=hub.slug)
    streams = list(dict.fromkeys(streams))
    default_title, kind = pair_title_and_kind(streams[0], streams[1])
    title = request.POST.get("title", "").strip()[:200] or default_title
    opp = actions.do_create_opportunity(
        hub, {"title": title, "kind": kind}, streams=streams, acting_user=request.user
    )
    return redirect("facilitation:opportunity", ref=opp.ref)


@login_required
def opportunity_detail(request, ref):
    opp = opportunity(request, ref)
    workspace = access.can_see_notes(request.user, opp)
    done = {(c.phase, c.key) for c in opp.checks.all()}
    checklist = [
        {"phase": n, "label": label, "items": [
            {"key": k, "label": lbl, "done": (n, k) in done} for k, lbl in EXIT_CRITERIA[n]]}
        for n, label in PHASES
    ]  # fmt: skip
    current = opp.readiness()
    texts = {(r.dimension, r.level): r.description for r in ReadinessLevel.objects.all()}
    readiness = [
        {"key": k, "label": label, "level": current.get(k),
         "text": texts.get((k, current.get(k)), "")}
        for k, label in DIMENSIONS
    ]  # fmt: skip
    streams = access.opportunity_streams(request.user, opp)
    context = {
        "opp": opp,
        "workspace": workspace,
        "can_edit": workspace and access.can_edit(request.user, opp.hub),
        "streams": streams,
        # each offer with each need: their value pages (the viewer may open both streams)
        "pairs": [
            (o, n)
            for o in streams
            if o["direction"] == "offer"
            for n in streams
            if n["direction"] == "need"
        ][:12],
        "organisations": access.opportunity_organisations(request.user, opp),
        "checklist": checklist,
        "missing": missing_checks(opp),
        "readiness": readiness,
        "srl": opp.srl(),
        "level_texts": ReadinessLevel.objects.all(),
    }
    if workspace:
        context.update(
            notes=opp.notes.select_related("author"),
            history=history.rows(history.opportunity_events(opp)[:100]),
            readiness_form=ReadinessForm(initial=current),
            shelve_form=ShelveForm(initial=bank_proposal(opp)),
            note_form=NoteForm(),
            exchange=getattr(opp, "exchange", None),
            entry_form=EntryForm(),
        )
    return render(request, "facilitation/opportunity.html", context)


@login_required
def opportunity_edit(request, ref):
    opp = opportunity(request, ref, edit=True)
    form = OpportunityForm(
        request.POST if request.method == "POST" else None, instance=opp, hub=opp.hub
    )
    if request.method == "POST" and form.is_valid():
        actions.do_update_opportunity(opp, form.cleaned_data, acting_user=request.user)
        return redirect("facilitation:opportunity", ref=opp.ref)
    return render(
        request,
        "facilitation/form.html",
        {"form": form, "hub": opp.hub, "title": _("Edit opportunity"), "opp": opp},
    )


@login_required
@require_POST
def opportunity_check(request, ref):
    opp = opportunity(request, ref, edit=True)
    try:
        phase = int(request.POST.get("phase", ""))
    except ValueError:
        raise Http404 from None
    valid = {k for k, _l in EXIT_CRITERIA.get(phase, [])}
    key = request.POST.get("key", "")
    if key not in valid:
        raise Http404(key)
    actions.do_set_check(opp, phase, key, request.POST.get("done") == "1", acting_user=request.user)
    return redirect("facilitation:opportunity", ref=opp.ref)


@login_required
@require_POST
def opportunity_advance(request, ref):
    opp = opportunity(request, ref, edit=True)
    try:
        actions.do_advance_phase(opp, acting_user=request.user)
    except PhaseBlocked as err:
        messages.error(request, str(err))
    return redirect("facilitation:opportunity", ref=opp.ref)


@login_required
@require_POST
def opportunity_readiness(request, ref):
    return post_to_opportunity(
        request, ref, ReadinessForm,
        lambda opp, f: actions.do_assess_readiness(
            opp, f.levels(), f.cleaned_data["note"], acting_user=request.user),
    )  # fmt: skip


@login_required
@require_POST
def opportunity_note(request, ref):
    return post_to_opportunity(
        request, ref, NoteForm,
        lambda opp, f: actions.do_add_note(
            opp, f.cleaned_data["text"], f.cleaned_data["document"], acting_user=request.user),
    )  # fmt: skip


@login_required
@require_POST
def opportunity_shelve(request, ref):
    return post_to_opportunity(
        request, ref, ShelveForm,
        lambda opp, f: actions.do_shelve(
            opp, f.cleaned_data["reason"], title=f.cleaned_data["bank_title"],
            description=f.cleaned_data["bank_description"], acting_user=request.user),
    )  # fmt: skip
