"""Matches for my streams and the map (contact requests are in the contact app)."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from symbiose.contact.access import my_alert
from symbiose.impact.adapter import default_practice, factor_set
from symbiose.impact.display import not_worth_explanation
from symbiose.impact.stored import PageValues
from symbiose.matching.access import matches_for_stream
from symbiose.matching.models import Change
from symbiose.registry import access, mapdata
from symbiose.registry.models import CATEGORIES, DIRECTIONS
from symbiose.registry.shortcuts import or_404
from symbiose.registry.validation import clean_float
from symbiose.web import permissions
from symbiose.web.library import cases_for
from symbiose.web.templatetags.symbiose_web import unit_text


def _add_impact(user, rows: list[dict]) -> None:
    """What each pair is worth (central estimate and range), as this user may see it: the
    value a task worker stored for this view when it is current, else computed here."""
    viewer = access.viewer_for(user)  # one Viewer: its sets are computed once for the page
    refs = {r["match"].offer["ref"] for r in rows} | {r["match"].need["ref"] for r in rows}
    streams = {s.ref: s for s in access.visible_streams(viewer).filter(ref__in=refs)}
    pairs = {}
    for row in rows:
        offer, need = row["match"].offer["ref"], row["match"].need["ref"]
        if offer in streams and need in streams:
            pairs[offer, need] = (streams[offer], streams[need])
    values = PageValues(viewer).load(pairs.values())
    for row in rows:
        offer, need = row["match"].offer["ref"], row["match"].need["ref"]
        head = values.get(*pairs[offer, need]) if (offer, need) in pairs else None
        row["impact"] = head.card() if head else None
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
    # Asked before the candidates are read: a worker stores a stream's candidates and marks
    # its change handled in one transaction, so "not pending" here means the candidates read
    # next are complete. Asked after, a refresh finishing in between left an empty list that
    # said "no partners found" with no notice that they were on their way.
    refreshing = Change.objects.pending_for(stream)
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
            "alert": my_alert(request.user, stream),
            "refreshing": refreshing,
        },
    )


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
    see_matches, org_page = _("See matches"), _("Organisation page")  # once, not per point
    org_url = mapdata.reverser("web:org_detail")  # reversed once, not once per point
    features = []
    units = functools.cache(unit_text)  # a few units, 2 000 points
    for data in access.map_rows(viewer, qs[:2000]):
        if data["ref"] in mine:
            url, link = reverse("web:matches", args=[data["ref"]]), see_matches
        elif data["organisation_ref"]:
            url, link = org_url(data["organisation_ref"]), org_page
        else:
            url, link = "", ""
        p = mapdata.point(data, url=url, link=link)
        if p is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.pop("lon"), p.pop("lat")]},
            # the quantity (None when hidden) and the words after it in the page's language
            # ("tonn (én gang)" for a deposit, "tonn/år" for a flow); the map writes the
            # number in the page's language (formatting 2 000 here cost about 45 ms of CPU)
            "properties": {**p, "ref": data["ref"], "organisation_name": p["org"],
                           "quantity": data["annual_quantity"],
                           "unit_text": units(data["annual_unit"], data["period"])},
        })  # fmt: skip
    return JsonResponse({"type": "FeatureCollection", "features": features})
