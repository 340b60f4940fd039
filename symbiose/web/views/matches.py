"""Matches for my streams, contact requests and messages, and the map."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.impact.adapter import default_practice, factor_set, try_assess_pair
from symbiose.impact.display import not_worth_explanation
from symbiose.matching.access import matches_for_stream
from symbiose.matching.contact_models import SavedSearch
from symbiose.matching.models import Change
from symbiose.registry import access, mapdata
from symbiose.registry.models import CATEGORIES, DIRECTIONS
from symbiose.registry.validation import clean_float
from symbiose.resources.access import marked_with_content
from symbiose.web import permissions
from symbiose.web.actions import (
    do_answer_contact,
    do_delete_alert,
    do_post_message,
    do_request_contact,
    do_save_alert,
)
from symbiose.web.forms import (
    MESSAGE_LIMIT,
    AnswerForm,
    ContactForm,
    MessageForm,
    limit_revealable,
)
from symbiose.web.library import cases_for
from symbiose.web.views.common import or_404


def _add_impact(user, rows: list[dict]) -> None:
    """What each pair is worth (central estimate and range), as this user may see it."""
    viewer = access.viewer_for(user)  # one Viewer: its sets are computed once for the page
    factors = factor_set()
    refs = {r["match"].offer["ref"] for r in rows} | {r["match"].need["ref"] for r in rows}
    streams = {s.ref: s for s in access.visible_streams(viewer).filter(ref__in=refs)}
    for row in rows:
        offer, need = row["match"].offer["ref"], row["match"].need["ref"]
        pair = None
        if offer in streams and need in streams:
            pair = try_assess_pair(streams[offer], streams[need], viewer=viewer, factors=factors)
        row["impact"] = pair.to_dict() if pair and pair.result.modelled else None
        row["impact_url"] = reverse("impact:pair", args=[offer, need])


def _split_not_worth(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Proposals, and the pairs that lose money or CO2 (shown apart, with the reason)."""
    keep = [r for r in rows if not r["impact"] or r["impact"]["worth_it"]]
    return keep, [r for r in rows if r["impact"] and not r["impact"]["worth_it"]]


@login_required
def matches(request: HttpRequest, ref: str) -> HttpResponse:
    """Ranked candidates of one of my streams, with reasons, distance, filters and a map."""
    stream = or_404(permissions.get_my_stream, request.user, ref)
    feasible = request.GET.get("feasible") == "1"
    category = request.GET.get("category") or None
    if category not in dict(CATEGORIES):
        category = None
    try:
        max_km = clean_float(request.GET.get("max_km"), "max_km", minimum=0, maximum=40_000)
    except ValueError:
        max_km = None
    viewer = access.viewer_for(request.user)  # shared by the candidates and their impact
    found = matches_for_stream(
        viewer, stream, feasible_only=feasible, category=category, max_km=max_km
    )
    rows = [{"match": m, "other": m.counterpart(stream.ref)} for m in found]
    _add_impact(viewer, rows)
    rows, not_worth = _split_not_worth(rows)
    points = [
        p
        for p in (
            mapdata.point(r["other"], url=f"#m-{r['other']['ref']}", link=_("See this match"))
            for r in rows
        )
        if p is not None
    ]
    own = stream.point
    return render(
        request,
        "web/matches/list.html",
        {
            "stream": stream,
            "rows": rows,
            "categories": CATEGORIES,
            "filters": {"feasible": feasible, "category": category or "", "max_km": max_km},
            "points": points,
            "own_point": list(own) if own else None,
            "cases": cases_for(stream),
            "not_worth": not_worth,
            "not_worth_why": not_worth_explanation(factor_set()) if not_worth else "",
            "assumed_practice": {} if stream.current_practice else default_practice(stream),
            "alert": SavedSearch.objects.filter(user=request.user, stream=stream).first(),
            "refreshing": Change.objects.pending_for(stream),
        },
    )


