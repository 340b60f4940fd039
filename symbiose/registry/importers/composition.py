"""The listing template's third sheet, ``composition``: analysis rows of the file's streams.

One row per element or compound of a stream (``stream_ref``, ``substance``, ``content``,
``unit``, ``analysed_on``, ``method``; rules in :mod:`symbiose.resources.validation`). A
stream named in the sheet gets exactly its rows there (they replace the stored ones); a stream
not named keeps its rows. The stream must be in the file's ``streams`` sheet or already in
Symbiose. Rows are planned after the streams and written after them, in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from symbiose.registry.models import Stream
from symbiose.resources.validation import parse_composition_row
from symbiose.textmarks import N_

if TYPE_CHECKING:
    from symbiose.registry.importers.listing import ImportPlan
    from symbiose.registry.importers.sources import Sheet

#: Repeated word for word in ``facilitation/import_scope.py`` (a stream of another hub must
#: read exactly like a missing one).
NO_STREAM = N_("no stream with reference {ref} in the file or the registry")


def plan_composition(plan: ImportPlan, sheet: Sheet, in_file: set[str]) -> None:
    """Check every row of a ``composition`` sheet and add the good ones to ``plan``;
    ``in_file`` holds the stream refs of the file's ``streams`` sheets."""
    from symbiose.registry.importers.listing import PlannedRow, checked_row, sheet_refs

    refs = sheet_refs(sheet)
    stored = Stream.objects.filter(ref__in=refs - in_file).values_list("ref", flat=True)
    known = in_file | set(stored)
    seen: dict[tuple[str, str], int] = {}
    for number, raw in sheet.rows:
        result, problem = checked_row(plan, sheet, number, raw, parse_composition_row)
        ref, substance = result.data.get("stream_ref"), result.data.get("substance")
        if ref and ref not in known:
            problem("stream_ref", NO_STREAM, ref=ref)
            continue
        if ref and substance:
            if (ref, substance) in seen:
                problem("substance", N_("{value} is given twice for stream {ref} (also at row "
                                        "{row})"), value=substance, ref=ref,
                        row=seen[(ref, substance)])  # fmt: skip
                continue
            seen[(ref, substance)] = number
        if not result.errors and ref:
            plan.rows.append(
                PlannedRow("composition", sheet.label, number, ref, "create", [], result.data)
            )


def apply_composition(plan: ImportPlan, *, acting_user: Any) -> None:
    """Replace the rows of every stream the sheet names (inside the import's transaction)."""
    from symbiose.resources.actions import do_set_composition

    by_stream: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in plan.rows:
        if r.sheet == "composition":
            data = {k: v for k, v in r.data.items() if k != "stream_ref"}
            by_stream[r.ref].append(data)
    streams = Stream.objects.in_bulk(list(by_stream), field_name="ref")
    for ref, rows in by_stream.items():
        do_set_composition(streams[ref], rows, acting_user=acting_user)
