"""Partial updates: a column that is not in the file leaves that field as it is.

An import of ``ref,title`` only changes titles; it does not clear quantities, reset the
visibility to its default or drop the sensitive flags of rows that exist. The planner fills
each absent column of an existing row with the row's stored value (written as the template
writes it, so parsing gives the stored value back), and an explicitly empty cell still clears
the field. New rows get the defaults, as before. Two columns are never filled in:
``confirmed_at`` (a changed row is confirmed today unless the file says otherwise) and
``hazardous`` when the row has an EWC code (it is derived from the code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from symbiose.registry import template as tpl
from symbiose.registry.models import Organisation, Stream
from symbiose.textmarks import N_

if TYPE_CHECKING:
    from symbiose.registry.importers.listing import ImportPlan
    from symbiose.registry.importers.sources import Sheet

NEVER_FILLED = {"confirmed_at"}
#: Columns that only steer how other cells are read, not stored fields.
READING_HINTS = {"nace_revision"}


def _columns(sheet: Sheet) -> tuple[str, ...]:
    from symbiose.registry.importers.listing import COLUMNS

    return COLUMNS[sheet.name]


def absent_columns(sheet: Sheet) -> list[str]:
    """Template columns the sheet does not have (apart from ``ref``)."""
    present = set(sheet.header)
    return [c for c in _columns(sheet) if c not in present and c != "ref"]


def existing_rows(sheet: Sheet) -> dict[str, dict[str, str]]:
    """The stored template row of every existing organisation or stream the sheet names,
    fetched in one query (only when the sheet lacks a column)."""
    if not absent_columns(sheet):
        return {}
    refs = {str(raw.get("ref") or "").strip() for _n, raw in sheet.rows} - {""}
    if sheet.name == "organisations":
        return {o.ref: tpl.organisation_row(o) for o in Organisation.objects.filter(ref__in=refs)}
    streams = Stream.objects.filter(ref__in=refs).select_related("organisation")
    return {s.ref: tpl.stream_row(s, s.organisation.ref) for s in streams}


def merge(sheet: Sheet, raw: dict[str, Any], existing: dict[str, dict[str, str]]) -> dict:
    """The row with each absent column taken from the stored row (if the row exists)."""
    stored = existing.get(str(raw.get("ref") or "").strip())
    if stored is None:
        return raw
    merged = dict(raw)
    for column in absent_columns(sheet):
        if column in NEVER_FILLED or column not in stored:
            continue
        merged[column] = stored[column]
    if "hazardous" not in sheet.header and str(merged.get("ewc_code") or "").strip():
        merged["hazardous"] = ""  # derived from the EWC code
    if "nace_revision" not in sheet.header and "nace" not in sheet.header:
        merged["nace_revision"] = "2.1"  # the stored code is a Rev. 2.1 code
    return merged


def note_absent_columns(
    sheet: Sheet, plan: ImportPlan, existing: dict[str, dict[str, str]]
) -> None:
    """Tell the user which columns were not given and what that means."""
    from symbiose.registry.importers.listing import Problem

    absent = [c for c in absent_columns(sheet) if c not in READING_HINTS]
    if not absent or not sheet.rows:
        return
    plan.notes.append(
        Problem(
            sheet.label,
            1,
            "",
            N_("columns not in the file: {columns}. Existing rows keep their values for "
               "these ({count} existing row(s) here); new rows get the defaults. "
               "To clear a value, include the column and leave the cell empty."),
            {"columns": ", ".join(absent), "count": len(existing)},
        )
    )  # fmt: skip
