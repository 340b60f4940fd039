"""Reading a CSV file as people's tools write it: encoding, separator, line ends, quotes.

Pure module. :func:`decode` finds the encoding (UTF-8 with or without BOM, UTF-16/32 with
BOM, UTF-16 without BOM, else Windows-1252, which covers Latin-1's letters) and refuses what
is not text (a workbook renamed .csv, a PDF) with a message that says what to do.
:func:`parse` decides the separator (``,`` ``;`` or tab) from the header line, reads CR, LF
and CRLF line ends, and reports a quote that is never closed at the row where it opens.
"""

from __future__ import annotations

import csv
import io
import re

from symbiose.registry.importers.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from symbiose.textmarks import N_


class DialectError(Exception):
    """The file cannot be read as CSV text; ``template``/``params`` say why, ``row`` where."""

    def __init__(self, template: str, row: int = 0, column: str = "", **params: object) -> None:
        self.template, self.row, self.column, self.params = template, row, column, params
        super().__init__(template.format(**params))


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a CSV file, or raise :class:`DialectError`.

    >>> decode("navn;år\\n".encode("cp1252"))
    ('navn;år\\n', 'windows-1252')
    >>> decode(b"\\xff\\xfen\\x00a\\x00")
    ('na', 'utf-16-le')
    """
    if data.startswith(b"PK\x03\x04"):
        raise DialectError(
            N_("this is an Excel workbook (or another ZIP file), not CSV: name it .xlsx")
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DialectError(
            N_("this is an old Excel file (.xls); save it as .xlsx, or choose File › Save as "
               "› “CSV UTF-8 (comma delimited)” in Excel")
        )  # fmt: skip
    if data.startswith(b"%PDF"):
        raise DialectError(
            N_("this is a PDF, not a spreadsheet; in Excel choose File › Save as › "
               "“CSV UTF-8 (comma delimited)”")
        )  # fmt: skip
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), encoding), encoding
            except UnicodeDecodeError as err:
                raise DialectError(
                    N_("the file says it is {encoding} but byte {position} is not; in Excel "
                       "choose File › Save as › “CSV UTF-8 (comma delimited)”"),
                    encoding=encoding.upper(),
                    position=err.start + len(bom),
                ) from None  # fmt: skip
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: every other byte of Latin text is zero.
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return _checked(data.decode(encoding), encoding), encoding
        except UnicodeDecodeError:
            raise DialectError(
                N_("the file is not text (it contains zero bytes); in Excel choose File › "
                   "Save as › “CSV UTF-8 (comma delimited)”")
            ) from None  # fmt: skip
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), "windows-1252"), "windows-1252"
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: plain Latin-1 then
        return _checked(data.decode("latin-1"), "latin-1"), "latin-1"


def _checked(text: str, encoding: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(3, len(sample) // 200):
        raise DialectError(
            N_("the file does not look like text (read as {encoding}); in Excel choose "
               "File › Save as › “CSV UTF-8 (comma delimited)”"),
            encoding=encoding.upper(),
        )  # fmt: skip
    return text


def _header_line(text: str) -> str:
    """The first line outside quotes (a header cell may hold a line break in quotes)."""
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return text[:i]
    return text


def delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of ``,`` ``;`` and tab outside
    quotes (Excel in Norway writes ``;``).

    >>> delimiter('ref;name;"a, b"\\n')
    ';'
    """
    line = re.sub(r'"[^"]*"', "", _header_line(text))
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse(text: str) -> list[list[str]]:
    """Split CSV text into records; raise :class:`DialectError` at the row of a broken quote
    or when a cap is passed. Row numbers count records, as a spreadsheet shows them."""
    sep = delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    table: list[list[str]] = []
    try:
        for record in reader:
            table.append(record)
            if len(table) > MAX_ROWS + 1:
                raise DialectError(
                    N_("the file has more than {max} rows; split it into smaller files"),
                    max=MAX_ROWS,
                )
    except csv.Error as err:
        row = len(table) + 1
        if "unexpected end of data" in str(err):
            raise DialectError(
                N_("a quote (\") opened in this row is never closed, so the rest of the file "
                   "would be read into one cell; close it or remove it"),
                row=row,
            ) from None  # fmt: skip
        raise DialectError(
            N_("text follows a closing quote (\"); put the whole cell in quotes and write a "
               "quote inside it twice (\"\")"),
            row=row,
        ) from None  # fmt: skip
    _check_cells(table, sep)
    return table


def _check_cells(table: list[list[str]], sep: str) -> None:
    if not table:
        return
    header = table[0]
    if len(header) > MAX_COLUMNS:
        raise DialectError(
            N_("the file has {count} columns; the template has at most {max}"),
            row=1,
            count=len(header),
            max=MAX_COLUMNS,
        )
    whole_row = max(2, len(header) - 1)
    for number, record in enumerate(table, start=1):
        for index, cell in enumerate(record):
            column = header[index].strip().lower() if index < len(header) else ""
            if len(cell) > MAX_CELL_CHARS:
                raise DialectError(
                    N_("a cell has {count} characters; at most {max} are allowed"),
                    row=number,
                    column=column,
                    count=len(cell),
                    max=MAX_CELL_CHARS,
                )
            lines = cell.splitlines()
            if len(lines) > 1 and any(line.count(sep) >= whole_row for line in lines[1:]):
                raise DialectError(
                    N_("this cell runs over several lines and holds what look like whole "
                       "rows: a quote (\") in it is probably not closed where it should be"),
                    row=number,
                    column=column,
                )  # fmt: skip
