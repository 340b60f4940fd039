"""The listing template's fourth sheet, ``deposits``: which of the file's streams are deposits
or landfills, and their details.

One row per deposit (``stream_ref``, ``kind``, ``setting``, ``accessibility``,
``permit_status``, ``owner``, ``source``, ``tonnes_estimated``; rules in
:func:`symbiose.resources.validation.parse_deposit_row`). The stock in tonnes is the stream's
own ``quantity``: a deposit is a one-off offer of material (``unit`` ``t``, ``period``
``once``), checked on the stream as it will be after the import (its row in the file over its
stored values). A stream named here becomes a deposit (or gets these details); a stream not
named keeps what it has. Rows are planned after the streams and written after them, in the
same transaction, so a bad row anywhere writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from symbiose.registry.importers.composition import NO_STREAM
from symbiose.registry.models import Stream
from symbiose.resources.validation import parse_deposit_row
from symbiose.textmarks import N_

if TYPE_CHECKING:
    from symbiose.registry.importers.listing import ImportPlan
    from symbiose.registry.importers.sources import Sheet

#: What a deposit's stream must be (the form makes it so; the file must say it).
STOCK = {"direction": "offer", "category": "material", "period": "once"}
#: The problem of a stream that is not a stock; a hub import turns it into ``NO_STREAM`` for
#: another hub's stream (``facilitation/import_scope.py``), so it tells nothing about it.
NOT_A_STOCK = N_(
    "stream {ref} cannot be a deposit: a deposit is an offer of material whose quantity is the "
    "stock in tonnes (unit t, period once); set these on the stream's row"
)
SHAPE_FIELDS = ("direction", "category", "unit", "period")


def _is_stock(values: dict[str, Any]) -> bool:
    fits = all(values.get(k) == want for k, want in STOCK.items())
    return fits and values.get("unit") in ("t", "", None)


def plan_deposits(plan: ImportPlan, sheet: Sheet, in_file: set[str]) -> None:
    """Check every row of a ``deposits`` sheet and add the good ones to ``plan``."""
    from symbiose.registry.importers.listing import PlannedRow, checked_row, sheet_refs

    refs = sheet_refs(sheet)
    stored = {r["ref"]: r for r in Stream.objects.filter(ref__in=refs).values("ref", *SHAPE_FIELDS)}
    from_file = {r.ref: r.data for r in plan.rows if r.sheet == "streams" and r.ref in refs}
    seen: dict[str, int] = {}
    for number, raw in sheet.rows:
        result, problem = checked_row(plan, sheet, number, raw, parse_deposit_row)
        ref = result.data.get("stream_ref")
        if not ref:
            continue
        if ref not in in_file and ref not in stored:
            problem("stream_ref", NO_STREAM, ref=ref)
            continue
        if ref in seen:
            problem("stream_ref", N_("stream {ref} is given twice (also at row {row})"),
                    ref=ref, row=seen[ref])  # fmt: skip
            continue
        seen[ref] = number
        if ref in in_file and ref not in from_file:
            continue  # its streams row has problems of its own
        after = {**stored.get(ref, {}), **from_file.get(ref, {})}
        if not _is_stock(after):
            problem("stream_ref", NOT_A_STOCK, ref=ref)
            continue
        if not result.errors:
            plan.rows.append(
                PlannedRow("deposits", sheet.label, number, ref, "create", [], result.data)
            )


def apply_deposits(plan: ImportPlan, *, acting_user: Any) -> None:
    """Make the named streams deposits with their details (inside the import's transaction)."""
    from symbiose.resources.actions import do_set_deposit

    rows = {r.ref: r.data for r in plan.rows if r.sheet == "deposits"}
    streams = Stream.objects.in_bulk(list(rows), field_name="ref")
    for ref, data in rows.items():
        details = {k: v for k, v in data.items() if k != "stream_ref"}
        do_set_deposit(streams[ref], details, acting_user=acting_user)
