"""Caps on imported files: checked before the work starts, with a clear message.

The zip bomb and the entity-expansion workbook are made here, in the test, not shipped.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from symbiose.registry.importers import dialects, limits, xlsx
from symbiose.registry.importers.sources import SourceError, read_upload

HEAD = "ref,organisation_ref,direction,category,title\n"


def _bomb(uncompressed_mb: int) -> bytes:
    """A small XLSX whose one sheet unpacks to ``uncompressed_mb`` MB of cells."""
    book = openpyxl.Workbook()
    book.active.title = "streams"
    raw = io.BytesIO()
    book.save(raw)
    row = b'<row><c t="n"><v>1</v></c>' + b"<c><v>1</v></c>" * 200 + b"</row>"
    body = row * (uncompressed_mb * 1_000_000 // len(row))
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<sheetData></sheetData>", b"<sheetData>" + body + b"</sheetData>"
                )
                assert body in data
            dst.writestr(item.filename, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_from_its_directory_in_milliseconds():
    bomb = _bomb(400)  # ~20 million cells
    assert len(bomb) < 2_000_000  # small on disk: that is what makes it a bomb
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SourceError, match=r"unpacks to 4\d\d MB, more than the 60 MB allowed"):
        read_upload("bomb.xlsx", bomb)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 3
    assert peak < 50_000_000


def test_entity_expansion_in_a_workbook_is_refused():
    assert openpyxl.DEFUSEDXML, "defusedxml must be installed so openpyxl parses safely"
    book = openpyxl.Workbook()
    book.active.title = "streams"
    raw = io.BytesIO()
    book.save(raw)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'.encode()
            for i in range(9)
        )
        + b"]>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = laughs + data.replace(
                    b"<sheetData></sheetData>",
                    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol8;</t></is>'
                    b"</c></row></sheetData>",
                )
                assert b"&lol8;" in data
            dst.writestr(item.filename, data)
    started = time.perf_counter()
    with pytest.raises(SourceError, match="not a readable XLSX workbook"):
        read_upload("laughs.xlsx", out.getvalue())
    assert time.perf_counter() - started < 2


def test_a_file_over_the_size_cap_is_refused_before_reading():
    data = (HEAD + "S-1,ORG-1,offer,material," + "x" * 100 + "\n") * (
        limits.MAX_FILE_BYTES // 120 + 10
    )
    with pytest.raises(SourceError, match=r"the file is \d\d\.\d MB; at most 20 MB"):
        read_upload("streams.csv", data.encode())


def test_too_many_csv_rows_are_refused_with_the_cap_in_the_message(monkeypatch):
    monkeypatch.setattr(dialects, "MAX_ROWS", 300)
    data = HEAD + "S-1,ORG-1,offer,material,Slagg\n" * 301
    with pytest.raises(SourceError, match="more than 300 rows; split it"):
        read_upload("streams.csv", data.encode())


def test_as_many_rows_as_the_cap_are_read(monkeypatch):
    monkeypatch.setattr(dialects, "MAX_ROWS", 300)
    data = HEAD + "".join(f"S-{i},ORG-1,offer,material,Slagg\n" for i in range(300))
    (sheet,) = read_upload("streams.csv", data.encode())
    assert len(sheet.rows) == 300


def test_too_many_xlsx_rows_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 300)
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("streams")
    ws.append(HEAD.strip().split(","))
    for i in range(301):
        ws.append([f"S-{i}", "ORG-1", "offer", "material", "Slagg"])
    raw = io.BytesIO()
    book.save(raw)
    with pytest.raises(SourceError, match="sheet streams has more than 300 rows"):
        read_upload("big.xlsx", raw.getvalue())
