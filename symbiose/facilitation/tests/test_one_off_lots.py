"""One-off lots (a stock, a deposit, a single batch) are never added to yearly flows: the hub
dashboard, the mapping report (HTML for the PDF, and XLSX) and the impact totals keep them
apart, and their value is shown once, never per year, in Norwegian and English."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.template.loader import render_to_string
from django.utils import translation

from symbiose.facilitation import dashboard
from symbiose.facilitation.actions import do_add_facilitator, do_add_hub_members, do_save_hub
from symbiose.facilitation.reports import mapping_data, mapping_xlsx
from symbiose.facilitation.tests.conftest import login
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_organisation, check_save_stream

pytestmark = pytest.mark.django_db

SLAG = {"category": "material", "ewc_code": "10 02 02", "visibility": "public",
        "sensitive_fields": ""}  # fmt: skip


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _table(html: str, marker: str) -> str:
    """The text of the table after ``marker`` (a heading or an id)."""
    start = html.index(marker)
    return _text(html[start : html.index("</table>", start)])


@pytest.fixture
def lot_in_testpark(hubworld):
    """Fjordmetall offers a 300 t one-off heap beside the world's yearly slag flow."""
    check_save_stream({**SLAG, "ref": "S-FJORD-HEAP", "organisation_ref": "ORG-FJORD",
                       "direction": "offer", "title": "Old slag heap", "quantity": "300",
                       "unit": "t", "period": "once"}, acting_user=None)  # fmt: skip
    do_recompute_all()
    return hubworld


@pytest.fixture
def lotpark(world):
    """A hub whose registry holds only one-off lots: a heap offered, a batch needed."""
    hub, _ = do_save_hub({"slug": "lotpark", "name": "Lotpark"}, acting_user=None)
    do_add_facilitator(hub, world.facilitator, acting_user=None)
    orgs = []
    for ref, name in (("ORG-HEAP", "Haugen AS"), ("ORG-ROAD", "Veibygg AS")):
        org, _ = check_save_organisation(
            {"ref": ref, "name": name, "municipality": "Arendal", "lat": "58.46", "lon": "8.77"},
            acting_user=None,
        )
        orgs.append(org)
    do_add_hub_members(hub, orgs, acting_user=None)
    check_save_stream({**SLAG, "ref": "S-HEAP", "organisation_ref": "ORG-HEAP",
                       "direction": "offer", "title": "Slag heap", "quantity": "1200",
                       "unit": "t", "period": "once"}, acting_user=None)  # fmt: skip
    check_save_stream({**SLAG, "ref": "S-ROAD", "organisation_ref": "ORG-ROAD",
                       "direction": "need", "title": "Slag for a road project",
                       "quantity": "2000", "unit": "t", "period": "once"},
                      acting_user=None)  # fmt: skip
    do_recompute_all()
    world.lothub = hub
    return world


def test_the_stream_table_keeps_a_lot_apart_from_the_yearly_flow(lot_in_testpark):
    from symbiose.registry.models import Stream

    streams = Stream.objects.filter(organisation__hubs=lot_in_testpark.hub)
    for table in (dashboard.stream_table_of(streams), dashboard.stream_table(list(streams))):
        material = next(r for r in table if r["key"] == "material")
        assert material["lots"] == [("t", 300.0)]
        assert material["quantities"] == [("t/yr", pytest.approx(7373.25))]


@pytest.mark.parametrize(
    ("lang", "yearly", "lot"),
    [("nb", r"7.373 tonn/år", r"300 tonn"), ("en", r"7,373 tonnes/yr", r"300 tonnes")],
)
def test_the_dashboard_shows_a_lot_in_its_own_column(client, lot_in_testpark, lang, yearly, lot):
    login(client, lot_in_testpark.facilitator)
    client.cookies["django_language"] = lang
    html = client.get("/hub/testpark/").content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if 'class="one-off"' in r
               and re.search(lot, _text(r)))  # fmt: skip
    per_year = re.search(r'class="per-year">(.*?)</td>', row, re.S).group(1)
    once = re.search(r'class="one-off">(.*?)</td>', row, re.S).group(1)
    assert re.search(yearly, _text(per_year)) and "300" not in per_year
    assert re.fullmatch(rf"\s*{lot}\s*", _text(once)), once


