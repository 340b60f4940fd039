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
from symbiose.facilitation.dashboard import (
    add_offered,
    impact_context,
    listed_quantities,
    stream_table,
)
from symbiose.facilitation.dashboard import impact as dashboard_impact
from symbiose.impact.adapter import factor_set, try_assess_pair
from symbiose.matching.access import matches_for_stream, visible_match
from symbiose.registry import access as registry_access
from symbiose.registry.models.stream import CATEGORIES
from symbiose.registry.unit_labels import unit_label
from symbiose.spreadsheet import safe_row
from symbiose.taxonomy.lists import crm_by_id

CATEGORY_LABELS = dict(CATEGORIES)


def mapping_data(user: Any, hub) -> dict[str, Any]:
    """Resources by category and municipality, critical raw materials, top opportunities."""
    viewer = registry_access.viewer_for(user)  # one viewer: its rights are read once
    streams = list(access.hub_streams(viewer, hub))
    redacted = [registry_access.redacted(viewer, s) for s in streams]
    by_place: dict[tuple[str, str], dict[str, Any]] = {}
    for r in redacted:
        key = (r["municipality"] or "—", r["category"])
        row = by_place.setdefault(
            key, {"municipality": key[0], "category": key[1], "offers": 0, "needs": 0,
                  "quantities": defaultdict(float), "lots": defaultdict(float)}
        )  # fmt: skip
        row["offers" if r["direction"] == "offer" else "needs"] += 1
        if r["direction"] == "offer":
            add_offered(row, r["annual_quantity"], r["annual_unit"], r["period"])
    places = [listed_quantities(by_place[key]) for key in sorted(by_place)]
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
    all_opps = list(access.visible_opportunities(user).filter(hub=hub))
    opps = [o for o in all_opps if o.status != "shelved"]
    opps.sort(key=lambda o: (-o.phase, -(o.srl() or 0), o.title))
    members = hub.members.values("id")
    member_pairs = access.hub_candidate_rows(viewer, hub).filter(
        offer__organisation__in=members, need__organisation__in=members
    )
    return {
        "hub": hub,
        "generated": timezone.localtime(),
        "categories": stream_table(streams),
        "places": places,
        "crm": sorted(crm.values(), key=lambda c: c["name"]),
        "opportunities": opps[:20],
        # Only pairs between the hub's members: the report is about the hub's own resources.
        "matches": [visible_match(viewer, c) for c in member_pairs[:20]],
        **impact_context(dashboard_impact(user, hub, all_opps)),
        "stream_count": len(streams),
        "organisation_count": hub.members.count(),
    }


def _quantity_rows(first: list, row: dict[str, Any]) -> list[list]:
    """One line per unit, quantities as numbers (a spreadsheet can add them up): yearly
    flows in their own two columns, one-off lots in two others, never in the same sum."""
    yearly, lots = list(row["quantities"]), list(row["lots"])
    lines = []
    for i in range(max(len(yearly), len(lots), 1)):
        cells = []
        for pairs in (yearly, lots):
            unit, q = pairs[i] if i < len(pairs) else (None, None)
            cells += [round(q) if q is not None else None, unit_label(unit)]
        lines.append([*first, *cells])
    return lines


def mapping_pdf(data: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string("facilitation/report_mapping.html", data)
    return HTML(string=html).write_pdf()


def mapping_xlsx(data: dict[str, Any]) -> bytes:
    book = tablib.Databook()
    cats = tablib.Dataset(
        headers=[_("category"), _("offers"), _("needs"), _("offered per year"), _("unit"),
                 _("offered in one-off lots"), _("unit")]
    )  # fmt: skip
    for row in data["categories"]:
        for line in _quantity_rows([str(row["label"]), row["offers"], row["needs"]], row):
            cats.append(safe_row(line))
    cats.title = _("Categories")[:31]
    places = tablib.Dataset(
        headers=[_("municipality"), _("category"), _("offers"), _("needs"),
                 _("offered per year"), _("unit"), _("offered in one-off lots"), _("unit")]
    )  # fmt: skip
    for row in data["places"]:
        first = [row["municipality"], str(CATEGORY_LABELS.get(row["category"], row["category"])),
                 row["offers"], row["needs"]]  # fmt: skip
        for line in _quantity_rows(first, row):
            places.append(safe_row(line))
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
    book.add_sheet(_impact_sheet(data["impact"]))
    return book.export("xlsx")


def _impact_sheet(impact: dict[str, dict[str, Any]]) -> tablib.Dataset:
    """CO2e and NOK per year by status, as numbers: central estimate, low and high."""
    sheet = tablib.Dataset(
        headers=[_("status"), _("CO2e cut, tonnes per year"), _("low"), _("high"),
                 _("net benefit, NOK per year"), _("low"), _("high"), _("valued"),
                 _("per unit only"), _("not valued"),
                 _("CO2e cut once by one-off lots, tonnes"), _("low"), _("high"),
                 _("net benefit once of one-off lots, NOK"), _("low"), _("high"),
                 _("one-off lots valued")]
    )  # fmt: skip
    for label, t in impact.items():
        co2, nok = t["co2e_t_per_yr"], t["net_nok_per_yr"]
        co2_once, nok_once = t["co2e_t_once"], t["net_nok_once"]
        sheet.append(safe_row([str(label), round(co2[1]), round(co2[0]), round(co2[2]),
                               round(nok[1]), round(nok[0]), round(nok[2]), t["valued"],
                               t["per_unit"], t["not_valued"],
                               round(co2_once[1]), round(co2_once[0]), round(co2_once[2]),
                               round(nok_once[1]), round(nok_once[0]), round(nok_once[2]),
                               t["one_off"]]))  # fmt: skip
    sheet.title = _("Impact")[:31]
    return sheet


def match_sheet_data(workshop, organisation) -> dict[str, Any]:
    """One participant's streams and their best matches, as that participant may see them."""
    viewer = access.ParticipantViewer(organisation)
    streams = workshop.streams.filter(organisation=organisation) or organisation.streams.filter(
        archived_at__isnull=True
    )
    rows = []
    factors = factor_set()
    for s in streams:
        matches = matches_for_stream(viewer, s, limit=5)
        refs = {m.offer["ref"] for m in matches} | {m.need["ref"] for m in matches}
        by_ref = {x.ref: x for x in registry_access.visible_streams(viewer).filter(ref__in=refs)}
        items = []
        for m in matches:
            o, n = by_ref.get(m.offer["ref"]), by_ref.get(m.need["ref"])
            pair = try_assess_pair(o, n, viewer=viewer, factors=factors) if o and n else None
            worth = pair.to_dict() if pair and pair.result.modelled else None
            if worth and not worth["worth_it"]:
                continue  # loses money or CO2 as it stands: not a proposal (the page says why)
            items.append({"match": m, "other": m.counterpart(s.ref), "impact": worth})
        rows.append({"stream": registry_access.redacted(viewer, s), "matches": items})
    return {"workshop": workshop, "organisation": organisation, "rows": rows,
            "generated": timezone.localtime()}  # fmt: skip


def match_sheets_pdf(workshop, organisations) -> bytes:
    from weasyprint import HTML

    sheets = [match_sheet_data(workshop, org) for org in organisations]
    html = render_to_string("facilitation/report_match_sheets.html", {"sheets": sheets,
                            "workshop": workshop})  # fmt: skip
    return HTML(string=html).write_pdf()
