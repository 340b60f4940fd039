"""Pages of the material-first path: CRM → streams and deposits → technologies → partners.

Thin views: they read through :mod:`symbiose.registry.access` and
:mod:`symbiose.resources.access` (so every stream is redacted for the viewer) and write
through :mod:`symbiose.resources.actions`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from symbiose.registry import access, mapdata
from symbiose.registry import own as permissions
from symbiose.registry.models import Organisation
from symbiose.registry.refs import new_ref
from symbiose.resources import access as res
from symbiose.resources.actions import (
    do_delete_competence,
    do_save_competence,
    do_save_deposit_with_composition,
    do_set_organisation_kind,
)
from symbiose.resources.forms import (
    CompetenceForm,
    DepositForm,
    OrganisationKindForm,
    composition_forms,
    crm_values,
    valid,
)
from symbiose.resources.models import Competence
from symbiose.taxonomy.criticality import FIGURES_SOURCE, assessment
from symbiose.taxonomy.lists import crm_by_id, load_crm
from symbiose.taxonomy.materials import materials_by_id
from symbiose.taxonomy.technologies import technologies_by_id, technologies_for


def _lang() -> str:
    return get_language() or "nb"


def _rows(viewer: access.Viewer, streams: list) -> list[dict]:
    """Redacted rows for a list of streams, each with its deposit details (if any)."""
    out = []
    for s in streams:
        row = access.redacted(viewer, s)
        row["deposit"] = res.deposit_of(viewer, s)
        out.append(row)
    return out


def crm_index(request: HttpRequest) -> HttpResponse:
    """Every critical raw material with its criticality and what the viewer may see of it."""
    viewer = access.viewer_for(request.user)
    streams = list(access.visible_streams(viewer).select_related("deposit"))
    rows_by = res.rows_by_stream(viewer, streams)
    contained, stocked = res.contained_apart(viewer, streams)
    figures = assessment()
    items = []
    for m in load_crm():
        holding = [s for s in streams if res.holds(viewer, s, m.id, rows_by.get(s.id, []))]
        tonnes = [c for c in contained.values() if c.crm_id == m.id]
        items.append({
            "crm": m, "name": m.name(_lang()), "assessment": figures.get(m.id),
            "streams": sum(1 for s in holding if not hasattr(s, "deposit")),
            "deposits": sum(1 for s in holding if hasattr(s, "deposit")),
            "contained": tonnes,
            "contained_once": [c for c in stocked.values() if c.crm_id == m.id],
        })  # fmt: skip
    return render(request, "resources/crm_index.html",
                  {"items": items, "hubs": _hub_totals(viewer, streams)})  # fmt: skip


def _hub_totals(viewer: access.Viewer, streams: list) -> list[dict]:
    """Contained tonnes per hub the viewer works in (facilitators and overseers), from the
    streams the viewer may see: the same rule as every other total. The hubs come through
    ``resources.access.workspaces`` (facilitation registers them)."""
    if not viewer.is_authenticated:
        return []
    out = []
    for name, members in res.workspaces(viewer.user):
        mine = [s for s in streams if s.organisation_id in members]
        yearly, stocked = res.contained_apart(viewer, mine)
        by_symbol = lambda found: sorted(found.values(), key=lambda c: c.symbol)  # noqa: E731
        out.append({"name": name, "contained": by_symbol(yearly),
                    "contained_once": by_symbol(stocked)})  # fmt: skip
    return out


def crm_detail(request: HttpRequest, crm_id: str) -> HttpResponse:
    """One CRM: criticality and sources, the streams and deposits holding it (redacted),
    technologies that recover it and partners with a matching competence."""
    m = crm_by_id().get(crm_id)
    if m is None:
        raise Http404
    viewer = access.viewer_for(request.user)
    holding = res.streams_holding(viewer, crm_id)
    yearly, stocked = res.contained_apart(viewer, holding)
    contained = {k: c for k, c in yearly.items() if c.crm_id == crm_id}
    contained_once = {k: c for k, c in stocked.items() if c.crm_id == crm_id}
    techs = technologies_for(crm_ids={crm_id}, class_ids=set())
    partners = res.partners_for(crm_ids={crm_id}, tech_ids={t.id for t in techs})
    context = {
        "crm": m, "name": m.name(_lang()), "assessment": assessment().get(crm_id),
        "sources": _source_texts(assessment()[crm_id]),
        "rows": _rows(viewer, holding), "contained": sorted(contained.values(),
                                                             key=lambda c: c.symbol),
        "contained_once": sorted(contained_once.values(), key=lambda c: c.symbol),
        "technologies": [(t, t.name(_lang())) for t in techs], "partners": partners,
    }  # fmt: skip
    return render(request, "resources/crm_detail.html", context)


#: The data file's source wording (English, as cited) and how pages say it in each language.
KNOWN_SOURCES = {
    "Regulation (EU) 2024/1252, Annexes I and II (2023 list)": gettext_lazy(
        "Regulation (EU) 2024/1252, Annexes I and II (the 2023 list)"
    ),
    "Symbiose team summary of widely documented end uses (general technical literature); not "
    "quoted from the EU factsheets": gettext_lazy(
        "the Symbiose team's summary of widely documented end uses (general technical "
        "literature), not quoted from the EU factsheets"
    ),
    FIGURES_SOURCE: gettext_lazy(
        "the European Commission's Study on the critical raw materials for the EU 2023 (final "
        "report, DG GROW): results of the 2023 assessment, as transcribed in the public dataset "
        "erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets "
        "(Data/dimension_CRMsOverTime.csv, commit 59383504)"
    ),
}


def _source_texts(a: object) -> dict[str, str]:
    """The sources of an assessment row in the page's language (as cited when not known)."""
    return {
        "list": str(KNOWN_SOURCES.get(a.list_source, a.list_source)),
        "applications": str(KNOWN_SOURCES.get(a.applications_source, a.applications_source)),
        "figures": str(KNOWN_SOURCES.get(a.figures_source, a.figures_source)),
    }


