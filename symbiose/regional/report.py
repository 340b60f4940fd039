"""The phase-4 results report (PDF via WeasyPrint, XLSX via tablib): what was and was not
achieved against the targets, the outcomes, and the exchanges.

Built from :func:`symbiose.regional.overview.build`, so it holds exactly the figures the
overview shows the same user: read through access, suppressed where a group is too small.
Like the hub reports, ``results_data`` reads and ``results_pdf``/``results_xlsx`` only render
plain data, so rendering can move to a background job unchanged.
"""

from __future__ import annotations

from typing import Any

import tablib
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from symbiose.regional import overview
from symbiose.regional.disclosure import Cell
from symbiose.spreadsheet import safe_row


def results_data(user: Any) -> dict[str, Any]:
    """The overview's figures plus the lists a results report needs."""
    data = overview.build(user)
    opps = data["opportunities"]
    data["exchanges"] = [
        {"title": o.title, "hub": o.hub.name, "kind": str(o.get_kind_display()),
         "started_on": getattr(getattr(o, "exchange", None), "started_on", None),
         "permits": [f"{p.authority}: {p.subject} ({p.get_status_display()})"
                     for p in o.permits.all()]}
        for o in opps if o.status == "implemented"
    ]  # fmt: skip
    data["shelved"] = [
        {"title": o.title, "hub": o.hub.name, "phase": o.phase, "reason": o.shelved_reason}
        for o in opps
        if o.status == "shelved"
    ]
    data["reached"] = [t for t in data["targets"] if t["status"] == "reached"]
    data["not_reached"] = [t for t in data["targets"] if t["status"] != "reached"]
    return data


def results_pdf(data: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string("regional/report_results.html", data)
    return HTML(string=html).write_pdf()


def _value(c: Cell) -> Any:
    """A shown figure as a whole number (empty when nothing was stated); a suppressed one
    as words a reader understands."""
    if c.shown:
        return None if c.value is None else round(c.value)
    return {
        "few": _("not shown (fewer than 3 organisations)"),
        "dominant": _("not shown (one organisation dominates)"),
    }.get(c.reason, _("not shown (protects a small group)"))


def status_label(status: str) -> str:
    return {
        "reached": _("reached"),
        "missed": _("not reached by its year"),
        "open": _("not yet reached"),
        "unknown": _("cannot be shown"),
    }[status]


def results_xlsx(data: dict[str, Any]) -> bytes:
    book = tablib.Databook()
    targets = tablib.Dataset(headers=[_("region"), _("metric"), _("year"), _("target value"),
                                      _("achieved"), _("percent"), _("status"), _("source"),
                                      _("demo target")])  # fmt: skip
    for t in data["targets"]:
        target = t["target"]
        demo = _("yes") if target.is_demo else _("no")
        row = [target.region, str(t["metric"]), target.year, target.value, _value(t["achieved"]),
               t["percent"], status_label(t["status"]), target.source, demo]  # fmt: skip
        targets.append(safe_row(row))
    targets.title = _("Targets")[:31]
    outcomes = tablib.Dataset(headers=[_("figure"), _("planned"), _("realised")])
    o = data["outcomes"]["outcomes"]
    outcomes.append(safe_row([_("jobs"), _value(o["jobs_planned"]), _value(o["jobs_created"])]))
    outcomes.append(safe_row([_("investment, NOK"), _value(o["investment_planned_nok"]),
                              _value(o["investment_made_nok"])]))  # fmt: skip
    for row in data["outcomes"]["funding"]:
        outcomes.append(safe_row([_("funding, NOK") + f" ({row['label']})", "",
                                  _value(row["cell"])]))  # fmt: skip
    outcomes.title = _("Outcomes")[:31]
    impact = tablib.Dataset(
        headers=[_("status"), _("CO2e cut, tonnes per year"), _("net benefit, NOK per year"),
                 _("pairs"), _("valued"), _("CO2e cut once by one-off lots, tonnes"),
                 _("net benefit once of one-off lots, NOK"), _("one-off lots valued")]
    )  # fmt: skip
    for row in data["impact"]["rows"]:
        impact.append(safe_row([str(row["label"]), _value(row["co2e"]), _value(row["nok"]),
                                row["pairs"], row["valued"], _value(row["co2e_once"]),
                                _value(row["nok_once"]), row["one_off"]]))  # fmt: skip
    impact.title = _("Impact")[:31]
    exchanges = tablib.Dataset(headers=[_("exchange"), _("hub"), _("kind"), _("started on"),
                                        _("permits")])  # fmt: skip
    for e in data["exchanges"]:
        exchanges.append(safe_row([e["title"], e["hub"], e["kind"], e["started_on"],
                                   "; ".join(e["permits"])]))  # fmt: skip
    exchanges.title = _("Exchanges")[:31]
    shelved = tablib.Dataset(headers=[_("opportunity"), _("hub"), _("phase"), _("reason")])
    for s in data["shelved"]:
        shelved.append(safe_row([s["title"], s["hub"], s["phase"], s["reason"]]))
    shelved.title = _("Not achieved")[:31]
    streams = tablib.Dataset(headers=[_("category"), _("offers"), _("needs"),
                                      _("tonnes offered per year"),
                                      _("tonnes in one-off lots")])  # fmt: skip
    table = data["streams"]["category"]
    for row in [*table["rows"], table["total"]]:
        cells = row.cells
        streams.append(safe_row([row.label, _value(cells["offers"]), _value(cells["needs"]),
                                 _value(cells["tonnes"]), _value(cells["lots"])]))  # fmt: skip
    streams.title = _("Streams")[:31]
    deposits = tablib.Dataset(headers=[_("material"), _("deposits"), _("tonnes in stock")])
    for row in [*data["deposits"]["rows"], data["deposits"]["total"]]:
        deposits.append(safe_row([row.label, _value(row.cells["count"]),
                                  _value(row.cells["tonnes"])]))  # fmt: skip
    deposits.title = _("Deposits")[:31]
    crm = tablib.Dataset(headers=[_("raw material"), _("in side streams, tonnes per year"),
                                  _("in deposits and one-off lots, tonnes")])  # fmt: skip
    for row in data["crm"]:
        crm.append(safe_row([row.label, _value(row.cells["flow"]), _value(row.cells["deposit"])]))
    crm.title = _("Critical raw materials")[:31]
    for sheet in (targets, outcomes, impact, exchanges, shelved, streams, deposits, crm):
        book.add_sheet(sheet)
    return book.export("xlsx")
