"""A one-off lot (a stock, a deposit, a single batch) is valued once: its figures are in NOK
and t CO2e, never per year, and its business case is a single cash flow."""

from __future__ import annotations

import re

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import ExchangeInputs


def _pair(**kw) -> ExchangeInputs:
    return ExchangeInputs("material", 10_000, material_class="gypsum", distance_km=50, **kw)


def test_a_one_off_lot_is_counted_once_in_nok_and_tonnes_not_per_year():
    yearly, lot = assess_exchange(_pair()), assess_exchange(_pair(one_off=True))
    assert not yearly.one_off and lot.one_off
    assert yearly.co2e_t_per_yr.unit == "t CO2e/yr" and lot.co2e_t_per_yr.unit == "t CO2e"
    assert yearly.annual_net_benefit_nok.unit == "NOK/yr"
    assert lot.annual_net_benefit_nok.unit == "NOK"
    assert lot.unit == "t"
    assert all(not line.unit.endswith("/yr") for line in lot.lines)
    assert "one_off" in {n.code for n in lot.notes}
    # the same exchange, once: the lot's figure equals one year of the flow (no capex)
    assert lot.annual_net_benefit_nok.central == pytest.approx(
        yearly.annual_net_benefit_nok.central
    )


def test_a_one_off_lots_npv_is_its_single_cash_flow_not_fifteen_years():
    yearly, lot = assess_exchange(_pair()), assess_exchange(_pair(one_off=True))
    flows = lot.business_case.cash_flows_nok
    assert len(flows) == 2 and flows[0] == 0.0  # nothing invested, one cash flow after it
    rate = Lookup(load_factors()).value("econ.discount_rate", "dimensionless")
    assert lot.npv_nok.central == pytest.approx(flows[1] / (1 + rate))
    assert yearly.npv_nok.central > 5 * lot.npv_nok.central  # a flow over 15 years is more


def test_a_one_off_lot_with_an_investment_pays_back_within_the_lot_or_never():
    lot = assess_exchange(_pair(one_off=True, capex_nok=5_000_000))
    assert lot.business_case.cash_flows_nok[0] == -5_000_000
    assert len(lot.business_case.cash_flows_nok) == 2
    assert lot.payback_years.central is None or lot.payback_years.central <= 1.0
    huge = assess_exchange(_pair(one_off=True, capex_nok=500_000_000))
    assert huge.payback_years.central is None  # one lot cannot repay it: never
    # the whole investment is charged to the lot, not a yearly share of it
    capital = [line for line in huge.lines if "one-off lot" in line.label_template]
    assert capital and capital[0].value == pytest.approx(-500_000_000)
    assert not huge.worth_it and huge.verdict.code.endswith("_once")
    assert "NOK/yr" not in huge.verdict.template


def test_a_lot_larger_than_the_receivers_need_is_valued_for_the_need_only_and_said():
    whole = assess_exchange(_pair(one_off=True))
    capped = assess_exchange(_pair(one_off=True, need_quantity=2000, need_quantity_unit="t/yr"))
    assert "one_off_need" in {n.code for n in capped.notes}
    assert capped.resources["kept_from_landfill_t"] < whole.resources["kept_from_landfill_t"]


def test_per_unit_values_ignore_the_one_off_flag():
    r = assess_exchange(_pair(one_off=True, per_unit=True))
    assert not r.one_off and r.per_unit


@pytest.mark.parametrize("km", [500, 2000])
def test_a_far_lot_is_explained_once_not_per_year(km):
    r = assess_exchange(ExchangeInputs("material", 10_000, material_class="gypsum",
                                       distance_km=km, one_off=True))  # fmt: skip
    assert not r.worth_it
    assert r.verdict.code.endswith("_once") and "/yr" not in r.verdict.template


#: Lots whose notes used to speak of a year: heat replacing Norwegian electric heating (the
#: electricity freed), and hydrogen its owner burns today (the natural gas bought instead).
LOTS_WITH_YEARLY_NOTES = [
    ("norwegian_hydro_heat",
     dict(category="heat", quantity=2000, quantity_unit="MWh/yr", offer_temperature_c=80,
          distance_km=0.3)),
    ("owner_fuel", dict(category="gas", quantity=50, material_class="hydrogen")),
]  # fmt: skip


@pytest.mark.parametrize(("code", "kw"), LOTS_WITH_YEARLY_NOTES)
def test_no_note_of_a_one_off_lot_speaks_of_a_year(code, kw):
    yearly = assess_exchange(ExchangeInputs(**kw))
    lot = assess_exchange(ExchangeInputs(**kw, one_off=True))
    texts = {n.code: n.to_dict()["text"] for n in lot.notes}
    assert re.search(r"/yr|\ba year\b", {n.code: n.to_dict()["text"] for n in yearly.notes}[code])
    assert code in texts and "once" in texts[code]
    for note in [*lot.notes, *([lot.verdict] if lot.verdict else [])]:
        text = note.to_dict()["text"]
        assert "/yr" not in text and not re.search(r"\ba year\b", text), text
    # the same figures, only said once
    assert {n.code: n.params for n in lot.notes}[code] == {n.code: n.params for n in yearly.notes}[
        code
    ]
