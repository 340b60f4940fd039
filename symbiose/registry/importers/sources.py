"""Reading the listing template from CSV files, a folder or an XLSX workbook.

Returns plain sheets (name, file label, header, numbered rows) so the planner never
cares where rows came from. Row numbers are spreadsheet row numbers: the header is row 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from symbiose.registry.importers import dialects, xlsx
from symbiose.registry.importers.limits import MAX_FILE_BYTES
from symbiose.textmarks import N_

SHEETS = ("organisations", "streams", "composition", "deposits")


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


def _too_big(label: str, size: int) -> SourceError:
    return SourceError(
        [
            SourceProblem(
                label,
                N_("the file is {size} MB; at most {max} MB can be imported at once"),
                {"size": round(size / 1_000_000, 1), "max": MAX_FILE_BYTES // 1_000_000},
            )
        ]
    )


def read_csv(name: str, label: str, data: bytes) -> Sheet:
    """Parse one CSV sheet: any common encoding, ``,`` ``;`` or tab, CR/LF/CRLF lines."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(label, len(data))
    try:
        text, _encoding = dialects.decode(data)
        table = dialects.parse(text)
    except dialects.DialectError as err:
        raise SourceError(
            [SourceProblem(label, err.template, err.params, err.row, err.column)]
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
        if len(values) > len(header) and any(
            str(v).strip() for v in values[len(header) :] if v is not None
        ):
            row["\0extra"] = True
        sheet.rows.append((number, row))
    return sheet


def _cell(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


def read_xlsx(label: str, data: bytes) -> list[Sheet]:
    """Parse the ``organisations`` and ``streams`` sheets of a workbook (bounded reading)."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(label, len(data))
    try:
        found = xlsx.read_sheets(data, SHEETS)
    except xlsx.WorkbookError as err:
        raise SourceError([SourceProblem(label, err.template, err.params)]) from None
    if not found:
        raise SourceError(
            [
                SourceProblem(
                    label, N_("the workbook has no sheet named organisations or streams"), {}
                )
            ]
        )
    sheets, problems = [], []
    for title in SHEETS:
        if title in found:
            table, cell_problems = found[title]
            sheet_label = f"{label}[{title}]"
            problems += [
                SourceProblem(sheet_label, p.template, p.params, p.row, p.column)
                for p in cell_problems
            ]
            sheets.append(_sheet(title, sheet_label, table))
    if problems:
        raise SourceError(problems)
    return sheets


def read_paths(paths: list[Path], notices: list[SourceProblem] | None = None) -> list[Sheet]:
    """Read files and folders given on the command line.

    Files in a folder that the import does not use (any other name, Excel's ``~$`` lock
    files, workbooks when CSV files are there) are added to ``notices``, never skipped
    silently.
    """
    sheets: list[Sheet] = []
    problems: list[SourceProblem] = []
    for path in paths:
        files = _files_in(path, notices) if path.is_dir() else [path]
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
            if file.stat().st_size > MAX_FILE_BYTES:
                problems.extend(_too_big(str(file), file.stat().st_size).problems)
                continue
            try:
                sheets.extend(read_upload(file.name, file.read_bytes(), label=str(file)))
            except SourceError as err:
                problems.extend(err.problems)
    if problems:
        raise SourceError(problems)
    return sheets


def _files_in(folder: Path, notices: list[SourceProblem] | None) -> list[Path]:
    entries = sorted(p for p in folder.iterdir() if p.is_file())
    csvs = [p for p in entries if p.name.lower() in {f"{n}.csv" for n in SHEETS}]
    books = [p for p in entries if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")]
    used = csvs or books
    for p in entries:
        if p in used:
            continue
        if p in books:
            why = N_("not read: the folder's organisations.csv / streams.csv are used instead")
        elif p.name.startswith("~$") or p.name.startswith("."):
            why = N_("not read: a lock or hidden file")
        elif p.suffix.lower() == ".csv":
            why = N_("not read: a CSV file must be named organisations.csv or streams.csv")
        else:
            why = N_("not read: only .csv and .xlsx files are imported")
        if notices is not None:
            notices.append(SourceProblem(str(p), why, {}))
    return used


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
