"""A one-off lot (``period="once"``: a stock, a deposit) is shown as the lot, never per year,
on the company's stream list, the match cards and the search results, in both languages."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import check_save_stream
from symbiose.web.templatetags.symbiose_web import amount

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "row", "expected"),
    [
        ("nb", {"annual_quantity": 1200000.0, "annual_unit": "t/yr", "period": "once"},
         "1\u00a0200\u00a0000 tonn (én gang)"),
        ("en", {"annual_quantity": 1200000.0, "annual_unit": "t/yr", "period": "once"},
         "1,200,000 tonnes (once)"),
        ("nb", {"annual_quantity": 15000.5, "annual_unit": "t/yr", "period": "month"},
         "15\u00a0000,50 tonn/år"),
        ("en", {"annual_quantity": 40.0, "annual_unit": "MWh/yr", "period": "year"},
         "40 MWh/yr"),
        ("nb", {"annual_quantity": None, "annual_unit": "", "period": "once"}, ""),
    ],
)  # fmt: skip
def test_an_amount_reads_per_year_or_as_a_lot(lang, row, expected):
    with translation.override(lang):
        assert amount(row).replace(" ", "\u00a0") == expected.replace(" ", "\u00a0")


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_pages_show_a_heap_as_a_lot_not_a_yearly_flow(world, client):
    check_save_stream(
        {"ref": "S-FJORD-HEAP", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Old slag heap", "ewc_code": "10 02 02",
         "quantity": "400000", "unit": "t", "period": "once", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    check_save_stream(
        {"ref": "S-OUT-ROAD", "organisation_ref": world.outsider_org.ref, "direction": "need",
         "category": "material", "title": "Slag for road building", "ewc_code": "10 02 02",
         "quantity": "5000", "unit": "t", "period": "year", "visibility": "public",
         "lat": "58.09", "lon": "7.84"},
        acting_user=None,
    )  # fmt: skip
    do_recompute_all()
    client.force_login(world.owner)
    mine = _text(client.get("/streams/", HTTP_ACCEPT_LANGUAGE="nb"))
    assert re.search(r"400.000 tonn \(én gang\)", mine), mine
    assert not re.search(r"400.000 tonn/år", mine)
    client.force_login(world.outsider)
    for lang, lot, yearly in (
        ("nb", r"400.000 tonn \(én gang\)", r"400.000 tonn/år"),
        ("en", r"400,000 tonnes \(once\)", r"400,000 tonnes/yr"),
    ):
        cards = _text(client.get("/streams/S-OUT-ROAD/matches/", HTTP_ACCEPT_LANGUAGE=lang))
        assert "Old slag heap" in cards
        assert re.search(lot, cards) and not re.search(yearly, cards), lang
        # what the heap is worth to the road builder is a figure once, never per year
        card = r"Old slag heap Fjordmetall AS.*?(?:Ask to be put in touch|Be om kontakt)"
        worth = re.search(card, cards)
        once = "kr (én gang)" if lang == "nb" else "NOK (once)"
        assert worth and once in worth.group(0), worth and worth.group(0)
        assert ("kr/år" if lang == "nb" else "NOK/yr") not in worth.group(0)
        found = _text(client.get("/search/?q=heap", HTTP_ACCEPT_LANGUAGE=lang))
        assert re.search(lot, found) and not re.search(yearly, found), lang
        # the column holds lots and yearly amounts: its header says neither
        assert ("Quantity per year" if lang == "en" else "Mengde per år") not in found
        assert ("Quantity" if lang == "en" else "Mengde") in found


def test_the_search_export_says_which_amounts_are_one_off_lots(world, client):
    import csv
    import io

    check_save_stream(
        {"ref": "S-FJORD-HEAP", "organisation_ref": "ORG-FJORD", "direction": "offer",
         "category": "material", "title": "Old slag heap", "ewc_code": "10 02 02",
         "quantity": "400000", "unit": "t", "period": "once", "visibility": "public",
         "sensitive_fields": ""},
        acting_user=None,
    )  # fmt: skip
    client.force_login(world.facilitator)
    rows = list(csv.DictReader(io.StringIO(client.get("/search/export.csv?q=slag").content
                                           .decode("utf-8-sig"))))  # fmt: skip
    heap = next(r for r in rows if r["ref"] == "S-FJORD-HEAP")
    assert (heap["annual_quantity"], heap["period"]) == ("400000.0", "once")
    client.force_login(world.other_facilitator)  # not an insider of Fjordmetall
    rows = list(csv.DictReader(io.StringIO(client.get("/search/export.csv?q=slag").content
                                           .decode("utf-8-sig"))))  # fmt: skip
    hidden = next(r for r in rows if r["ref"] == "S-FJORD-SLAG")  # quantity marked sensitive
    assert hidden["annual_quantity"] == "" and hidden["period"] == ""  # hidden with it
