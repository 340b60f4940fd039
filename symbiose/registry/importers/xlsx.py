"""A bounded XLSX reader for the listing template.

Before any XML is parsed, the ZIP directory is checked: number of members and their declared
uncompressed sizes (a zip bomb is refused here, in milliseconds). The sheets are then streamed
with openpyxl's read-only mode through defusedxml (no entity expansion), stopping at the row
and column caps. Formula cells give their cached value (the result Excel saved with the file);
a formula without one is reported at its cell. Booleans become "yes"/"no", Excel error values
(#N/A, #DIV/0! …) are reported where they are.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from symbiose.registry.importers.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
)
from symbiose.textmarks import N_

EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!"}


@dataclass
class CellProblem:
    row: int
    column: str
    template: str
    params: dict[str, object] = field(default_factory=dict)


class WorkbookError(Exception):
    """The workbook cannot be read at all; ``template``/``params`` say why."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template.format(**params))


def check_archive(data: bytes) -> zipfile.ZipFile:
    """Open the workbook's ZIP directory and refuse it before parsing if it is too big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError(
            N_("the file is not a readable XLSX workbook; save it again from Excel as .xlsx")
        ) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise WorkbookError(N_("the workbook has too many parts ({count})"), count=len(members))
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise WorkbookError(
            N_("the workbook unpacks to {size} MB, more than the {max} MB allowed; "
               "split it or remove unused sheets"),
            size=total // 1_000_000,
            max=MAX_XLSX_UNCOMPRESSED_BYTES // 1_000_000,
        )  # fmt: skip
    return archive


def _open(data: bytes, *, data_only: bool):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception:  # openpyxl raises many types for a broken or hostile file
        raise WorkbookError(
            N_("the file is not a readable XLSX workbook; save it again from Excel as .xlsx")
        ) from None


def _value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


def read_sheets(data: bytes, wanted: tuple[str, ...]) -> dict[str, tuple[list, list]]:
    """Return ``{sheet name: (table, problems)}`` for the wanted sheets (names lower-cased).

    ``table`` is a list of rows (header first) of plain values; ``problems`` lists cells that
    cannot be used (a formula without a saved result, an Excel error value).
    """
    archive = check_archive(data)
    has_formulas = any(
        b"<f" in archive.read(m) for m in archive.infolist() if m.filename.startswith("xl/work")
    )
    book = _open(data, data_only=True)
    formulas = _open(data, data_only=False) if has_formulas else None
    out: dict[str, tuple[list, list]] = {}
    try:
        for ws in book.worksheets:
            name = (ws.title or "").strip().lower()
            if name not in wanted:
                continue
            fws = formulas[ws.title] if formulas is not None else None
            out[name] = _read_sheet(ws, fws)
    except WorkbookError:
        raise
    except Exception:  # a broken sheet part
        raise WorkbookError(
            N_("the file is not a readable XLSX workbook; save it again from Excel as .xlsx")
        ) from None
    finally:
        book.close()
        if formulas is not None:
            formulas.close()
    return out


def _read_sheet(ws, fws) -> tuple[list, list]:
    table: list[list[object]] = []
    problems: list[CellProblem] = []
    # A sheet's stated dimension may be false (a million empty rows): read what is there.
    ws.reset_dimensions()
    rows = ws.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    frows = None
    if fws is not None:
        fws.reset_dimensions()
        frows = fws.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    header: list[str] = []
    filled = 0
    for number, values in enumerate(rows, start=1):
        fvalues = next(frows, ()) if frows is not None else ()
        filled += any(v not in (None, "") for v in values)
        if filled > MAX_ROWS + 1:
            raise WorkbookError(
                N_("the sheet {sheet} has more than {max} rows; split it into smaller files"),
                sheet=ws.title,
                max=MAX_ROWS,
            )
        values = list(values)
        while values and values[-1] in (None, ""):
            values.pop()
        if number == 1:
            if len(values) > MAX_COLUMNS:
                raise WorkbookError(
                    N_("the sheet {sheet} has more than {max} columns"),
                    sheet=ws.title,
                    max=MAX_COLUMNS,
                )
            header = [str(v or "").strip().lower() for v in values]
        row = []
        for index, value in enumerate(values):
            column = header[index] if index < len(header) else ""
            formula = fvalues[index] if index < len(fvalues) else None
            if value is None and _is_formula(formula):
                problems.append(
                    CellProblem(
                        number,
                        column,
                        N_("the formula {formula} has no saved result; open the file in "
                           "Excel and save it again, or paste the values"),
                        {"formula": str(formula)[:60]},
                    )
                )  # fmt: skip
            elif isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                problems.append(
                    CellProblem(
                        number,
                        column,
                        N_("the cell shows the Excel error {error}; correct it or leave it empty"),
                        {"error": value.strip()},
                    )
                )
                value = None
            elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise WorkbookError(
                    N_("a cell in sheet {sheet}, row {row} has {count} characters; "
                       "at most {max} are allowed"),
                    sheet=ws.title,
                    row=number,
                    count=len(value),
                    max=MAX_CELL_CHARS,
                )  # fmt: skip
            row.append(_value(value))
        table.append(row)
    return table, problems


def _is_formula(value: object) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or (
        value is not None and not isinstance(value, str | int | float | bool | datetime.date)
    )
