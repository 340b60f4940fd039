"""The regional overview: totals across the hubs a system facilitator oversees.

Everything is read as the asking user may see it (``registry.access``, ``facilitation.access``)
and every figure built from companies' values goes through :mod:`symbiose.regional.disclosure`
before it is shown, so no cell gives away one company's figure. Impact is summed per status
(feasible candidates, opportunities under way, implemented exchanges), never across them;
planned and realised outcomes are kept apart the same way.
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from symbiose.facilitation import access as facilitation_access
from symbiose.facilitation import shared
from symbiose.facilitation.actions.outcomes import OUTCOME_FIELDS
from symbiose.facilitation.models import Funding, Opportunity, Outcome
from symbiose.facilitation.models.opportunity import PHASES
from symbiose.facilitation.models.outcome import FUNDING_STATUSES, PERMIT_STATUSES
from symbiose.facilitation.ranking import candidate_count, hub_rows, top_rows
from symbiose.facilitation.shared import insider_of_every_member
from symbiose.impact.adapter import factor_set
from symbiose.impact.stored import PageValues
from symbiose.ledger.models import Exchange
from symbiose.regional import access, resource_totals
from symbiose.regional.disclosure import Cell, Row, cell, protect
from symbiose.regional.models import METRICS, Target
from symbiose.registry import access as registry_access
from symbiose.registry.models import CATEGORIES
from symbiose.registry.units import is_one_off
from symbiose.taxonomy.materials import ancestors, classes_for_ewc, materials_by_id

#: Feasible candidates valued per hub, best first (as on the hub dashboard).
CANDIDATES_VALUED = 100
QUARTERS = 8
Table = dict[Hashable, dict[Hashable, float]]


def _add(table: Table, key: Hashable, org: Hashable, value: float) -> None:
    row = table.setdefault(key, {})
    row[org] = row.get(org, 0.0) + value


def material_label(ewc_code: str | None) -> str:
    """The top material class of an EWC code, in the reader's language."""
    if not ewc_code:
        return _("not classified")
    return _material_label(ewc_code, (get_language() or "").startswith(("nb", "no")))


@functools.lru_cache(maxsize=4096)
def _material_label(ewc_code: str, norwegian: bool) -> str:
    """Once per code and language: a region's streams share a few hundred codes."""
    classes = classes_for_ewc(ewc_code)
    if not classes:
        return _("not classified")
    top = materials_by_id()[ancestors(classes[0])[-1]]
    return top.label_nb if norwegian else top.label_en


def _rows(columns: dict[str, tuple[Table, bool]], labels: dict[Hashable, str]) -> dict:
    """Protected rows (one per key in any column) and the protected totals row."""
    keys = sorted({k for table, _a in columns.values() for k in table}, key=lambda k: labels[k])
    protected = {name: protect(table, amounts=amounts)
                 for name, (table, amounts) in columns.items()}  # fmt: skip
    empty = Cell(None, 0)  # nothing stated: a dash, not a zero
    rows = [Row(labels[k], {n: protected[n][0].get(k, empty) for n in columns}, key=str(k))
            for k in keys]  # fmt: skip
    return {"rows": rows, "total": Row(_("Total"), {n: protected[n][1] for n in columns})}


def streams_tables(user: Any, hubs: list) -> dict[str, Any]:
    """Streams (offers, needs) and tonnes offered per year, by category and by material."""
    viewer = registry_access.viewer_for(user)
    streams = (
        registry_access.visible_streams(viewer)
        .filter(organisation__hubs__in=hubs)
        .flows()  # deposits are stocks: counted apart (resource_totals.deposit_table)
        .distinct()
        .order_by()  # summed, not listed: the default order joined and sorted every row
    )
    by: dict[str, dict[str, Table]] = {g: {"offers": {}, "needs": {}, "tonnes": {}, "lots": {}}
                                       for g in ("category", "material")}  # fmt: skip
    labels: dict[str, dict[Hashable, str]] = {"category": dict(CATEGORIES), "material": {}}
    count = 0
    for r in _stream_rows(viewer, hubs, streams):
        count += 1
        material = material_label(r["ewc_code"]) if r["category"] == "material" else None
        keys = {"category": r["category"], "material": material}
        for group, key in keys.items():
            if key is None:
                continue
            labels[group].setdefault(key, str(key))
            tables = by[group]
            _add(tables["offers" if r["direction"] == "offer" else "needs"], key, r["org_id"], 1)
            if r["direction"] == "offer" and r["annual_unit"] == "t/yr" and r["annual_quantity"]:
                # a one-off lot is tonnes once, never tonnes a year: a column of its own
                column = "lots" if is_one_off(r["period"]) else "tonnes"
                _add(tables[column], key, r["org_id"], float(r["annual_quantity"]))
    labels["category"] = {k: str(v) for k, v in labels["category"].items()}
    out = {"stream_count": count}
    for group, tables in by.items():
        out[group] = _rows(
            {"offers": (tables["offers"], False), "needs": (tables["needs"], False),
             "tonnes": (tables["tonnes"], True), "lots": (tables["lots"], True)}, labels[group],
        )  # fmt: skip
    return out


