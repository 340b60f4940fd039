"""Regional API (mounted at /api/regional/): the overview's figures and the update rounds.

The same reads and the same protection as the pages: figures come from
:func:`symbiose.regional.overview.build` (suppressed ones have a null value and a reason);
the overview is for system facilitators and admins (403 for anyone else signed in), rounds
are listed for the hubs' workspace.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from ninja import Router
from ninja.errors import HttpError
from ninja.security import django_auth

from symbiose.regional import access, overview
from symbiose.regional.disclosure import Cell
from symbiose.regional.schemas import OverviewOut, RoundOut

router = Router(tags=["regional"], auth=django_auth)


def _figure(c: Cell) -> dict[str, Any]:
    return {"value": c.value if c.shown else None, "reason": c.reason}


def _stream_row(key: str, cells: dict[str, Cell]) -> dict[str, Any]:
    return {"key": key, "offers": _figure(cells["offers"]), "needs": _figure(cells["needs"]),
            "tonnes_per_year": _figure(cells["tonnes"]),
            "tonnes_in_one_off_lots": _figure(cells["lots"])}  # fmt: skip


@router.get("/overview", response=OverviewOut)
def get_overview(request):
    if not access.is_system_facilitator(request.user):
        raise HttpError(403, "Only system facilitators see the regional overview.")
    data = overview.build(request.user)
    categories = data["streams"]["category"]
    outcomes = data["outcomes"]["outcomes"]
    received = next(f["cell"] for f in data["outcomes"]["funding"] if f["key"] == "received")
    return {
        "hubs": [h.slug for h in data["hubs"]],
        "streams_by_category": [_stream_row(r.key, r.cells) for r in categories["rows"]],
        "streams_total": _stream_row("total", categories["total"].cells),
        "candidates": data["candidate_count"],
        "opportunities_by_phase": [
            {"phase": p["phase"], "count": p["count"]} for p in data["phases"]
        ],  # fmt: skip
        "implemented": data["implemented_count"],
        "shelved": data["shelved_count"],
        "impact": [
            {
                "status": r["status"],
                "co2e_t_per_year": _figure(r["co2e"]),
                "net_nok_per_year": _figure(r["nok"]),
                "pairs": r["pairs"],
                "valued": r["valued"],
                "co2e_t_once": _figure(r["co2e_once"]),
                "net_nok_once": _figure(r["nok_once"]),
                "one_off_lots_valued": r["one_off"],
            }
            for r in data["impact"]["rows"]
        ],  # fmt: skip
        "outcomes": {
            **{k: _figure(v) for k, v in outcomes.items()},
            "funding_received_nok": _figure(received),
        },  # fmt: skip
        "targets": [
            {
                "id": t["target"].pk,
                "metric": t["target"].metric,
                "value": t["target"].value,
                "year": t["target"].year,
                "region": t["target"].region,
                "source": t["target"].source,
                "is_demo": t["target"].is_demo,
                "hubs": [h.slug for h in t["hubs"]],
                "achieved": _figure(t["achieved"]),
                "percent": t["percent"],
                "status": t["status"],
            }
            for t in data["targets"]
        ],  # fmt: skip
    }


@router.get("/rounds", response=list[RoundOut])
def list_rounds(request):
    rounds = access.visible_rounds(request.user).annotate(
        asked=Count("requests"),
        confirmed=Count("requests", filter=Q(requests__confirmed_at__isnull=False)),
    )
    return [{"id": r.pk, "hub": r.hub.slug, "year": r.year, "deadline": r.deadline,
             "open": r.is_open, "asked": r.asked, "confirmed": r.confirmed}
            for r in rounds]  # fmt: skip
