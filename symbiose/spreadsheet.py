"""Cells for the CSV and XLSX files the platform writes, made safe to open in a spreadsheet.

Pure module (no Django). A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel and LibreOffice as a formula (``=HYPERLINK(...)``,
``=cmd|...``, ``@SUM(...)``), so a title typed by one company could run in another's
spreadsheet. :func:`safe_cell` puts an apostrophe in front of such text (the spreadsheet
convention for "this is text"), leaves numbers alone, and drops the control characters XLSX
cannot hold. The listing template's import drops the apostrophe again
(:func:`symbiose.registry.validation.unescape_cell`), so export -> import round-trips.

Every writer goes through :func:`safe_row`: ``registry/exporters.py`` (``symbiose export``,
downloads of the listing template) and ``facilitation/reports.py`` (the mapping report).
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Iterable
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Control characters an XLSX file cannot contain (openpyxl refuses them; tab, LF, CR are fine).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell that no spreadsheet will evaluate.

    Numbers, dates, booleans and ``None`` are returned unchanged, and so is text that is a
    plain number ("-150", "+4.5e3"): a number stays a number.

    Examples
    --------
    >>> safe_cell('=HYPERLINK("http://x","click")')
    '\\'=HYPERLINK("http://x","click")'
    >>> safe_cell("-150"), safe_cell(-150.0), safe_cell("Slag")
    ('-150', -150.0, 'Slag')
    """
    if value is None or isinstance(
        value, bool | int | float | decimal.Decimal | datetime.date | datetime.time
    ):
        return value
    text = _ILLEGAL.sub("", str(value))
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(v) for v in values]


def safe_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A ``csv.DictWriter`` row with every value through :func:`safe_cell`."""
    return {k: safe_cell(v) for k, v in row.items()}
