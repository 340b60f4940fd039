"""Facilitation API (mounted at /api/facilitation/): hubs, opportunities, the bank.

Reads go through access.py; a hub or opportunity the caller may not see is a 404.
"""

from __future__ import annotations

from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from symbiose.facilitation import access, actions, bankformat
from symbiose.facilitation.schemas import (
    HubOut,
    ImportedOut,
    OpportunityIn,
    OpportunityOut,
    ProblemsOut,
)
from symbiose.registry import access as registry_access

router = Router(tags=["facilitation"], auth=django_auth)


def _hub_out(hub) -> dict:
    return {
        "slug": hub.slug, "name": hub.name, "kind": hub.kind, "description": hub.description,
        "center_lat": hub.center_lat, "center_lon": hub.center_lon, "radius_km": hub.radius_km,
        "member_refs": sorted(hub.members.values_list("ref", flat=True)),
    }  # fmt: skip


def _opp_out(user, opp) -> dict:
    visible = registry_access.visible_streams(user).filter(opportunities=opp)
    return {
        "ref": opp.ref, "hub": opp.hub.slug, "title": opp.title, "kind": opp.kind,
        "description": opp.description, "phase": opp.phase, "status": opp.status,
        "readiness": opp.readiness(), "srl": opp.srl(),
        "organisation_refs": sorted(
            o["ref"] for o in access.opportunity_organisations(user, opp) if o["ref"]
        ),
        "stream_refs": sorted(visible.values_list("ref", flat=True)),
        "next_step": opp.next_step, "due_date": opp.due_date,
    }  # fmt: skip


def _hub(request, slug):
    try:
        return access.get_workspace_hub(request.user, slug)
    except access.NotFound:
        raise HttpError(404, "Not found") from None


@router.get("/hubs", response=list[HubOut])
def list_hubs(request):
    return [_hub_out(h) for h in access.workspace_hubs(request.user)]


@router.get("/hubs/{slug}/opportunities", response=list[OpportunityOut])
def list_opportunities(request, slug: str):
    hub = _hub(request, slug)
    opps = access.visible_opportunities(request.user).filter(hub=hub)
    return [_opp_out(request.user, o) for o in opps]


@router.post("/hubs/{slug}/opportunities", response={201: OpportunityOut, 403: ProblemsOut})
def create_opportunity(request, slug: str, payload: OpportunityIn):
    hub = _hub(request, slug)
    if not access.can_edit(request.user, hub):
        return Status(403, {"problems": ["Only the hub's facilitators may create opportunities."]})
    streams = []
    for ref in payload.stream_refs:
        stream = access.hub_streams(request.user, hub).filter(ref=ref).first()
        if stream is None:
            raise HttpError(422, f"stream_refs: no stream {ref} in this hub")
        streams.append(stream)
    values = payload.dict(exclude={"stream_refs"})
    opp = actions.do_create_opportunity(hub, values, streams=streams, acting_user=request.user)
    return Status(201, _opp_out(request.user, opp))


@router.get("/opportunities/{ref}", response=OpportunityOut)
def get_opportunity(request, ref: str):
    try:
        opp = access.get_opportunity(request.user, ref)
    except access.NotFound:
        raise HttpError(404, "Not found") from None
    return _opp_out(request.user, opp)


@router.get("/bank")
def export_bank(request, q: str = ""):
    """The bank in the documented exchange format (docs/bank-format.md)."""
    if not access.can_use_bank(request.user):
        raise HttpError(404, "Not found")
    entries = list(access.visible_bank(request.user, q[:200]))
    return bankformat.document(entries, source=request.get_host())


@router.post("/hubs/{slug}/bank", response={201: ImportedOut, 403: ProblemsOut, 422: ProblemsOut})
def import_bank(request, slug: str):
    """Add entries to the hub's bank; the request body is a bank file (JSON)."""
    hub = _hub(request, slug)
    if not access.can_edit(request.user, hub):
        return Status(403, {"problems": ["Only the hub's facilitators may import into its bank."]})
    try:
        entries = actions.check_import_bank(
            hub, request.body, source="api", acting_user=request.user
        )
    except bankformat.BankFormatError as err:
        return Status(422, {"problems": err.problems})
    return Status(201, {"refs": [e.ref for e in entries]})
