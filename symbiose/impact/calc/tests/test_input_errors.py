"""Out-of-range and unknown inputs give a clear ImpactInputError, never a crash or a zero."""

import math

import pytest

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.money import business_case, npv
from symbiose.impact.calc.types import ExchangeInputs

MATERIAL = dict(category="material", quantity=1000, material_class="gypsum", distance_km=10)
HEAT = dict(category="heat", quantity=1000, quantity_unit="MWh/yr", offer_temperature_c=80)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"quantity": -5}, "quantity", r"quantity must not be negative \(got -5\)"),
        ({"quantity": math.nan}, "quantity", "quantity must be a finite number"),
        ({"quantity": "lots"}, "quantity", "quantity must be a number"),
        ({"distance_km": -1}, "distance_km", "distance_km must not be negative"),
        ({"quantity_unit": "bananas/yr"}, "quantity_unit", "unknown unit bananas/yr"),
        ({"quantity_unit": "MWh/yr"}, "quantity_unit", "does not fit a material exchange"),
        ({"material_class": "unobtainium"}, "material_class", "unknown material class"),
        ({"offer_route": "moon"}, "offer_route", "unknown route moon"),
        ({"receiver_supply": "magic"}, "receiver_supply", "unknown current supply magic"),
        ({"use": "perfume"}, "use", "unknown use perfume"),
        ({"transport_mode": "zeppelin"}, "transport_mode", "unknown transport mode zeppelin"),
        ({"disposal_route": "ocean"}, "disposal_route", "unknown disposal route ocean"),
        ({"discount_rate": 1.5}, "discount_rate", "discount rate must be between -0.5 and 1"),
        ({"discount_rate": -0.6}, "discount_rate", "discount rate must be between -0.5 and 1"),
        ({"discount_rate": 7}, "discount_rate", "write 7 % as 0.07"),
        ({"years": 0}, "years", "years must be a whole number from 1 to 100"),
        ({"depreciation": "db99"}, "depreciation", "unknown depreciation schedule db99"),
        ({"electricity_basis": "MARS"}, "electricity_basis", "unknown electricity basis MARS"),
        ({"category": "feelings"}, "category", "unknown category feelings"),
        ({"capex_nok": -1}, "capex_nok", "capex_nok must not be negative"),
        ({"crm_content": {"cobalt": 1.2}}, "crm_content[cobalt]", "must be between 0 and 1"),
        ({"crm_recovery_rate": 2}, "crm_recovery_rate", "must be between 0 and 1"),
    ],
)
def test_bad_material_input_is_refused_with_a_clear_message(changes, field, message):
    with pytest.raises(ImpactInputError, match=message) as caught:
        assess_exchange(ExchangeInputs(**{**MATERIAL, **changes}))
    assert caught.value.field == field
    assert caught.value.template  # translatable template is attached


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"offer_temperature_c": -300}, "offer_temperature_c", "below absolute zero"),
        ({"need_temperature_c": -274}, "need_temperature_c", "below absolute zero"),
        ({"offer_temperature_c": 2000}, "offer_temperature_c", "above 1500 °C"),
        (
            {"offer_temperature_c": 30, "return_temperature_c": 40},
            "return_temperature_c",
            r"supply temperature \(30.0 °C\) must be above return temperature \(40.0 °C\)",
        ),
        ({"quantity_unit": "t/yr"}, "quantity_unit", "does not fit a heat exchange"),
        ({"heat_replaced_fuel": "coal_dust"}, "heat_replaced_fuel", "unknown fuel coal_dust"),
        ({"operating_hours": 9000}, "operating_hours", "operating hours must be between"),
    ],
)
def test_bad_heat_input_is_refused_with_a_clear_message(changes, field, message):
    with pytest.raises(ImpactInputError, match=message) as caught:
        assess_exchange(ExchangeInputs(**{**HEAT, **changes}))
    assert caught.value.field == field


def test_npv_refuses_a_rate_outside_the_range():
    with pytest.raises(ImpactInputError, match="discount rate must be between"):
        npv(2.0, [-100, 50, 60])


def test_business_case_refuses_a_tax_rate_of_one_or_more():
    with pytest.raises(ImpactInputError, match="tax rate must be between 0 and 1"):
        business_case(capex=1, annual_benefit=1, annual_opex=0, rate=0.05, years=3, tax_rate=1)


def test_error_message_params_fill_the_template():
    with pytest.raises(ImpactInputError) as caught:
        assess_exchange(ExchangeInputs(**{**MATERIAL, "quantity": -5}))
    err = caught.value
    assert err.template.format(**err.params) == str(err)


@pytest.mark.parametrize("category", ["cold", "gas", "service"])
def test_every_category_is_valued_rather_than_returning_a_silent_zero(category):
    unit = {"cold": "MWh/yr", "gas": "t/yr", "service": "h/yr"}[category]
    result = assess_exchange(ExchangeInputs(category=category, quantity=10, quantity_unit=unit))
    assert result.modelled is True
    assert result.annual_net_benefit_nok.central > 0