@pytest.mark.parametrize(
    ("lang", "per_year_words", "once_word"),
    [("nb", ("/år", "kr/år"), "én gang"), ("en", ("/yr", "NOK/yr"), "once")],
)
def test_a_registry_of_only_one_off_lots_shows_no_per_year_totals(
    client, lotpark, lang, per_year_words, once_word
):
    login(client, lotpark.facilitator)
    client.cookies["django_language"] = lang
    html = client.get("/hub/lotpark/").content.decode()
    streams = _table(html, 'class="per-year"')
    assert not any(w in streams for w in per_year_words), streams
    row = re.search(r'class="per-year">(.*?)</td><td class="one-off">(.*?)</td>', html, re.S)
    assert _text(row.group(1)).strip() == "—"
    assert "1" in row.group(2) and "200" in row.group(2)
    start = html.index('id="impact"')
    yearly = re.findall(r"<tr><th>[^<].*?</tr>", html[start : html.index("</table>", start)], re.S)
    assert len(yearly) == 3  # candidates, under way, implemented: no figure per year in any
    assert all(re.findall(r"<td>(.*?)</td>", row, re.S)[:2] == ["—", "—"] for row in yearly)
    once = _table(html, 'id="impact-once"')
    assert re.search(r"\d", once)
    with translation.override(lang):
        data = mapping_data(lotpark.facilitator, lotpark.lothub)
        report = render_to_string("facilitation/report_mapping.html", data)
    assert all(
        t["valued"] == 0 and t["net_nok_per_yr"] == [0.0, 0.0, 0.0] for t in data["impact"].values()
    )
    assert sum(t["one_off"] for t in data["impact"].values()) >= 1
    assert data["impact_once"]
    text = _text(report)
    assert not any(w in text for w in per_year_words), text
    assert "impact-once" in report
    # what the pair is worth: the heap's worth is shown once, never per year
    page = client.get("/impact/S-HEAP/S-ROAD/")
    assert page.status_code == 200
    worth = _text(page.content.decode().split('id="impact-estimate"')[1].split("</dl>")[0])
    assert worth.count(f"({once_word})") == 2, worth  # money and CO2
    assert not any(w in worth for w in per_year_words), worth


def test_the_mapping_spreadsheet_puts_lots_and_yearly_flows_in_separate_columns(lot_in_testpark):
    with translation.override("en"):
        data = mapping_data(lot_in_testpark.facilitator, lot_in_testpark.hub)
        book = openpyxl.load_workbook(io.BytesIO(mapping_xlsx(data)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3:7] == ("offered per year", "unit", "offered in one-off lots", "unit")
    material = [r for r in rows[1:] if r[0] == "material"]
    assert material[0][3:7] == (7373, "tonnes/yr", 300, "tonnes")
    impact = book.worksheets[-1]
    header = next(impact.iter_rows(values_only=True))
    assert "one-off lots valued" in header


def test_a_bank_entry_keeps_a_lot_a_lot_and_refuses_an_unknown_period():
    from symbiose.facilitation.bankformat import BankFormatError, parse

    def doc(period: str) -> bytes:
        import json

        return json.dumps({"format": "symbiose-bank-of-opportunities", "version": 1,
                           "entries": [{"ref": "B-1", "title": "Slag heap to roads",
                                        "kind": "by-product", "phase_reached": 1,
                                        "reason": "No road project yet", "region": "Agder",
                                        "streams": [{"direction": "offer", "category": "material",
                                                     "annual_quantity": 300, "annual_unit": "t/yr",
                                                     "period": period}]}]}).encode()  # fmt: skip

    entries = parse(doc("once"))
    assert entries[0]["streams"][0]["period"] == "once"
    with pytest.raises(BankFormatError, match="period"):
        parse(doc("fortnight"))


@pytest.mark.parametrize(("lang", "lot", "yearly"),
                         [("nb", "300 tonn (én gang)", "300 tonn/år"),
                          ("en", "300 tonnes (once)", "300 tonnes/yr")])  # fmt: skip
def test_an_opportunity_lists_its_lot_as_a_lot(client, lot_in_testpark, lang, lot, yearly):
    from symbiose.facilitation.actions import do_create_opportunity
    from symbiose.registry.models import Stream

    opp = do_create_opportunity(
        lot_in_testpark.hub, {"title": "Heap to roads"},
        streams=Stream.objects.filter(ref__in=["S-FJORD-HEAP", "S-VARME-SLAG"]),
        acting_user=lot_in_testpark.facilitator,
    )  # fmt: skip
    login(client, lot_in_testpark.facilitator)
    client.cookies["django_language"] = lang
    text = _text(client.get(f"/hub/o/{opp.ref}/").content.decode())
    assert lot in text.replace("\xa0", " ") and yearly not in text.replace("\xa0", " ")


def test_the_boards_yearly_value_filter_never_compares_a_lot(client, lotpark):
    """Worth at least (NOK/yr) and the value sort read yearly values: a lot has none."""
    login(client, lotpark.facilitator)
    client.cookies["django_language"] = "en"
    shown = _text(client.get("/hub/lotpark/matches/").content.decode())
    assert "Slag heap" in shown and "NOK (once)" in shown
    filtered = _text(client.get("/hub/lotpark/matches/?min_value=1").content.decode())
    assert "Slag for a road project" not in filtered.split("Offer Need")[-1]
    by_value = client.get("/hub/lotpark/matches/?sort=value")
    assert by_value.status_code == 200 and "Slag heap" in _text(by_value.content.decode())
