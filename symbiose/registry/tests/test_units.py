"""Quantities are normalised to canonical annual units with pint."""

import pytest

from symbiose.registry.units import QuantityError, annual_quantity, normalise_unit


@pytest.mark.parametrize(
    ("quantity", "unit", "period", "category", "expected", "label"),
    [
        (1200, "t", "year", "material", 1200.0, "t/yr"),
        (10, "t", "month", "material", 120.0, "t/yr"),
        (500, "kg", "day", "material", 182.625, "t/yr"),
        (7, "t", "week", "material", 365.25, "t/yr"),
        (5, "GWh", "year", "heat", 5000.0, "MWh/yr"),
        (250, "kWh", "hour", "heat", 2191.5, "MWh/yr"),
        (3600, "GJ", "year", "heat", 1000.0, "MWh/yr"),
        (2, "MW", "year", "heat", 17532.0, "MWh/yr"),
        (400, "m3", "day", "water", 146100.0, "m3/yr"),
        (1000, "l", "month", "water", 12.0, "m3/yr"),
        (1000, "Nm3", "day", "gas", 365250.0, "Nm3/yr"),
        (80, "t", "once", "material", 80.0, "t/yr"),
        (40, "h", "month", "service", 480.0, "h/yr"),
    ],
)
def test_quantity_becomes_canonical_annual_amount(
    quantity, unit, period, category, expected, label
):
    result = annual_quantity(quantity, unit, period, category)
    assert result.value == pytest.approx(expected)
    assert result.unit == label


def test_power_is_read_as_continuous_operation_whatever_the_period():
    assert annual_quantity(1, "MW", "day", "heat").value == pytest.approx(8766.0)


@pytest.mark.parametrize("spelling", ["mwh", "MWH", " MWh ", "MWh"])
def test_units_are_case_insensitive(spelling):
    assert normalise_unit(spelling) == "MWh"


def test_unknown_unit_is_refused_with_the_choices():
    with pytest.raises(QuantityError, match="unknown unit furlongs; use one of t, kg"):
        annual_quantity(1, "furlongs", "year")


def test_negative_quantity_is_refused():
    with pytest.raises(QuantityError, match=r"quantity must not be negative \(got -3\)"):
        annual_quantity(-3, "t", "year")


def test_unknown_period_is_refused():
    with pytest.raises(QuantityError, match="unknown period fortnight"):
        annual_quantity(3, "t", "fortnight")


@pytest.mark.parametrize(("unit", "category"), [("t", "heat"), ("MWh", "water"), ("m3", "heat")])
def test_unit_must_fit_the_category(unit, category):
    with pytest.raises(QuantityError, match=f"unit {unit} does not fit a {category} stream"):
        annual_quantity(1, unit, "year", category)
