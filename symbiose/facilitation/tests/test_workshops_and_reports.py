"""Workshops, match sheets, the regional mapping report, the Sankey layout and the portfolio."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from symbiose.facilitation import sankey
from symbiose.facilitation.actions import do_create_opportunity, do_save_workshop
from symbiose.facilitation.models import HubAssessment, Workshop
from symbiose.facilitation.reports import match_sheet_data
from tests.workers import fetch_report


@pytest.fixture
def workshop(hubworld):
    import datetime

    return do_save_workshop(
        hubworld.hub,
        {"title": "Haves and wants", "date": datetime.date(2026, 3, 1), "next_steps": "Call"},
        invited=[hubworld.org, hubworld.varme],
        acting_user=hubworld.facilitator,
    )


def test_a_workshop_is_planned_with_invited_organisations(client, hubworld):
    client.force_login(hubworld.facilitator)
    response = client.post(
        reverse("facilitation:workshop-create", args=["testpark"]),
        {"title": "Spring", "date": "2026-04-02", "invited": [hubworld.org.pk]},
    )
    ws = Workshop.objects.get()
    assert response.url == reverse("facilitation:workshop", args=["testpark", ws.pk])
    assert list(ws.invited.all()) == [hubworld.org]


def test_a_bad_workshop_date_says_how_to_write_it(client, hubworld):
    client.force_login(hubworld.facilitator)
    response = client.post(
        reverse("facilitation:workshop-create", args=["testpark"]),
        {"title": "Spring", "date": "next tuesday"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Write the date as YYYY-MM-DD" in response.content.decode()


def test_match_sheets_come_as_a_pdf(client, hubworld, workshop, django_capture_on_commit_callbacks):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:workshop-sheet", args=["testpark", workshop.pk, "ORG-VARME"])
    response = fetch_report(client, url, django_capture_on_commit_callbacks)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_match_sheet_shows_only_what_the_participant_may_see(hubworld, workshop):
    sheet = match_sheet_data(workshop, hubworld.varme)
    slag = next(r for r in sheet["rows"] if r["stream"]["ref"] == "S-VARME-SLAG")
    offer = slag["matches"][0]["match"].offer
    assert offer["title"] == "Manganese slag"
    assert offer["quantity"] is None and offer["description"] is None
    worth = slag["matches"][0]["impact"]
    if worth is not None:  # valued: never from the hidden quantity, per unit instead
        assert worth["per_unit"]


def test_the_mapping_report_comes_as_pdf_and_xlsx(
    client, hubworld, django_capture_on_commit_callbacks
):
    client.force_login(hubworld.facilitator)
    do_create_opportunity(hubworld.hub, {"title": "Heat"}, acting_user=hubworld.facilitator)
    url = reverse("facilitation:report", args=["testpark", "pdf"])
    pdf = fetch_report(client, url, django_capture_on_commit_callbacks)
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("facilitation:report", args=["testpark", "xlsx"]))
    assert zipfile.is_zipfile(io.BytesIO(xlsx.content))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == 5
    values = [c.value for row in book.worksheets[3].iter_rows() for c in row]
    assert "Heat" in values
    categories = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    quantities = [row[3] for row in categories if row[3] is not None]
    assert quantities and all(isinstance(q, (int, float)) for q in quantities)
    impact = list(book.worksheets[4].iter_rows(min_row=2, values_only=True))
    assert len(impact) == 3 and all(isinstance(v, (int, float)) for v in impact[0][1:])
    assert client.get(reverse("facilitation:report", args=["testpark", "doc"])).status_code == 404


def test_the_sankey_layout_keeps_every_band_inside_its_nodes():
    links = [("A", 0, "heat", 1, 3.0, "candidate"), ("B", 0, "heat", 1, 1.0, "implemented"),
             ("heat", 1, "C", 2, 4.0, "candidate")]  # fmt: skip
    d = sankey.layout(links, width=600, height=200)
    assert {n["label"] for n in d["nodes"]} == {"A", "B", "heat", "C"}
    assert all(n["y"] + n["h"] <= 200.01 for n in d["nodes"])
    assert [link["kind"] for link in d["links"]][-1] == "implemented"
    assert sankey.layout([])["nodes"] == []


def test_a_system_facilitator_scores_the_portfolio_but_cannot_edit_the_hub(client, hubworld):
    client.force_login(hubworld.system_facilitator)
    response = client.post(
        reverse("facilitation:hub-assess", args=["testpark"]),
        {"emissions": "4", "emissions_evidence": "30 kt CO2 cut", "knowledge": "2"},
    )
    assert response.url == reverse("facilitation:portfolio")
    assert HubAssessment.objects.get(criterion="emissions").evidence == "30 kt CO2 cut"
    page = client.get(reverse("facilitation:portfolio")).content.decode()
    assert "30 kt CO2 cut" in page
    assert client.get(reverse("facilitation:hub-edit", args=["testpark"])).status_code == 403


@pytest.mark.parametrize("score", ["6", "-1", "lots"])
def test_a_portfolio_score_out_of_range_is_named(client, hubworld, score):
    client.force_login(hubworld.facilitator)
    response = client.post(
        reverse("facilitation:hub-assess", args=["testpark"]),
        {"export": score},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Score “Export potential” from 0 to 5." in response.content.decode()
    assert not HubAssessment.objects.exists()


def test_streams_typed_in_the_grid_go_through_the_preview(client, hubworld, workshop):
    from symbiose.registry.models import Stream

    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:workshop-import", args=["testpark", workshop.pk])
    grid = {"grid": "1"}
    for n, title in enumerate(["Wood chips", "Waste oil"]):
        grid |= {f"organisation_ref-{n}": "ORG-VARME", f"direction-{n}": "offer",
                 f"category-{n}": "material", f"title-{n}": title, f"quantity-{n}": "12",
                 f"unit-{n}": "t", f"period-{n}": "year"}  # fmt: skip
    page = client.post(url, grid).content.decode()
    assert 'id="confirm"' in page and not Stream.objects.filter(title="Wood chips").exists()
    client.post(url, {"confirm": "1"})
    assert set(workshop.streams.values_list("title", flat=True)) == {"Wood chips", "Waste oil"}


def test_a_grid_row_with_a_bad_direction_is_named_and_nothing_is_saved(client, hubworld, workshop):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:workshop-import", args=["testpark", workshop.pk])
    grid = {"grid": "1", "organisation_ref-0": "ORG-VARME", "direction-0": "sideways",
            "category-0": "material", "title-0": "Thing"}  # fmt: skip
    page = client.post(url, grid, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nothing was saved" in page and "direction" in page
    assert not workshop.streams.exists()


def test_an_empty_grid_asks_for_a_row(client, hubworld, workshop):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:workshop-import", args=["testpark", workshop.pk])
    page = client.post(url, {"grid": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Fill in at least one row" in page.content.decode()


@pytest.mark.parametrize("rows", ["", "abc", "-4", "100000"])
def test_the_workshop_page_survives_any_grid_size(client, hubworld, workshop, rows):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:workshop", args=["testpark", workshop.pk])
    assert client.get(url, {"rows": rows}).status_code == 200


@pytest.mark.parametrize(("lang", "currency", "other"), [("nb", "kr", "NOK"), ("en", "NOK", "kr")])
def test_reports_write_money_in_the_language_they_are_made_in(
    client, hubworld, workshop, lang, currency, other
):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(lang):
        sheets = [match_sheet_data(workshop, org) for org in (hubworld.org, hubworld.varme)]
        html = render_to_string("facilitation/report_match_sheets.html",
                                {"sheets": sheets, "workshop": workshop})  # fmt: skip
    worths = [it["impact"]["display"]["money"] for s in sheets for r in s["rows"]
              for it in r["matches"] if it["impact"]]  # fmt: skip
    assert worths and all(f"\xa0{currency}" in w and other not in w for w in worths)
    assert all(w in html for w in worths)
    client.force_login(hubworld.facilitator)
    xlsx = client.get(reverse("facilitation:report", args=["testpark", "xlsx"]),
                      HTTP_ACCEPT_LANGUAGE=lang)  # fmt: skip
    headers = next(openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[4].iter_rows(
        max_row=1, values_only=True))  # fmt: skip
    assert any(currency in h for h in headers) and not any(other in h for h in headers)
