"""The mapping report's XLSX writes text typed by companies as text, never as a formula."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from symbiose.facilitation.actions import do_add_hub_members, do_create_opportunity
from symbiose.registry.actions import check_save_organisation, check_save_stream

FORMULA = '=HYPERLINK("http://evil.example/","x")'


def test_mapping_report_xlsx_has_no_formula_cells(client, hubworld):
    org, _ = check_save_organisation(
        {"ref": "ORG-EVIL", "name": "Evil AS", "municipality": "@SUM(1+1)", "lat": "58.1",
         "lon": "8.0"},
        acting_user=None,
    )  # fmt: skip
    do_add_hub_members(hubworld.hub, [org], acting_user=None)
    check_save_stream(
        {"ref": "S-EVIL", "organisation_ref": "ORG-EVIL", "direction": "offer",
         "category": "material", "title": "-1+1 slag", "crm": "manganese", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    do_create_opportunity(hubworld.hub, {"title": FORMULA}, acting_user=hubworld.facilitator)
    client.force_login(hubworld.facilitator)
    xlsx = client.get(reverse("facilitation:report", args=["testpark", "xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {str(c.value) for c in cells}
    assert "'" + FORMULA in values and "'@SUM(1+1)" in values
    assert any(v.startswith("'-1+1 slag") for v in values)
