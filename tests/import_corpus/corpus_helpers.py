"""Helpers for the import corpus: the case list, CSV and XLSX writers (see make_corpus.py)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent / "cases"
CASES: list[tuple[str, dict]] = []

ORG_HEAD = ["ref", "name", "nace", "municipality"]
ORG_ROW = ["ORG-1", "Testverk AS", "24.10", "Kristiansand"]
S_HEAD = ["ref", "organisation_ref", "direction", "category", "title", "quantity", "unit"]


def csv_text(rows: list[list[str]], sep: str = ",", eol: str = "\n") -> str:
    def cell(v: str) -> str:
        v = str(v)
        if any(c in v for c in (sep, '"', "\n", "\r")):
            return '"' + v.replace('"', '""') + '"'
        return v

    return "".join(sep.join(cell(v) for v in r) + eol for r in rows)


def orgs(sep: str = ",", eol: str = "\n") -> bytes:
    return csv_text([ORG_HEAD, ORG_ROW], sep, eol).encode()


def case(name: str, why: str, files: dict[str, bytes], **expect) -> None:
    CASES.append((name, {"why": why, "files": files, **expect}))


def streams(rows: list[list[str]], head: list[str] = S_HEAD, sep=",", eol="\n", enc="utf-8"):
    return csv_text([head, *rows], sep, eol).encode(enc)


def stream(ref="S-1", title="Slagg", quantity="100", unit="t", **extra) -> list[str]:
    return [ref, "ORG-1", "offer", "material", title, quantity, unit, *extra.values()]


def workbook(sheets: dict[str, list[list[object]]], patch=None) -> bytes:
    """An XLSX written by openpyxl; ``patch`` edits the XML of each worksheet part."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    raw = io.BytesIO()
    book.save(raw)
    if patch is None:
        return raw.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = patch(data)
            dst.writestr(item, data)
    return out.getvalue()


def write() -> None:
    """Write every case's files and expect.json under cases/ (replacing what was there)."""
    if ROOT.exists():
        shutil.rmtree(ROOT)
    for name, spec in CASES:
        folder = ROOT / name
        for sub in ("files", "before"):
            for filename, data in (spec.get(sub) or {}).items():
                (folder / sub).mkdir(parents=True, exist_ok=True)
                (folder / sub / filename).write_bytes(data)
        expect = {k: v for k, v in spec.items() if k not in ("files", "before")}
        expect["before"] = bool(spec.get("before"))
        (folder / "expect.json").write_text(
            json.dumps(expect, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    print(f"{len(CASES)} cases in {ROOT}")
