"""Reports: the regional mapping report (PDF and XLSX) and per-participant match sheets (PDF).

Data is read through access.py for the asking user (or, for a match sheet, as the participant
would see it), so a report never shows more than its reader may see on screen.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import tablib
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from symbiose.facilitation import access
from symbiose.facilitation.dashboard import stream_table
from symbiose.matching.access import matches_for_stream
from symbiose.registry import access as registry_access
from symbiose.spreadsheet import safe_row
from symbiose.taxonomy.lists import crm_by_id


def mapping_data(user: Any, hub) -> dict[str, Any]:
    """Resources by category and municipality, critical raw materials, top opportunities."""
    streams = list(access.hub_streams(user, hub))
    redacted = [registry_access.redacted(user, s) for s in streams]
    by_place: dict[tuple[str, str], dict[str, Any]] = {}
    for r in redacted:
        key = (r["municipality"] or "—", r["category"])
        row = by_place.setdefault(
            key, {"municipality": key[0], "category": key[1], "offers": 0, "needs": 0,
                  "quantities": defaultdict(float)}
        )  # fmt: skip
        row["offers" if r["direction"] == "offer" else "needs"] += 1
        if r["direction"] == "offer" and r["annual_quantity"] is not None:
            row["quantities"][r["annual_unit"] or ""] += r["annual_quantity"]
    places = []
    for key in sorted(by_place):
        row = by_place[key]
        row["quantities"] = sorted(row["quantities"].items())
        places.append(row)
    crm_index = crm_by_id()
    lang = (get_language() or "nb")[:2]
    crm: dict[str, dict[str, Any]] = {}
    for r in redacted:
        for cid in r["crm"]:
            m = crm_index.get(cid)
            if m is None:
                continue
            row = crm.setdefault(
                cid, {"name": m.name(lang), "strategic": m.strategic, "streams": []}
            )
            row["streams"].append(f"{r['title']} ({r['organisation_name']})")
    opps = [o for o in access.visible_opportunities(user).filter(hub=hub) if o.status != "shelved"]
    opps.sort(key=lambda o: (-o.phase, -(o.srl() or 0), o.title))
    return {
        "hub": hub,
        "generated": timezone.localtime(),
        "categories": stream_table(streams),
        "places": places,
        "crm": sorted(crm.values(), key=lambda c: c["name"]),
        "opportunities": opps[:20],
        "matches": access.hub_candidates(user, hub, limit=20),
        "stream_count": len(streams),
        "organisation_count": hub.members.count(),
    }


def _quantities(pairs) -> str:
    return "; ".join(f"{q:,.0f} {u}".replace(",", " ") for u, q in pairs)


def mapping_pdf(data: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string("facilitation/report_mapping.html", data)
    return HTML(string=html).write_pdf()


def mapping_xlsx(data: dict[str, Any]) -> bytes:
    book = tablib.Databook()
    cats = tablib.Dataset(headers=[_("category"), _("offers"), _("needs"), _("annual quantity")])
    for row in data["categories"]:
        cats.append(
            safe_row(
                [str(row["label"]), row["offers"], row["needs"], _quantities(row["quantities"])]
            )
        )
    cats.title = _("Categories")[:31]
    places = tablib.Dataset(
        headers=[_("municipality"), _("category"), _("offers"), _("needs"), _("annual quantity")]
    )
    for row in data["places"]:
        places.append(safe_row([row["municipality"], row["category"], row["offers"],
                                row["needs"], _quantities(row["quantities"])]))  # fmt: skip
    places.title = _("Municipalities")[:31]
    crm = tablib.Dataset(headers=[_("raw material"), _("strategic"), _("streams")])
    for row in data["crm"]:
        crm.append(safe_row(
            [row["name"], _("yes") if row["strategic"] else _("no"), "; ".join(row["streams"])]
        ))  # fmt: skip
    crm.title = _("Critical raw materials")[:31]
    opps = tablib.Dataset(headers=[_("opportunity"), _("kind"), _("phase"), _("SRL"), _("status")])
    for o in data["opportunities"]:
        opps.append(safe_row([o.title, str(o.get_kind_display()), o.phase, o.srl() or "",
                              str(o.get_status_display())]))  # fmt: skip
    opps.title = _("Opportunities")[:31]
    book.add_sheet(cats)
    book.add_sheet(places)
    book.add_sheet(crm)
    book.add_sheet(opps)
    return book.export("xlsx")


def match_sheet_data(workshop, organisation) -> dict[str, Any]:
    """One participant's streams and their best matches, as that participant may see them."""
    viewer = access.ParticipantViewer(organisation)
    streams = workshop.streams.filter(organisation=organisation) or organisation.streams.filter(
        archived_at__isnull=True
    )
    rows = []
    for s in streams:
        matches = matches_for_stream(viewer, s, limit=5)
        rows.append({"stream": registry_access.redacted(viewer, s), "matches": matches})
    return {"workshop": workshop, "organisation": organisation, "rows": rows,
            "generated": timezone.localtime()}  # fmt: skip


def match_sheets_pdf(workshop, organisations) -> bytes:
    from weasyprint import HTML

    sheets = [match_sheet_data(workshop, org) for org in organisations]
    html = render_to_string("facilitation/report_match_sheets.html", {"sheets": sheets,
                            "workshop": workshop})  # fmt: skip
    return HTML(string=html).write_pdf()
