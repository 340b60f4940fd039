"""Resources API: CRM with criticality, composition rows, deposits and the technology catalogue.

Thin: every stream value comes through :mod:`symbiose.registry.access` and
:mod:`symbiose.resources.access`; a stream one may not see is a 404 like a missing one, and a
hidden analysis is ``hidden: true`` with no rows.
"""

from __future__ import annotations

from dataclasses import asdict

from django.http import Http404, HttpRequest
from ninja import Router

from symbiose.registry import access
from symbiose.resources import access as res
from symbiose.resources.schemas import CompositionOut, CrmOut, DepositOut, TechnologyOut
from symbiose.taxonomy.criticality import assessment
from symbiose.taxonomy.lists import load_crm
from symbiose.taxonomy.technologies import load_technologies

router = Router(tags=["resources"])


@router.get("/crm", response=list[CrmOut])
def list_crm(request: HttpRequest) -> list[dict]:
    """Every CRM: criticality, applications, figures (null when not given) and sources, with
    the streams, deposits and contained tonnes the requester may see."""
    viewer = access.viewer_for(request.user)
    streams = list(access.visible_streams(viewer).select_related("deposit"))
    rows = res.rows_by_stream(viewer, streams)
    contained, stocked = res.contained_apart(viewer, streams)
    figures = assessment()
    out = []
    for m in load_crm():
        a = figures[m.id]
        holding = [s for s in streams if res.holds(viewer, s, m.id, rows.get(s.id, []))]
        deposits = sum(1 for s in holding if hasattr(s, "deposit"))
        out.append({
            **asdict(m), "elements": list(m.elements),
            "applications_en": a.applications_en, "applications_nb": a.applications_nb,
            "supply_risk": a.supply_risk, "economic_importance": a.economic_importance,
            "sources": [x for x in (a.list_source, a.applications_source, a.figures_source) if x],
            "streams": len(holding) - deposits, "deposits": deposits,
            **{key: [{"symbol": c.symbol, "tonnes": c.tonnes, "streams": c.streams,
                      "estimated": c.estimated}
                     for c in found.values() if c.crm_id == m.id]
               for key, found in (("contained", contained), ("contained_once", stocked))},
        })  # fmt: skip
    return out


@router.get("/streams/{ref}/composition", response=CompositionOut)
def stream_composition(request: HttpRequest, ref: str) -> dict:
    viewer = access.viewer_for(request.user)
    try:
        stream = access.get_stream(viewer, ref)
    except access.NotFound:
        raise Http404 from None
    shown = res.analysis_visible(viewer, stream)
    return {"stream_ref": stream.ref, "hidden": not shown,
            "rows": res.visible_rows(viewer, stream)}  # fmt: skip


@router.get("/deposits", response=list[DepositOut])
def list_deposits(request: HttpRequest) -> list[dict]:
    viewer = access.viewer_for(request.user)
    found = access.visible_streams(viewer).deposits().select_related("deposit").order_by("ref")
    return [{**access.redacted(viewer, s), "deposit": res.deposit_of(viewer, s)} for s in found]


@router.get("/technologies", response=list[TechnologyOut])
def list_technologies(request: HttpRequest) -> list[dict]:
    return [{**asdict(t), "material_classes": list(t.material_classes), "crm": list(t.crm)}
            for t in load_technologies()]  # fmt: skip
