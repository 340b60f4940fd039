"""The value of an exchange is its difference from both counterfactuals, stated honestly."""

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs


def bark(**changes):
    base = dict(category="material", quantity=2000, material_class="wood_clean", distance_km=30)
    return assess_exchange(ExchangeInputs(**{**base, **changes}))


def test_a_stream_sold_today_gains_only_what_the_new_buyer_adds():
    result = bark()
    assert result.counterfactual["route"] == "sold"
    # the new buyer's value and today's revenue cancel; the haul and the loading are left
    assert result.annual_net_benefit_nok.central == pytest.approx(-2000 * (30 * 2.0 + 30))
    assert not result.worth_it and result.verdict.code == "not_worth_used"
    assert result.resources["virgin_material_saved_t"] == 0


def test_a_better_price_than_today_makes_the_same_stream_worth_moving():
    result = bark(resource_price_nok_per_unit=650, current_price_nok_per_unit=300, distance_km=10)
    assert result.annual_net_benefit_nok.central == pytest.approx(
        2000 * (650 - 300 - 10 * 2.0 - 30)
    )
    assert result.worth_it and result.verdict is None


def test_the_owner_can_say_the_stream_is_landfilled_today():
    sold = bark(distance_km=0)
    landfilled = bark(distance_km=0, offer_route="landfill")
    assert landfilled.annual_net_benefit_nok.central > sold.annual_net_benefit_nok.central
    assert landfilled.co2e_t_per_yr.central > sold.co2e_t_per_yr.central
    assert landfilled.counterfactual["route_is_default"] is False


def test_clean_biomass_never_pays_the_incineration_tax():
    result = assess_exchange(
        ExchangeInputs("material", 100, material_class="food_waste", distance_km=0)
    )
    labels = " ".join(line.label_template for line in result.lines)
    assert "tax" not in labels and result.counterfactual["route"] == "incineration"


def test_a_receiver_with_no_current_supply_gets_no_substitution():
    result = assess_exchange(
        ExchangeInputs("material", 100, material_class="gypsum", receiver_supply="none")
    )
    assert "new_use" in {n.code for n in result.notes}
    assert all("product replaced" not in line.label_template for line in result.lines)


def test_transport_that_eats_the_saving_is_explained_as_distance():
    result = assess_exchange(
        ExchangeInputs("material", 1000, material_class="aggregate", distance_km=300)
    )
    assert not result.worth_it and result.verdict.code == "not_worth_distance"
    assert result.verdict.params["transport"] == pytest.approx(1000 * (300 * 2.0 + 30), rel=0.01)


def test_payback_is_given_only_when_there_is_an_investment():
    without = assess_exchange(ExchangeInputs("material", 1000, material_class="gypsum"))
    assert without.payback_years.central is None and without.irr.central is None
    with_capex = assess_exchange(
        ExchangeInputs("material", 1000, material_class="gypsum", capex_nok=100_000)
    )
    assert with_capex.payback_years.central is not None


def test_per_unit_results_have_no_totals_or_business_case():
    result = assess_exchange(
        ExchangeInputs("material", 12345, material_class="gypsum", per_unit=True)
    )
    assert result.per_unit and result.business_case is None and result.npv_nok.central is None
    whole = assess_exchange(ExchangeInputs("material", 1, material_class="gypsum"))
    assert result.annual_net_benefit_nok.central == pytest.approx(
        whole.annual_net_benefit_nok.central
    )


def test_heat_per_unit_leaves_out_the_pipe_and_says_what_it_would_cost():
    result = assess_exchange(
        ExchangeInputs("heat", 1, quantity_unit="MWh/yr", offer_temperature_c=80,
                       distance_km=3, per_unit=True)
    )  # fmt: skip
    assert result.annual_net_benefit_nok.central > 0
    note = {n.code: n for n in result.notes}["pipe_not_included"]
    assert note.params["low"] > 0 and note.params["high"] >= note.params["low"]


def test_heat_without_a_temperature_assumes_low_grade_heat_and_says_so():
    result = assess_exchange(ExchangeInputs("heat", 1000, quantity_unit="MWh/yr"))
    assert "heat_temperature" in {n.code for n in result.notes}


def test_mixed_food_waste_is_never_valued_as_feed_but_bread_is():
    mixed = assess_exchange(ExchangeInputs("material", 100, material_class="food_waste"))
    bread = assess_exchange(ExchangeInputs("material", 100, material_class="bakery_waste"))
    assert not any("virgin.feed_grain" in line.factor_ids for line in mixed.lines)
    assert any("virgin.feed_grain" in line.factor_ids for line in bread.lines)
    assert bread.annual_net_benefit_nok.central > mixed.annual_net_benefit_nok.central
