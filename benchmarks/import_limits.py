"""Time and peak memory of reading the largest files the import accepts, and of refusing a bomb.

Usage: ``.venv/bin/python benchmarks/import_limits.py``

Reads (no database) a CSV and an XLSX ``streams`` sheet at the row cap (20 000 rows of the
template's 24 stream columns), an XLSX unpacking to just under the 60 MB cap, and refuses a
zip bomb (~400 MB of cells in a ~1 MB file). Peak memory is the process's maximum resident
size after each step (``ru_maxrss``), so it only grows; each case runs in its own process.
Results go in docs/benchmarks.md ("Import limits").
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile

import openpyxl

CASES = ("csv-20000-rows", "xlsx-20000-rows", "xlsx-near-60mb", "zip-bomb")
HEAD = [
    "ref", "organisation_ref", "direction", "category", "title", "description", "ewc_code",
    "quantity", "unit", "period", "temperature_c", "hazardous", "visibility",
    "sensitive_fields", "legal_status", "crm", "price_nok_per_unit", "accepts_hazardous",
    "composition", "available_from", "available_to", "confirmed_at", "lat", "lon",
]  # fmt: skip


def _row(i: int) -> list[object]:
    return [
        f"S-{i}", "ORG-1", "offer", "material", f"Slagg {i}", "Fin fraksjon " * 8, "10 02 02",
        "1 200,5", "t", "year", "", "no", "members", "quantity;price", "by-product", "", "250",
        "no", "Mn 31 %", "2026-01-01", "", "", "58,14", "7,99",
    ]  # fmt: skip


def _xlsx(rows: int, text: int = 0) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("streams")
    ws.append(HEAD)
    for i in range(rows):
        row = _row(i)
        if text:
            row[5] = "x" * text
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bomb() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "streams"
    raw = io.BytesIO()
    book.save(raw)
    row = b"<row>" + b"<c><v>1</v></c>" * 200 + b"</row>"
    body = row * (400_000_000 // len(row))
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<sheetData></sheetData>", b"<sheetData>" + body + b"</sheetData>"
                )
            dst.writestr(item.filename, data)
    return out.getvalue()


def run(case: str) -> str:
    import django

    django.setup()
    from symbiose.registry.importers.sources import SourceError, read_upload

    if case == "csv-20000-rows":
        name = "streams.csv"
        data = "\n".join(";".join(map(str, r)) for r in [HEAD] + [_row(i) for i in range(20_000)])
        data = data.encode("cp1252")
    elif case == "xlsx-20000-rows":
        name, data = "big.xlsx", _xlsx(20_000)
    elif case == "xlsx-near-60mb":
        name, data = "wide.xlsx", _xlsx(15_000, text=2_000)
    else:
        name, data = "bomb.xlsx", _bomb()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        sheets = read_upload(name, data)
        outcome = f"read {sum(len(s.rows) for s in sheets)} rows"
    except SourceError as err:
        outcome = "refused: " + err.problems[0].template.split(";")[0]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (f"| {case} | {len(data) / 1e6:.1f} MB | {seconds:.2f} s | "
            f"{peak / 1024:.0f} MB ({(peak - before) / 1024:+.0f} MB) | {outcome} |")  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1:
        print(run(sys.argv[1]))
        return
    print("| case | file | time to read | peak RSS (growth while reading) | outcome |")
    print("|---|---|---|---|---|")
    for case in CASES:
        out = subprocess.run([sys.executable, __file__, case], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
