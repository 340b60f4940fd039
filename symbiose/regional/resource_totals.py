"""Deposits and contained critical raw materials in the regional overview.

Read through ``registry.access`` and ``resources.access`` for the asking user (a hidden
quantity or analysis never enters a total: the resources rule), then protected like every
other regional figure (:mod:`symbiose.regional.disclosure`). A deposit is a stock and a flow
is per year, so they are always kept in separate columns and never added together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from symbiose.regional.disclosure import Cell, Row, protect
from symbiose.registry import access as registry_access
from symbiose.registry.units import is_one_off
from symbiose.resources.access import contained_tonnes
from symbiose.resources.models import CompositionRow, Deposit
from symbiose.taxonomy.lists import crm_by_id

Table = dict[Hashable, dict[Hashable, float]]


def _streams(user: Any, hubs: list):
    viewer = registry_access.viewer_for(user)
    return viewer, (
        registry_access.visible_streams(viewer)
        .filter(organisation__hubs__in=hubs)
        .distinct()
        .select_related("organisation")
    )


def deposit_table(user: Any, hubs: list) -> dict[str, Any]:
    """Deposits and landfills by material: how many, and their stock in tonnes."""
    from symbiose.regional.overview import material_label

    viewer, streams = _streams(user, hubs)
    count: Table = {}
    tonnes: Table = {}
    # from the deposits, not every stream of the hubs (the join read each of a hub's
    # 10 000 streams at 100 000 to find none); the same streams, in the same order
    for s in streams.filter(id__in=Deposit.objects.values("stream_id")):
        r = registry_access.redacted(viewer, s)
        key = material_label(r["ewc_code"])
        count.setdefault(key, {})
        count[key][s.organisation_id] = count[key].get(s.organisation_id, 0.0) + 1
        if r["unit"] == "t" and r["quantity"]:
            tonnes.setdefault(key, {})
            tonnes[key][s.organisation_id] = tonnes[key].get(s.organisation_id, 0.0) + float(
                r["quantity"]
            )
    counted, count_total = protect(count, amounts=False)
    weighed, tonnes_total = protect(tonnes)
    empty = Cell(None, 0)
    rows = [Row(str(k), {"count": counted[k], "tonnes": weighed.get(k, empty)})
            for k in sorted(count)]  # fmt: skip
    total = Row(_("Total"), {"count": count_total, "tonnes": tonnes_total})
    return {"rows": rows, "total": total}


def crm_table(user: Any, hubs: list) -> list[Row]:
    """Tonnes of each critical raw material element contained in flows (per year) and in
    deposits and other one-off lots (stock), from what the user may see, each column
    protected on its own."""
    viewer, streams = _streams(user, hubs)
    # only a stream with composition rows contains anything: read those, not every stream
    streams = streams.filter(id__in=CompositionRow.objects.values("stream_id"))
    deposits = set(streams.deposits().values_list("id", flat=True))
    by_kind: dict[str, list] = defaultdict(list)
    for s in streams:
        # a one-off lot is a stock like a deposit: its tonnes are there once, not a year
        by_kind["deposit" if s.id in deposits or is_one_off(s.period) else "flow"].append(s)
    tables: dict[str, Table] = {"flow": {}, "deposit": {}}
    crm_ids: dict[str, str] = {}
    for kind, kind_streams in by_kind.items():  # one call per kind, split by organisation
        for symbol, c in contained_tonnes(viewer, kind_streams).items():
            tables[kind].setdefault(symbol, {}).update(c.by_organisation)
            crm_ids[symbol] = c.crm_id
    flows = protect(tables["flow"], with_total=False)[0]
    stocks = protect(tables["deposit"], with_total=False)[0]
    lang = (get_language() or "nb")[:2]
    index = crm_by_id()
    empty = Cell(None, 0)
    out = []
    for symbol in sorted(crm_ids):
        crm = index.get(crm_ids[symbol])
        name = crm.name(lang) if crm else crm_ids[symbol]
        out.append(Row(f"{name} ({symbol})", {"flow": flows.get(symbol, empty),
                                              "deposit": stocks.get(symbol, empty)}))  # fmt: skip
    return out
