"""A pair with a one-off lot is valued once wherever its value goes: the adapter, the page
figures in nb and en, the stored headline, the dashboards' totals, the API and the command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from symbiose.impact.adapter import assess_pair
from symbiose.impact.stored import Headline
from symbiose.impact.summary import total
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream

pytestmark = pytest.mark.django_db

SLAG = {"category": "material", "ewc_code": "10 02 02", "visibility": "public",
        "sensitive_fields": ""}  # fmt: skip


@pytest.fixture
def pairs(world):
    """A 300 t heap and a 300 t/yr flow of the same slag, and a road builder's yearly need."""
    for ref, period in (("S-FJORD-HEAP", "once"), ("S-FJORD-FLOW", "year")):
        check_save_stream({**SLAG, "ref": ref, "organisation_ref": "ORG-FJORD",
                           "direction": "offer", "title": "Slag", "quantity": "300",
                           "unit": "t", "period": period}, acting_user=None)  # fmt: skip
    check_save_stream({**SLAG, "ref": "S-OUT-ROAD", "organisation_ref": world.outsider_org.ref,
                       "direction": "need", "title": "Slag for road building",
                       "quantity": "5000", "unit": "t", "period": "year", "lat": "58.09",
                       "lon": "7.84"}, acting_user=None)  # fmt: skip
    need = Stream.objects.get(ref="S-OUT-ROAD")
    heap, flow = (assess_pair(Stream.objects.get(ref=r), need)
                  for r in ("S-FJORD-HEAP", "S-FJORD-FLOW"))  # fmt: skip
    return heap, flow


@pytest.mark.parametrize(
    ("lang", "once", "per_year"), [("nb", "(én gang)", ("/år",)), ("en", "(once)", ("/yr",))]
)
def test_a_lot_reads_once_and_a_flow_per_year(pairs, lang, once, per_year):
    heap, flow = pairs
    with translation.override(lang):
        lot, yearly = heap.to_dict(), flow.to_dict()
    assert lot["one_off"] and not yearly["one_off"]
    for text in (lot["display"]["money"], lot["display"]["co2"]):
        assert text.endswith(once) and not any(p in text for p in per_year), text
    assert all(not any(p in line for p in per_year) for line in lot["resource_lines"])
    assert all(not any(p in line["unit"] for p in per_year) for line in lot["lines"])
    assert any(p in yearly["display"]["money"] for p in per_year)
    assert lot["npv_nok"]["central"] < yearly["npv_nok"]["central"] / 5  # once, not 15 years


def test_a_stored_headline_keeps_the_lot_once_and_totals_keep_it_apart(pairs):
    heap, flow = pairs
    stored = Headline.from_json(Headline.of(heap).to_json())
    assert stored.one_off and stored.co2e_t_per_yr.unit == "t CO2e"
    assert Headline.from_json({**Headline.of(heap).to_json(), "one_off": None}).one_off is False
    sums = total([heap, stored, flow, None])
    assert (sums["valued"], sums["one_off"], sums["not_valued"]) == (1, 2, 1)
    assert sums["net_nok_per_yr"][1] == pytest.approx(flow.result.annual_net_benefit_nok.central)
    assert sums["net_nok_once"][1] == pytest.approx(2 * heap.result.annual_net_benefit_nok.central)


def test_only_lots_give_no_yearly_total(pairs):
    heap, _flow = pairs
    sums = total([heap])
    assert sums["valued"] == 0 and sums["net_nok_per_yr"] == [0.0, 0.0, 0.0]
    assert sums["co2e_t_per_yr"] == [0.0, 0.0, 0.0] and sums["one_off"] == 1


def test_the_api_and_the_command_say_once(client, world, pairs):
    client.force_login(world.owner)
    data = client.get("/api/impact/pairs/S-FJORD-HEAP/S-OUT-ROAD").json()
    assert data["one_off"] is True
    assert data["annual_net_benefit_nok"]["unit"] == "NOK"
    assert data["co2e_t_per_yr"]["unit"] == "t CO2e"
    for lang, words, yearly in (("en", "Net benefit once:", "NOK/yr"),
                                ("nb", "Nettogevinst én gang:", "kr/år")):  # fmt: skip
        out = io.StringIO()
        with translation.override(lang):
            call_command("impact", "--offer", "S-FJORD-HEAP", "--need", "S-OUT-ROAD", stdout=out)
        assert words in out.getvalue() and yearly not in out.getvalue(), out.getvalue()


@pytest.mark.parametrize(
    ("lang", "yearly", "once"),
    [("nb", r"/år|i året|per år", "én gang"), ("en", r"/yr|\ba year\b", "once")],
)
def test_every_text_of_a_heat_or_fuel_lot_drops_the_year(lang, yearly, once):
    """The note on electricity freed (heat replacing Norwegian electric heating) and on gas
    bought instead (a fuel its owner burns today) speak of the lot, in nb and en."""
    import re

    from symbiose.impact.adapter import PairImpact
    from symbiose.impact.calc.exchange import assess_exchange
    from symbiose.impact.calc.tests.test_one_off import LOTS_WITH_YEARLY_NOTES
    from symbiose.impact.calc.types import ExchangeInputs

    for code, kw in LOTS_WITH_YEARLY_NOTES:
        texts = {}
        for one_off in (False, True):
            result = assess_exchange(ExchangeInputs(**kw, one_off=one_off))
            pair = PairImpact(result, per_unit=False, typical_price=False,
                              rounded_distance=False, material_class=None)  # fmt: skip
            with translation.override(lang):
                data = pair.to_dict()
            texts[one_off] = data
        assert re.search(yearly, next(n["text"] for n in texts[False]["notes"]
                                      if n["code"] == code))  # fmt: skip
        lot = texts[True]
        assert once in next(n["text"] for n in lot["notes"] if n["code"] == code)
        words = [n["text"] for n in lot["notes"] if n["code"] != "one_off"]
        words += [line["label"] + " " + line["unit"] for line in lot["lines"]]
        words += lot["resource_lines"] + [lot["display"]["money"], lot["display"]["co2"]]
        words += [lot["verdict"]["text"]] if lot["verdict"] else []
        assert not any(re.search(yearly, w) for w in words), words
