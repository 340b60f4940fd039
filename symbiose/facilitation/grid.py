"""The workshop capture grid: rows typed in the browser become a listing-template sheet.

The grid is only another way to fill in the template: its rows go through the same
``plan_import`` preview and the same all-or-nothing import as an uploaded file. When the
preview finds problems the grid comes back as typed, every row and cell, with each problem
shown at its cell (or its row, for a problem no cell of the grid holds).

A company that is not a member yet can be added above the grid (``NEW_ORGS`` rows: name,
organisation number, municipality); the grid's organisation column then offers it as
``new-1`` … and the two become an ``organisations.csv`` and a ``streams.csv`` for the same
preview and import, so the new organisation meets the same rules as in a file.
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
from symbiose.registry.unit_labels import unit_choices
from symbiose.registry.units import UNIT_CHOICES

COLUMNS = ("organisation_ref", "direction", "category", "title", "quantity", "unit", "period")
LABELS = {
    "organisation_ref": gettext_lazy("Organisation"),
    "direction": gettext_lazy("Direction"),
    "category": gettext_lazy("Category"),
    "title": gettext_lazy("Title"),
    "quantity": gettext_lazy("Quantity"),
    "unit": gettext_lazy("Unit"),
    "period": gettext_lazy("Period"),
}
#: Text inputs and their HTML attributes; the other columns are choices.
INPUTS = {
    "title": {"maxlength": 200},
    "quantity": {"inputmode": "decimal", "size": 8},
}
NEW_ORG_COLUMNS = ("name", "org_number", "municipality")
NEW_ORG_LABELS = {
    "name": gettext_lazy("Name"),
    "org_number": gettext_lazy("Organisation number"),
    "municipality": gettext_lazy("Municipality"),
}
#: New organisations one grid can add.
NEW_ORGS = 3
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


def typed_new_orgs(post: QueryDict) -> list[dict[str, str]]:
    """The ``NEW_ORGS`` new-organisation rows as typed (``neworg-<column>-<k>``)."""
    return [{c: post.get(f"neworg-{c}-{k}", "").strip()[:500] for c in NEW_ORG_COLUMNS}
            for k in range(1, NEW_ORGS + 1)]  # fmt: skip


def _org_filled(org: dict[str, str]) -> bool:
    return any(org.values())


def new_org_key(k: int) -> str:
    """The value the organisation column holds for the ``k``-th new organisation (1-based)."""
    return f"new-{k}"


def _csv(fieldnames: tuple[str, ...], rows: Iterable[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _ref(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(3).upper()}"


def to_csv(rows: list[dict[str, str]], prefix: str) -> bytes:
    """A ``streams.csv`` for the rows, each with a fresh reference starting with ``prefix``."""
    return _csv(("ref", *COLUMNS), ({"ref": _ref(prefix), **row} for row in rows))


def to_files(
    rows: list[dict[str, str]], new_orgs: list[dict[str, str]], prefix: str, org_prefix: str
) -> dict[str, bytes]:
    """The template files for the grid: ``streams.csv`` and, when new organisations were
    typed, ``organisations.csv`` (each with a fresh reference starting with ``org_prefix``;
    the stream rows that chose ``new-k`` name it). A row that chose an empty new organisation
    keeps ``new-k``, which the preview reports as an unknown organisation."""
    refs = {new_org_key(k): _ref(org_prefix)
            for k, org in enumerate(new_orgs, start=1) if _org_filled(org)}  # fmt: skip
    files = {}
    if refs:
        orgs = ({"ref": refs[new_org_key(k)], **org}
                for k, org in enumerate(new_orgs, start=1) if _org_filled(org))  # fmt: skip
        files["organisations.csv"] = _csv(("ref", *NEW_ORG_COLUMNS), orgs)
    rows = [{**row, "organisation_ref": refs.get(row["organisation_ref"], row["organisation_ref"])}
            for row in rows]  # fmt: skip
    files["streams.csv"] = to_csv(rows, prefix)
    return files


def _choices(
    column: str, value: str, organisations: Iterable[Any], new_orgs: list[dict[str, str]]
) -> list[tuple[str, str]]:
    if column == "organisation_ref":
        choices = [(o.ref, o.name) for o in organisations]
        choices += [(new_org_key(k), f"{_('New:')} {org['name']}" if org["name"]
                     else _("New organisation %(number)d") % {"number": k})
                    for k, org in enumerate(new_orgs, start=1)]  # fmt: skip
    elif column == "unit":  # a list, read as words ("tonn", "m³"), never free text
        choices = [("", "—"), *((k, str(label)) for k, label in unit_choices(UNIT_CHOICES))]
    else:
        choices = [(k, str(label)) for k, label in {"direction": DIRECTIONS,
                   "category": CATEGORIES, "period": PERIODS}[column]]  # fmt: skip
    if value and value not in {k for k, _label in choices}:
        choices.append((value, value))  # keep what was typed, even if it is not a choice
    return choices


def _blank_new_orgs() -> list[dict[str, str]]:
    return [dict.fromkeys(NEW_ORG_COLUMNS, "") for _k in range(NEW_ORGS)]


def build(
    rows: list[dict[str, str]],
    organisations: Iterable[Any],
    problems: Iterable[Any] = (),
    translate: Callable[[str], str] = _,
    new_orgs: list[dict[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """The grid for the template: one dict per row with its cells, values and problems.

    ``problems`` are the preview's problems for the ``streams.csv`` made from ``rows``: its
    data row ``FIRST_DATA_ROW + k`` is the ``k``-th filled grid row (problems of
    ``organisations.csv`` belong to :func:`build_new_orgs`).
    """
    organisations = list(organisations)
    new_orgs = new_orgs or _blank_new_orgs()
    at_row = {FIRST_DATA_ROW + k: n for k, n in enumerate(filled_indices(rows))}
    cell_problems: dict[tuple[int, str], list[str]] = {}
    row_problems: dict[int, list[str]] = {}
    for p in problems:
        if p.label == "organisations.csv":
            continue
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
                 "choices": None if column in INPUTS
                 else _choices(column, value, organisations, new_orgs)}
            )  # fmt: skip
        has_problem = bool(row_problems.get(n)) or any(c["errors"] for c in cells)
        out.append({"n": n, "number": n + 1, "cells": cells, "problems": row_problems.get(n, []),
                    "has_problem": has_problem})  # fmt: skip
    return out


def build_new_orgs(
    new_orgs: list[dict[str, str]] | None = None,
    problems: Iterable[Any] = (),
    translate: Callable[[str], str] = _,
) -> list[dict[str, Any]]:
    """The new-organisation rows for the template, each problem of ``organisations.csv`` at
    its cell (its data row ``FIRST_DATA_ROW + j`` is the ``j``-th filled new organisation)."""
    new_orgs = new_orgs or _blank_new_orgs()
    filled = [k for k, org in enumerate(new_orgs) if _org_filled(org)]
    at_row = {FIRST_DATA_ROW + j: k for j, k in enumerate(filled)}
    errors: dict[tuple[int, str], list[str]] = {}
    for p in problems:
        k = at_row.get(p.row)
        if p.label == "organisations.csv" and k is not None:
            column = p.column if p.column in NEW_ORG_COLUMNS else "name"
            errors.setdefault((k, column), []).append(p.message(translate))
    return [
        {"number": k + 1, "key": new_org_key(k + 1), "has_problem": any(
            (k, c) in errors for c in NEW_ORG_COLUMNS),
         "cells": [{"column": c, "name": f"neworg-{c}-{k + 1}", "value": org[c],
                    "label": NEW_ORG_LABELS[c], "errors": errors.get((k, c), [])}
                   for c in NEW_ORG_COLUMNS]}
        for k, org in enumerate(new_orgs)
    ]  # fmt: skip


def organisations(hub: Any, workshop: Any = None) -> Any:
    """The organisations a grid row can belong to: the hub's members (workshop participants
    are members too: only members may be invited)."""
    return hub.members.order_by("name")


def empty(size: int, organisations: Iterable[Any]) -> list[dict[str, Any]]:
    """A fresh grid of ``size`` rows."""
    return build([dict.fromkeys(COLUMNS, "") for _n in range(size)], organisations)


def problem_summary(grid: list[dict[str, Any]], new_orgs: list[dict[str, Any]] = ()) -> list[str]:
    """One line per problem, naming the grid row and column, for the list above the grid."""
    lines = [
        _("New organisation {number}, {column}: {problem}").format(
            number=org["number"], column=c["label"], problem=e)
        for org in new_orgs for c in org["cells"] for e in c["errors"]
    ]  # fmt: skip
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
