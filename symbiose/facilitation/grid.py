"""The workshop capture grid: rows typed in the browser become a listing-template sheet.

The grid is only another way to fill in the template: its rows go through the same
``plan_import`` preview and the same all-or-nothing import as an uploaded file.
"""

from __future__ import annotations

import csv
import io
import secrets

from django.http import QueryDict

COLUMNS = ("organisation_ref", "direction", "category", "title", "quantity", "unit", "period")
MAX_ROWS = 200


def rows_from_post(post: QueryDict) -> list[dict[str, str]]:
    """Non-empty rows of the grid (``<column>-<n>`` fields), at most ``MAX_ROWS``."""
    rows = []
    for n in range(MAX_ROWS):
        row = {c: post.get(f"{c}-{n}", "").strip()[:500] for c in COLUMNS}
        if row["title"] or row["quantity"]:
            rows.append(row)
    return rows


def to_csv(rows: list[dict[str, str]], prefix: str) -> bytes:
    """A ``streams.csv`` for the rows, each with a fresh reference starting with ``prefix``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("ref", *COLUMNS))
    writer.writeheader()
    for row in rows:
        writer.writerow({"ref": f"{prefix}-{secrets.token_hex(3).upper()}", **row})
    return out.getvalue().encode("utf-8")
