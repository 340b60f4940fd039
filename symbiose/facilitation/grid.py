"""The workshop capture grid: rows typed in the browser become a listing-template sheet.

The grid is only another way to fill in the template: its rows go through the same
``plan_import`` preview and the same all-or-nothing import as an uploaded file. When the
preview finds problems the grid comes back as typed, every row and cell, with each problem
shown at its cell (or its row, for a problem no cell of the grid holds).
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from symbiose.registry.models.stream import CATEGORIES, DIRECTIONS, PERIODS
from symbiose.registry.units import UNIT_CHOICES
from symbiose.web.units import unit_choices

COLUMNS = ("organisation_ref", "direction", "category", "title", "quantity", "unit", "period")
LABELS = {
    "organisation_ref": gettext_lazy("organisation"),
    "direction": gettext_lazy("direction"),
    "category": gettext_lazy("category"),
    "title": gettext_lazy("title"),
    "quantity": gettext_lazy("quantity"),
    "unit": gettext_lazy("unit"),
    "period": gettext_lazy("period"),
}
#: Text inputs and their HTML attributes; the other columns are choices.
INPUTS = {
    "title": {"maxlength": 200},
    "quantity": {"inputmode": "decimal", "size": 8},
}
MAX_ROWS = 200
DEFAULT_ROWS = 10
#: The listing template's data rows start under a header row.
FIRST_DATA_ROW = 2


def size_from(raw: str, default: int = DEFAULT_ROWS) -> int:
    """A grid size from a request value, between 1 and ``MAX_ROWS``."""
    return min(int(raw), MAX_ROWS) if raw.isdigit() and int(raw) > 0 else default


def typed_rows(post: QueryDict) -> list[dict[str, str]]:
    """Every row of the posted grid as typed, however empty, up to the last one shown."""
    rows = [{c: post.get(f"{c}-{n}", "").strip()[:500] for c in COLUMNS} for n in range(MAX_ROWS)]
    last = max((n for n, row in enumerate(rows) if _filled(row)), default=-1)
    return rows[: max(last + 1, size_from(post.get("rows", ""), 1))]


def _filled(row: dict[str, str]) -> bool:
    return bool(row["title"] or row["quantity"])


def filled_indices(rows: list[dict[str, str]]) -> list[int]:
    """The grid rows that become template rows: those with a title or a quantity."""
    return [n for n, row in enumerate(rows) if _filled(row)]


def rows_from_post(post: QueryDict) -> list[dict[str, str]]:
    """Non-empty rows of the grid (``<column>-<n>`` fields), at most ``MAX_ROWS``."""
    rows = typed_rows(post)
    return [rows[n] for n in filled_indices(rows)]


def to_csv(rows: list[dict[str, str]], prefix: str) -> bytes:
    """A ``streams.csv`` for the rows, each with a fresh reference starting with ``prefix``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("ref", *COLUMNS))
    writer.writeheader()
    for row in rows:
        writer.writerow({"ref": f"{prefix}-{secrets.token_hex(3).upper()}", **row})
    return out.getvalue().encode("utf-8")


def _choices(column: str, value: str, organisations: Iterable[Any]) -> list[tuple[str, str]]:
    if column == "organisation_ref":
        choices = [(o.ref, o.name) for o in organisations]
    elif column == "unit":  # a list, read as words ("tonn", "m³"), never free text
        choices = [("", "—"), *((k, str(label)) for k, label in unit_choices(UNIT_CHOICES))]
    else:
        choices = [(k, str(label)) for k, label in {"direction": DIRECTIONS,
                   "category": CATEGORIES, "period": PERIODS}[column]]  # fmt: skip
    if value and value not in {k for k, _label in choices}:
        choices.append((value, value))  # keep what was typed, even if it is not a choice
    return choices


def build(
    rows: list[dict[str, str]],
    organisations: Iterable[Any],
    problems: Iterable[Any] = (),
    translate: Callable[[str], str] = _,
) -> list[dict[str, Any]]:
    """The grid for the template: one dict per row with its cells, values and problems.

    ``problems`` are the preview's problems for the ``streams.csv`` made from ``rows``: its
    data row ``FIRST_DATA_ROW + k`` is the ``k``-th filled grid row.
    """
    organisations = list(organisations)
    at_row = {FIRST_DATA_ROW + k: n for k, n in enumerate(filled_indices(rows))}
    cell_problems: dict[tuple[int, str], list[str]] = {}
    row_problems: dict[int, list[str]] = {}
    for p in problems:
        n = at_row.get(p.row)
        if n is None:
            continue
        message = p.message(translate)
        if p.column in COLUMNS:
            cell_problems.setdefault((n, p.column), []).append(message)
        else:
            row_problems.setdefault(n, []).append(message)
    out = []
    for n, row in enumerate(rows):
        cells = []
        for column in COLUMNS:
            value = row[column]
            cells.append(
                {"column": column, "name": f"{column}-{n}", "value": value,
                 "label": LABELS[column], "errors": cell_problems.get((n, column), []),
                 "attrs": INPUTS.get(column),
                 "choices": None if column in INPUTS else _choices(column, value, organisations)}
            )  # fmt: skip
        has_problem = bool(row_problems.get(n)) or any(c["errors"] for c in cells)
        out.append({"n": n, "number": n + 1, "cells": cells, "problems": row_problems.get(n, []),
                    "has_problem": has_problem})  # fmt: skip
    return out


def organisations(hub: Any, workshop: Any = None) -> Any:
    """The organisations a grid row can belong to: the hub's members (workshop participants
    are members too: only members may be invited)."""
    return hub.members.order_by("name")


def empty(size: int, organisations: Iterable[Any]) -> list[dict[str, Any]]:
    """A fresh grid of ``size`` rows."""
    return build([dict.fromkeys(COLUMNS, "") for _n in range(size)], organisations)


def problem_summary(grid: list[dict[str, Any]]) -> list[str]:
    """One line per problem, naming the grid row and column, for the list above the grid."""
    lines = []
    for row in grid:
        for cell in row["cells"]:
            for e in cell["errors"]:
                lines.append(
                    _("Row {row}, {column}: {problem}").format(
                        row=row["number"], column=cell["label"], problem=e
                    )
                )
        for e in row["problems"]:
            lines.append(_("Row {row}: {problem}").format(row=row["number"], problem=e))
    return lines