#: Streams read per database round trip by the stream tables.
CHUNK = 2000
#: What the stream tables read of a stream (``redacted``'s keys).
STREAM_FIELDS = ("direction", "category", "ewc_code", "annual_unit", "annual_quantity", "period")


def _stream_rows(viewer: Any, hubs: list, streams: Any) -> Iterator[dict[str, Any]]:
    """``STREAM_FIELDS`` of each stream as the viewer may see them, with ``org_id``: read as
    plain values when the viewer is an insider of every member (nothing is hidden; reading
    10 000 streams as objects took about a second), else through ``redacted``. Streamed in
    chunks, never held all at once: a web process keeps a request's peak memory."""
    if insider_of_every_member(viewer, hubs):
        for row in streams.values("id", "organisation_id", *STREAM_FIELDS).iterator(CHUNK):
            yield {**row, "org_id": row["organisation_id"]}
        return
    for s in streams.select_related("organisation").iterator(CHUNK):
        r = registry_access.redacted(viewer, s)
        yield {**{f: r[f] for f in STREAM_FIELDS}, "org_id": s.organisation_id}


def _pairs(opp: Opportunity) -> list[tuple[Any, Any]]:
    streams = list(opp.streams.select_related("organisation"))
    offers = [s for s in streams if s.direction == "offer"]
    return [(o, n) for o in offers for n in streams if n.direction == "need"]


def impact_tables(user: Any, hubs: list, opps: list[Opportunity]) -> dict[str, Any]:
    """CO2e and NOK per year by status, each status on its own, with the counts valued.

    A one-off lot's figures hold once, not every year: they are summed apart
    (``co2e_once``, ``nok_once``, counted in ``one_off``), never into the yearly cells."""
    viewer = registry_access.viewer_for(user)
    factors = factor_set()
    pairs: dict[str, dict[tuple[int, int], tuple[Any, Any]]] = defaultdict(dict)
    for hub in hubs:
        for c, fig in top_rows(viewer, hub_rows(viewer, hub), CANDIDATES_VALUED):  # feasible first
            if fig["feasible"]:
                pairs["candidate"][(c.offer.pk, c.need.pk)] = (c.offer, c.need)
    for opp in opps:
        status = {"active": "in_progress", "implemented": "implemented"}.get(opp.status)
        if status:
            for o, n in _pairs(opp):
                pairs[status][(o.pk, n.pk)] = (o, n)
    labels = {"candidate": _("feasible candidate matches"),
              "in_progress": _("opportunities under way"),
              "implemented": _("implemented exchanges")}  # fmt: skip
    values = PageValues(viewer, factors).load(p for group in pairs.values() for p in group.values())
    out = []
    for status, label in labels.items():
        sums: dict[str, dict[Hashable, float]] = {k: {} for k in ("co2", "nok", "co2_once",
                                                                  "nok_once")}  # fmt: skip
        ranges = {"co2": [0.0, 0.0], "nok": [0.0, 0.0]}
        valued = per_unit = not_valued = one_off = 0
        for offer, need in pairs[status].values():
            pair = values.get(offer, need)  # stored by a task worker when current
            if pair is None or not pair.result.modelled:
                not_valued += 1
                continue
            if pair.per_unit:
                per_unit += 1
                continue
            once = bool(getattr(pair.result, "one_off", False))
            if once:
                one_off += 1
            else:
                valued += 1
            for key, est in (("co2", pair.result.co2e_t_per_yr),
                             ("nok", pair.result.annual_net_benefit_nok)):  # fmt: skip
                target = sums[key + "_once" if once else key]
                # The offer's figures drive the value; the receiver is a contributor too.
                target[offer.organisation_id] = target.get(offer.organisation_id, 0.0) + (
                    est.central or 0.0
                )
                target.setdefault(need.organisation_id, 0.0)
                if not once:
                    ranges[key][0] += est.low or 0.0
                    ranges[key][1] += est.high or 0.0
        out.append({"status": status, "label": label, "co2e": cell(sums["co2"]),
                    "nok": cell(sums["nok"]), "co2e_once": cell(sums["co2_once"]),
                    "nok_once": cell(sums["nok_once"]), "one_off": one_off,
                    "co2e_range": ranges["co2"], "nok_range": ranges["nok"],
                    "pairs": len(pairs[status]), "valued": valued, "per_unit": per_unit,
                    "not_valued": not_valued})  # fmt: skip
    return {"rows": out, "any_one_off": any(r["one_off"] for r in out)}