@login_required
@require_POST
def alert(request: HttpRequest, ref: str) -> HttpResponse:
    """Switch e-mail alerts about new matches for one of my streams on or off."""
    stream = or_404(permissions.get_my_stream, request.user, ref)
    existing = SavedSearch.objects.filter(user=request.user, stream=stream).first()
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
def contact_new(request: HttpRequest, ref: str) -> HttpResponse:
    """Ask to be put in touch about another organisation's stream."""
    other = or_404(access.get_stream, request.user, ref)
    own_choices = [
        (s.ref, f"{s.get_direction_display()}: {s.title}")
        for s in permissions.my_streams(request.user).exclude(organisation=other.organisation)
    ]
    if not own_choices:
        raise Http404
    form = ContactForm(request.POST or None, initial={"own": request.GET.get("own")})
    form.fields["own"].choices = own_choices
    own_sensitive = marked_with_content(
        permissions.my_streams(request.user).exclude(organisation=other.organisation)
    )
    limit_revealable(form, own_sensitive)
    named = permissions.named_own_streams(request.user)
    if not named:
        del form.fields["hide_identity"]
    if request.method == "POST" and form.is_valid():
        own = permissions.get_my_stream(request.user, form.cleaned_data["own"])
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
        return redirect("web:contact_detail", pk=req.pk)
    selected = form["own"].value()
    own_refs = [ref for ref, _label in own_choices]
    shown = [named[selected]] if selected in named else []
    if not selected:
        shown = [named[ref] for ref in own_refs if ref in named]
    return render(
        request,
        "web/contact/new.html",
        {"form": form, "other": access.redacted(request.user, other), "named_titles": shown},
    )


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    reqs = permissions.contact_requests(request.user)
    items = [permissions.contact_view(request.user, r) for r in reqs]
    return render(request, "web/contact/list.html", {"items": items})


@login_required
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = or_404(permissions.get_contact_request, request.user, pk)
    view = permissions.contact_view(request.user, req)
    message_form = MessageForm(request.POST or None)
    if request.method == "POST" and view["accepted"] and message_form.is_valid():
        org = req.requester_org if view["side"] == "requester" else req.target_org
        do_post_message(req, org, message_form.cleaned_data["body"], acting_user=request.user)
        return redirect("web:contact_detail", pk=req.pk)
    answer_form = AnswerForm()
    limit_revealable(answer_form, marked_with_content([req.target_stream]))
    return render(
        request,
        "web/contact/detail.html",
        {**view, "answer_form": answer_form, "message_form": message_form,
         "message_limit": MESSAGE_LIMIT},
    )  # fmt: skip


@login_required
@require_POST
def contact_answer(request: HttpRequest, pk: int) -> HttpResponse:
    req = or_404(permissions.get_contact_request, request.user, pk)
    if permissions.side(request.user, req) != "target" or req.status != "pending":
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
    return redirect("web:contact_detail", pk=req.pk)


def hub_map(request: HttpRequest) -> HttpResponse:
    return render(request, "web/map.html", {"categories": CATEGORIES, "directions": DIRECTIONS})


def map_layer(request: HttpRequest) -> JsonResponse:
    """Organisations and the streams the viewer may see, as GeoJSON; hidden places left out."""
    viewer = access.viewer_for(request.user)
    qs = access.visible_streams(viewer).order_by("ref")
    category = request.GET.get("category")
    if category in dict(CATEGORIES):
        qs = qs.filter(category=category)
    direction = request.GET.get("direction")
    if direction in dict(DIRECTIONS):
        qs = qs.filter(direction=direction)
    mine = set(permissions.my_streams(request.user).values_list("ref", flat=True))
    features = []
    for stream in qs[:2000]:
        data = access.redacted(viewer, stream)
        if data["ref"] in mine:
            url, link = reverse("web:matches", args=[data["ref"]]), _("See matches")
        elif data["organisation_ref"]:
            url = reverse("web:org_detail", args=[data["organisation_ref"]])
            link = _("Organisation page")
        else:
            url, link = "", ""
        p = mapdata.point(data, url=url, link=link)
        if p is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.pop("lon"), p.pop("lat")]},
            "properties": {**p, "ref": data["ref"], "organisation_name": p["org"],
                           "annual_quantity": data["annual_quantity"],
                           "annual_unit": data["annual_unit"]},
        })  # fmt: skip
    return JsonResponse({"type": "FeatureCollection", "features": features})
