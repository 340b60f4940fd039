"""Reading the listing template from CSV files, a folder or an XLSX workbook.

Returns plain sheets (name, file label, header, numbered rows) so the planner never
cares where rows came from. Row numbers are spreadsheet row numbers: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import tablib

from symbiose.textmarks import N_

SHEETS = ("organisations", "streams")


@dataclass
class Sheet:
    name: str  # "organisations" | "streams"
    label: str  # file name shown in messages, e.g. "streams.csv" or "demo.xlsx[streams]"
    header: list[str]
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


@dataclass
class SourceProblem:
    label: str
    template: str
    params: dict[str, object]
    row: int = 0
    column: str = ""


class SourceError(Exception):
    """The files could not be read as the template at all."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.template.format(**p.params) for p in problems))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _cell(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


def read_csv(name: str, label: str, data: bytes) -> Sheet:
    """Parse one CSV sheet; comma, semicolon or tab separated (Excel in Norway uses ;)."""
    text = _decode(data)
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as err:
        raise SourceError(
            [SourceProblem(label, N_("the file is not valid CSV: {error}"), {"error": str(err)})]
        ) from None
    return _sheet(name, label, table)


def _sheet(name: str, label: str, table: list[list[object]]) -> Sheet:
    if not table:
        return Sheet(name, label, [])
    header = [str(h or "").strip().lower() for h in table[0]]
    sheet = Sheet(name, label, header)
    for number, values in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in values if v is not None):
            continue
        row = {h: _cell(values[i]) if i < len(values) else "" for i, h in enumerate(header) if h}
        if len(values) > len(header) and any(str(v).strip() for v in values[len(header) :]):
            row["\0extra"] = True
        sheet.rows.append((number, row))
    return sheet


def read_xlsx(label: str, data: bytes) -> list[Sheet]:
    """Parse the ``organisations`` and ``streams`` sheets of a workbook."""
    try:
        book = tablib.Databook().load(io.BytesIO(data), "xlsx")
    except Exception as err:  # openpyxl raises many types for a broken file
        raise SourceError(
            [
                SourceProblem(
                    label,
                    N_("the file is not a readable XLSX workbook: {error}"),
                    {"error": type(err).__name__},
                )
            ]
        ) from None
    sheets = []
    for ds in book.sheets():
        title = (ds.title or "").strip().lower()
        if title in SHEETS:
            table = [list(ds.headers or [])] + [list(r) for r in ds]
            sheets.append(_sheet(title, f"{label}[{title}]", table))
    if not sheets:
        raise SourceError(
            [
                SourceProblem(
                    label, N_("the workbook has no sheet named organisations or streams"), {}
                )
            ]
        )
    return sheets


def read_paths(paths: list[Path]) -> list[Sheet]:
    """Read files and folders given on the command line."""
    sheets: list[Sheet] = []
    problems: list[SourceProblem] = []
    for path in paths:
        files = _files_in(path) if path.is_dir() else [path]
        if path.is_dir() and not files:
            problems.append(
                SourceProblem(
                    str(path),
                    N_("no organisations.csv, streams.csv or .xlsx workbook in this folder"),
                    {},
                )
            )
        for file in files:
            if not file.exists():
                problems.append(SourceProblem(str(file), N_("file not found"), {}))
                continue
            try:
                sheets.extend(read_upload(file.name, file.read_bytes(), label=str(file)))
            except SourceError as err:
                problems.extend(err.problems)
    if problems:
        raise SourceError(problems)
    return sheets


def _files_in(folder: Path) -> list[Path]:
    csvs = [folder / f"{name}.csv" for name in SHEETS if (folder / f"{name}.csv").exists()]
    return csvs or sorted(folder.glob("*.xlsx"))


def read_upload(filename: str, data: bytes, *, label: str | None = None) -> list[Sheet]:
    """Read one uploaded or named file; its name says which sheet a CSV is."""
    label = label or filename
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(label, data)
    if lower.endswith(".csv"):
        stem = Path(lower).stem
        if stem not in SHEETS:
            raise SourceError(
                [
                    SourceProblem(
                        label, N_("a CSV file must be named organisations.csv or streams.csv"), {}
                    )
                ]
            )
        return [read_csv(stem, label, data)]
    raise SourceError([SourceProblem(label, N_("unsupported file type; use .csv or .xlsx"), {})])