def _contributors(opp: Opportunity) -> list[int]:
    return [o.pk for o in opp.organisations.all()] or [f"opp-{opp.pk}"]


def outcome_tables(opps: list[Opportunity]) -> dict[str, Any]:
    """Jobs and investment, planned and realised; funding by status; permits by status."""
    by_opp = {o.pk: o for o in opps}
    sums: dict[str, dict[Hashable, float]] = {k: {} for k in OUTCOME_FIELDS}
    for outcome in Outcome.objects.filter(opportunity__in=opps):
        orgs = _contributors(by_opp[outcome.opportunity_id])
        for field, table in sums.items():
            value = getattr(outcome, field)
            if value is None:
                continue
            for org in orgs:  # shared equally between the opportunity's organisations
                table[org] = table.get(org, 0.0) + value / len(orgs)
    funding: Table = {}
    for f in Funding.objects.filter(opportunity__in=opps):
        orgs = _contributors(by_opp[f.opportunity_id])
        for org in orgs:
            _add(funding, f.status, org, f.amount_nok / len(orgs))
    funding_cells = protect(funding, with_total=False)[0]
    permits = defaultdict(int)
    for opp in opps:
        for p in opp.permits.all():
            permits[p.status] += 1
    return {
        "outcomes": {k: cell(v) for k, v in sums.items()},
        "funding": [
            {"key": key, "label": label, "cell": funding_cells.get(key, Cell(0.0, 0))}
            for key, label in FUNDING_STATUSES
        ],  # fmt: skip
        "permits": [
            {"label": label, "count": permits.get(key, 0)} for key, label in PERMIT_STATUSES
        ],  # fmt: skip
    }