def technology_detail(request: HttpRequest, tech_id: str) -> HttpResponse:
    t = technologies_by_id().get(tech_id)
    if t is None:
        raise Http404
    classes = materials_by_id()
    lang = _lang()
    context = {
        "tech": t, "name": t.name(lang), "note": t.note(lang),
        "crm": [(c, crm_by_id()[c].name(lang)) for c in t.crm],
        "classes": [classes[c].label_nb if lang.startswith("nb") else classes[c].label_en
                    for c in t.material_classes],
        "partners": res.partners_for(tech_ids={t.id}, crm_ids=set(t.crm),
                                     class_ids=set(t.material_classes)),
    }  # fmt: skip
    return render(request, "resources/technology_detail.html", context)


def partner_detail(request: HttpRequest, org: str) -> HttpResponse:
    """An organisation's published competences (only organisations that list some)."""
    organisation = Organisation.objects.filter(ref=org, competences__isnull=False).first()
    if organisation is None:
        raise Http404
    comps = list(organisation.competences.all())
    techs = technologies_by_id()
    lang = _lang()
    for c in comps:
        t = techs.get(c.technology)
        c.technology_name = t.name(lang) if t else ""
        c.crm_names = [crm_by_id()[x].name(lang) for x in c.crm if x in crm_by_id()]
    return render(request, "resources/partner_detail.html",
                  {"org": organisation, "competences": comps})  # fmt: skip


