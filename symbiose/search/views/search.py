"""The search page, its export and saved searches (signed-in users only).

Thin: parse the filters (:mod:`symbiose.search.filters`), read the results through
:mod:`symbiose.search.access` (redacted for the viewer), render. Anonymous visitors are sent
to sign in: search is for signed-in users (the public map and API show public streams).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.registry import mapdata
from symbiose.registry.access import NotFound
from symbiose.registry.models import CATEGORIES, DIRECTIONS
from symbiose.search import access
from symbiose.search.actions import SearchError, check_save_search, do_delete_search
from symbiose.search.filters import FRESHNESS_DAYS, SORTS, UNITS, counties, describe, parse
from symbiose.search.tasks import index_being_built
from symbiose.spreadsheet import safe_row
from symbiose.taxonomy.elements import elements
from symbiose.taxonomy.lists import load_crm
from symbiose.taxonomy.materials import load_materials

PER_PAGE = 25


def material_choices(lang: str) -> list[tuple[str, str]]:
    """Material classes for a select, children indented under their parents."""
    classes = load_materials()
    depth: dict[str, int] = {}
    for c in classes:  # parents come before children
        depth[c.id] = depth[c.parent] + 1 if c.parent in depth else 0
    label = (lambda c: c.label_nb) if lang == "nb" else (lambda c: c.label_en)
    return [(c.id, "\u2003" * depth[c.id] + label(c)) for c in classes]


def element_choices(lang: str) -> list[tuple[str, str]]:
    """Elements for a select: "Ga – gallium", by symbol."""
    name = (lambda e: e.name_nb) if lang == "nb" else (lambda e: e.name_en)
    return sorted((e.symbol, f"{e.symbol} – {name(e)}") for e in elements().values())


def choices(lang: str) -> dict:
    return {
        "directions": DIRECTIONS,
        "categories": CATEGORIES,
        "materials": material_choices(lang),
        "crms": [(m.id, m.name(lang)) for m in load_crm()],
        "elements": element_choices(lang),
        "counties": sorted(counties().items(), key=lambda kv: kv[1]),
        "units": UNITS,
        "freshness": FRESHNESS_DAYS,
        "sorts": list(SORTS.items()),
    }


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search every stream the user may see; list, map and (facilitators) export."""
    lang = translation.get_language() or "nb"
    filters, errors = parse(request.GET)
    hits = access.search_streams(request.user, filters)
    page = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    lines = access.composition_lines(request.user, list(page.object_list))
    for h in page.object_list:
        h.composition = lines.get(h.row["ref"], [])
    points = []
    for h in hits:
        p = mapdata.point(h.row)
        if p is not None:
            points.append(p)
    params = filters.to_query()
    return render(request, "search/search.html", {
        "filters": filters, "params": params, "errors": errors, "page": page, "total": len(hits),
        "points": points, "query": urlencode(params), "may_export": access.may_export(request.user),
        "saved": access.saved_searches(request.user), "summary": describe(filters, lang),
        "capped": len(hits) >= access.MAX_RESULTS, "index_building": index_being_built(),
        **choices(lang),
    })  # fmt: skip


#: Export columns: (header, key of the redacted row).
COLUMNS = (
    ("ref", "ref"), ("organisation", "organisation_name"), ("municipality", "municipality"),
    ("direction", "direction"), ("category", "category"), ("title", "title"),
    ("description", "description"), ("ewc_code", "ewc_code"), ("hazardous", "hazardous"),
    ("legal_status", "legal_status"), ("annual_quantity", "annual_quantity"),
    ("annual_unit", "annual_unit"),
    # "once": annual_quantity is a one-off lot (a stock, a batch), not an amount a year
    ("period", "period"), ("price_nok_per_unit", "price_nok_per_unit"),
    ("crm", "crm"), ("composition", "composition"), ("lat", "lat"), ("lon", "lon"),
    ("confirmed_at", "confirmed_at"), ("hidden_fields", "hidden_fields"),
)  # fmt: skip


def _cells(h: access.Hit, analysis: dict[str, list[tuple]]) -> list:
    out = []
    for _header, key in COLUMNS:
        value = h.row.get(key)
        if isinstance(value, list):
            value = ";".join(value)
        out.append(value)
    out.append(h.distance_km)
    rows = analysis.get(h.row["ref"], [])
    out.append("; ".join(f"{sub} {content:g} {unit}" for sub, content, unit in rows))
    return safe_row(out)


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The results as CSV or XLSX: facilitators only, the redacted values, no formulas."""
    if not access.may_export(request.user):
        return HttpResponseForbidden(_("Only facilitators may export search results."))
    filters, _errors = parse(request.GET)
    hits = access.search_streams(request.user, filters)
    headers = [h for h, _k in COLUMNS] + ["distance_km", "analysis"]
    analysis = access.composition_lines(request.user, hits)
    if fmt == "xlsx":
        data = tablib.Dataset(headers=headers, title="streams")
        for h in hits:
            data.append(_cells(h, analysis))
        body = data.export("xlsx")
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(headers)
        for h in hits:
            writer.writerow(_cells(h, analysis))
        body, ctype = buf.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="symbiose-search.{fmt}"'
    return response


@login_required
def saved_list(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language() or "nb"
    rows = [
        {"saved": s, "query": urlencode(s.query), "summary": describe(parse(s.query)[0], lang)}
        for s in access.saved_searches(request.user)
    ]
    return render(request, "search/saved.html", {"rows": rows})


@login_required
@require_POST
def saved_save(request: HttpRequest) -> HttpResponse:
    params = {
        k: request.POST.get(k, "") for k in request.POST if k not in ("name", "csrfmiddlewaretoken")
    }
    try:
        saved = check_save_search(request.POST.get("name"), params, acting_user=request.user)
    except SearchError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(reverse("search:search") + "?" + urlencode(parse(params)[0].to_query()))
    messages.success(request, _("Search “{name}” saved.").format(name=saved.name))
    return redirect("search:saved")


@login_required
@require_POST
def saved_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        saved = access.get_saved_search(request.user, pk)
    except NotFound:
        raise Http404 from None
    do_delete_search(saved, acting_user=request.user)
    messages.success(request, _("Search “{name}” deleted.").format(name=saved.name))
    return redirect("search:saved")