def quarter(day: datetime.date) -> tuple[int, int]:
    return (day.year, (day.month - 1) // 3 + 1)


def last_quarters(today: datetime.date, n: int = QUARTERS) -> list[tuple[int, int]]:
    """The ``n`` quarters up to and including today's, oldest first."""
    year, q = quarter(today)
    out = []
    for _i in range(n):
        out.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out[::-1]


def trends(user: Any, hubs: list, opps: list[Opportunity], today: datetime.date) -> list[dict]:
    """New streams (suppressed below the minimum organisations), opportunities and exchanges
    started, per quarter."""
    quarters = last_quarters(today)
    viewer = registry_access.viewer_for(user)
    # the same for every insider of every member until their streams change (shared.py)
    new_streams = shared.for_insiders(
        viewer,
        "region-new-streams",
        hubs,
        lambda: new_stream_table(viewer, hubs, quarters),
        extra=(tuple(quarters), str(timezone.get_current_timezone())),
    )
    opened: dict[tuple[int, int], int] = defaultdict(int)
    for opp in opps:
        opened[quarter(timezone.localtime(opp.created_at).date())] += 1
    started: dict[tuple[int, int], int] = defaultdict(int)
    for day in Exchange.objects.filter(opportunity__in=opps).values_list("started_on", flat=True):
        started[quarter(day)] += 1
    return [
        {"label": f"{y} K{q}" if (get_language() or "").startswith("nb") else f"{y} Q{q}",
         "streams": cell(new_streams.get((y, q), {}), amounts=False),
         "opportunities": opened.get((y, q), 0), "exchanges": started.get((y, q), 0)}
        for y, q in quarters
    ]  # fmt: skip


def new_stream_table(viewer: Any, hubs: list, quarters: list[tuple[int, int]]) -> Table:
    """Streams of ``hubs`` the viewer sees created in each of ``quarters``, per organisation
    (quarter -> organisation -> count), before suppression."""
    new_streams: Table = {}
    tz = timezone.get_current_timezone()
    last = quarters[-1]
    bounds = [
        datetime.datetime(y, 3 * q - 2, 1, tzinfo=tz)
        for y, q in [*quarters, (last[0] + 1, 1) if last[1] == 4 else (last[0], last[1] + 1)]
    ]  # fmt: skip  (each quarter's first local midnight, and the next quarter's)
    # counted per organisation, one column a quarter, by the database: truncating each
    # stream's time to its quarter called a Python function per row on SQLite
    counted = (
        registry_access.visible_streams(viewer)
        .filter(organisation__hubs__in=hubs, created_at__gte=bounds[0], created_at__lt=bounds[-1])
        .order_by()
        .values("organisation_id")
        .annotate(**{f"q{i}": Count("id", distinct=True, filter=Q(created_at__gte=start,
                                                                   created_at__lt=end))
                     for i, (start, end) in enumerate(itertools.pairwise(bounds))})
    )  # fmt: skip
    for row in counted:
        for i, key in enumerate(quarters):
            if row[f"q{i}"]:
                _add(new_streams, key, row["organisation_id"], row[f"q{i}"])
    return new_streams


def target_progress(user: Any, targets: Iterable[Target], today: datetime.date) -> list[dict]:
    """Each target with what its hubs have achieved (suppressed like any other figure)."""
    labels = dict(METRICS)
    out = []
    for target in targets:
        hubs = list(target.hubs.all())
        opps = list(facilitation_access.visible_opportunities(user).filter(hub__in=hubs))
        achieved = achieved_cell(user, target.metric, hubs, opps)
        reached = achieved.shown and achieved.value >= target.value
        status = ("reached" if reached else "unknown" if not achieved.shown
                  else "missed" if target.year < today.year else "open")  # fmt: skip
        share = achieved.value / target.value if achieved.shown and target.value else None
        out.append({"target": target, "metric": labels[target.metric], "achieved": achieved,
                    "share": share, "percent": round(share * 100) if share is not None else None,
                    "status": status, "hubs": hubs})  # fmt: skip
    return out


def achieved_cell(user: Any, metric: str, hubs: list, opps: list[Opportunity]) -> Cell:
    """What ``hubs`` achieved in ``metric``: realised figures only."""
    implemented = [o for o in opps if o.status == "implemented"]
    if metric == "exchanges":
        n = Exchange.objects.filter(opportunity__in=implemented).count()
        return Cell(float(n), n)
    if metric == "co2e_t":
        row = impact_tables(user, [], implemented)["rows"]
        return next(r["co2e"] for r in row if r["status"] == "implemented")
    if metric == "funding_nok":
        table: dict[Hashable, float] = {}
        for f in Funding.objects.filter(opportunity__in=opps, status="received"):
            orgs = _contributors(f.opportunity)
            for org in orgs:
                table[org] = table.get(org, 0.0) + f.amount_nok / len(orgs)
        return cell(table)
    field = {"jobs": "jobs_created", "investment_nok": "investment_made_nok"}[metric]
    return outcome_tables(opps)["outcomes"][field]


def build(user: Any, *, today: datetime.date | None = None) -> dict[str, Any]:
    """Everything on the regional overview page for ``user`` (see the module docstring)."""
    today = today or timezone.localdate()
    hubs = list(access.overview_hubs(user))
    opps = list(
        facilitation_access.visible_opportunities(user)
        .filter(hub__in=hubs)
        .prefetch_related("organisations", "permits")
    )
    active = [o for o in opps if o.status == "active"]
    return {
        "hubs": hubs,
        "generated": timezone.localtime(),
        # the same for every insider of every member until their streams change
        "streams": shared.for_insiders(
            registry_access.viewer_for(user),
            "region-streams",
            hubs,
            lambda: streams_tables(user, hubs),
        ),  # fmt: skip
        "deposits": resource_totals.deposit_table(user, hubs),
        "crm": resource_totals.crm_table(user, hubs),
        # All candidates, feasible or not: the stored flag may rest on a hidden field.
        "candidate_count": candidate_count(user, hubs),
        "phases": [
            {"phase": n, "label": label, "count": sum(1 for o in active if o.phase == n)}
            for n, label in PHASES
        ],
        "shelved_count": sum(1 for o in opps if o.status == "shelved"),
        "implemented_count": sum(1 for o in opps if o.status == "implemented"),
        "impact": impact_tables(user, hubs, opps),
        "outcomes": outcome_tables(opps),
        "trends": trends(user, hubs, opps, today),
        "targets": target_progress(user, access.visible_targets(user), today),
        "opportunities": opps,
    }
