"""The ``composition`` sheet of the listing template, written through the access rules.

Rows of a stream are written only when the viewer may see the stream and its analysis
(:func:`symbiose.resources.access.rows_by_stream`); ``viewer=None`` is the operator's full
export (``symbiose export`` without ``--as-user``), like the other sheets.
"""

from __future__ import annotations

from typing import Any

from symbiose.registry import access
from symbiose.registry.models import Stream
from symbiose.resources.access import rows_by_stream
from symbiose.resources.models import CompositionRow, Deposit


def _number(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


def composition_row(row: CompositionRow, stream_ref: str) -> dict[str, str]:
    """A template row; the inverse of ``resources.validation.parse_composition_row``."""
    return {
        "stream_ref": stream_ref,
        "substance": row.substance,
        "content": _number(row.content),
        "unit": row.unit,
        "analysed_on": row.analysed_on.isoformat() if row.analysed_on else "",
        "method": row.method,
    }


def composition_rows(viewer: Any | None = None) -> list[dict[str, str]]:
    """Every composition row ``viewer`` may see (all rows for ``None``), by stream ref."""
    if viewer is None:
        rows = CompositionRow.objects.filter(stream__archived_at__isnull=True)
        refs = dict(Stream.objects.values_list("id", "ref"))
        return [composition_row(r, refs[r.stream_id])
                for r in rows.order_by("stream__ref", "id")]  # fmt: skip
    v = access.viewer_for(viewer)
    streams = list(access.visible_streams(v).order_by("ref"))
    by_stream = rows_by_stream(v, streams)
    return [composition_row(r, s.ref) for s in streams for r in by_stream.get(s.id, [])]


def deposit_row(deposit: Deposit, stream_ref: str, *, owner_hidden: bool) -> dict[str, str]:
    """A ``deposits`` row; the inverse of ``resources.validation.parse_deposit_row``."""
    return {
        "stream_ref": stream_ref,
        "kind": deposit.kind,
        "setting": deposit.setting,
        "accessibility": deposit.accessibility,
        "permit_status": deposit.permit_status,
        "owner": "" if owner_hidden else deposit.owner,
        "source": deposit.source,
        "tonnes_estimated": "yes" if deposit.tonnes_estimated else "no",
    }


def deposit_rows(viewer: Any | None = None) -> list[dict[str, str]]:
    """Every deposit ``viewer`` may see (all for ``None``), by stream ref; the owner is left
    empty where the stream hides its identity from the viewer (as on the pages)."""
    found = Stream.objects.deposits().select_related("deposit").order_by("ref")
    if viewer is None:
        return [deposit_row(s.deposit, s.ref, owner_hidden=False) for s in found.active()]
    v = access.viewer_for(viewer)
    streams = access.visible_streams(v).deposits().select_related("deposit").order_by("ref")
    return [deposit_row(s.deposit, s.ref, owner_hidden="identity" in access.hidden_fields(v, s))
            for s in streams]  # fmt: skip
