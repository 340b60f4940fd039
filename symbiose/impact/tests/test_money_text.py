"""Money is written "kr" on Norwegian pages and "NOK" on English ones, by one function."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.impact.display import display, money, unit_text

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("lang", "amount", "per", "expected"),
    [
        ("nb", 1200, "", f"1{NBSP}200{NBSP}kr"),
        ("en", 1200, "", f"1,200{NBSP}NOK"),
        ("nb", 12.5, "", f"12,50{NBSP}kr"),
        ("en", -3_400_000, "yr", f"-3,400,000{NBSP}NOK/yr"),
        ("nb", -3_400_000, "yr", f"-3{NBSP}400{NBSP}000{NBSP}kr/år"),
        ("nb", "om lag 150–400", "per tonn", f"om lag 150–400{NBSP}kr per tonn"),
        ("en", None, "", "–"),
    ],
)
def test_money_is_written_in_the_language_of_the_page(lang, amount, per, expected):
    with translation.override(lang):
        assert money(amount, per) == expected


@pytest.mark.parametrize(("lang", "currency", "year"), [("nb", "kr", "år"), ("en", "NOK", "yr")])
def test_headline_figures_and_breakdown_units_follow_the_language(lang, currency, year):
    whole = assess_exchange(ExchangeInputs("material", 30, material_class="gypsum"))
    per_unit = assess_exchange(ExchangeInputs("material", 1, material_class="gypsum",
                                              per_unit=True))  # fmt: skip
    with translation.override(lang):
        assert display(whole)["money"].endswith(f"{NBSP}{currency}/{year}")
        assert f"{NBSP}{currency} " in display(per_unit)["money"]
        assert unit_text("NOK/yr") == f"{currency}/{year}"
        assert unit_text("t CO2e/yr") == f"t CO2e/{year}"
        if lang == "nb":
            assert "NOK" not in display(whole)["money"]


@pytest.mark.parametrize(("lang", "expected"), [("nb", f"1{NBSP}200{NBSP}kr"),
                                                ("en", f"1,200{NBSP}NOK")])  # fmt: skip
def test_the_template_filter_is_the_same_function(lang, expected):
    template = Template('{% load impact_figures %}{{ v|money }}|{{ v|money:"yr" }}')
    with translation.override(lang):
        text, yearly = template.render(Context({"v": 1200})).split("|")
    assert text == expected
    assert yearly == expected + ("/år" if lang == "nb" else "/yr")


@pytest.mark.parametrize(("lang", "currency", "other"), [("nb", "kr", "NOK"), ("en", "NOK", " kr")])
def test_the_pair_page_writes_money_in_its_language(world, lang, currency, other):
    from django.test import Client

    from symbiose.registry.actions import check_save_stream
    from tests.world import PASSWORD

    check_save_stream({
        "ref": "S-OUT-AGG", "organisation_ref": "ORG-OUT", "direction": "need",
        "category": "material", "title": "Aggregate for road base", "quantity": "900",
        "unit": "t", "visibility": "public",
    }, acting_user=None)  # fmt: skip
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    assert client.login(username="owner@example.no", password=PASSWORD)
    client.post("/impact/S-FJORD-SLAG/S-OUT-AGG/", {"electricity_basis": "NO", "name": "A",
                                                   "save": "1"})  # fmt: skip
    html = client.get("/impact/S-FJORD-SLAG/S-OUT-AGG/").content.decode()
    assert f"{NBSP}{currency}/" in html  # the headline, the breakdown and the saved scenario
    assert other not in html


@pytest.mark.parametrize(("lang", "words"), [("nb", "matavfall"), ("en", "food waste")])
def test_notes_name_a_material_in_words_never_by_class_id(lang, words):
    from symbiose.impact.display import shown

    with translation.override(lang):
        assert shown({"material": "food_waste"})["material"] == words
        assert shown({"material": "unknown_thing"})["material"] == "unknown thing"