def stream_detail(request: HttpRequest, ref: str) -> HttpResponse:
    """A stream as the viewer may see it, its visible analysis, and who could work on it."""
    viewer = access.viewer_for(request.user)
    try:
        stream = access.get_stream(viewer, ref)
    except access.NotFound:
        raise Http404 from None
    crm_ids = res.visible_crm(viewer, stream)
    classes = res.stream_classes(viewer, stream)
    techs = technologies_for(crm_ids=set(crm_ids), class_ids=classes)
    lang = _lang()
    context = {
        "row": _rows(viewer, [stream])[0],
        "analysis": res.visible_rows(viewer, stream),
        "crm": [(c, crm_by_id()[c].name(lang)) for c in crm_ids],
        "technologies": [(t, t.name(lang)) for t in techs[:8]],
        "partners": res.partners_for(crm_ids=set(crm_ids), class_ids=classes,
                                     tech_ids={t.id for t in techs})[:10],
        "editable": permissions.is_my_stream(request.user, stream),
    }  # fmt: skip
    return render(request, "resources/stream_detail.html", context)


def deposits(request: HttpRequest) -> HttpResponse:
    """Deposits and landfills the viewer may see, listed and on their own map layer."""
    viewer = access.viewer_for(request.user)
    found = list(access.visible_streams(viewer).deposits().select_related("deposit"))
    rows = _rows(viewer, found)
    points = []
    for row in rows:
        url = reverse("resources:stream", args=[row["ref"]])
        p = mapdata.point(row, url=url, link=_("Open"))
        if p is not None:
            points.append(p)
    mine = list(permissions.my_organisations(request.user)) if viewer.is_authenticated else []
    return render(request, "resources/deposits.html",
                  {"rows": rows, "points": points, "my_organisations": mine})  # fmt: skip


@login_required
def competences(request: HttpRequest, org: str) -> HttpResponse:
    """The organisation's type and competences, edited by its members."""
    try:
        organisation = permissions.get_my_organisation(request.user, org)
    except access.NotFound:
        raise Http404 from None
    kind_form = OrganisationKindForm(request.POST if "org-kind" in request.POST else None,
                                     initial={"kind": organisation.kind}, prefix="org")  # fmt: skip
    form = CompetenceForm(request.POST if "title" in request.POST else None)
    if request.method == "POST":
        if kind_form.is_bound and kind_form.is_valid():
            do_set_organisation_kind(organisation, kind_form.cleaned_data["kind"],
                                     acting_user=request.user)  # fmt: skip
            messages.success(request, _("Changes saved."))
            return redirect("resources:competences", org=organisation.ref)
        if form.is_bound and form.is_valid():
            do_save_competence(organisation, form.cleaned_data, acting_user=request.user)
            messages.success(request, _("Competence added."))
            return redirect("resources:competences", org=organisation.ref)
    return render(request, "resources/competences.html", {
        "org": organisation, "kind_form": kind_form, "form": form,
        "competences": organisation.competences.all(),
    })  # fmt: skip


@login_required
@require_POST
def competence_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    try:
        organisation = permissions.get_my_organisation(request.user, org)
    except access.NotFound:
        raise Http404 from None
    comp = Competence.objects.filter(organisation=organisation, pk=pk).first()
    if comp is None:
        raise Http404
    do_delete_competence(comp, acting_user=request.user)
    messages.success(request, _("Competence removed."))
    return redirect("resources:competences", org=organisation.ref)


@login_required
def deposit_new(request: HttpRequest, org: str) -> HttpResponse:
    """Register a deposit or landfill of one's organisation, with its analysis."""
    try:
        organisation = permissions.get_my_organisation(request.user, org)
    except access.NotFound:
        raise Http404 from None
    form = DepositForm(request.POST or None)
    composition, crm = composition_forms(request.POST or None, None)
    if request.method == "POST" and valid(form, composition, crm):
        values = {**form.stream_values, "ref": new_ref("D"), **crm_values(crm)}
        stream, _created = do_save_deposit_with_composition(
            organisation, values, form.details, composition.rows(), acting_user=request.user
        )
        messages.success(request, _("Deposit saved."))
        return redirect("resources:stream", ref=stream.ref)
    return render(request, "resources/deposit_form.html", {
        "form": form, "org": organisation, "composition": composition, "crm_form": crm,
    })  # fmt: skip
