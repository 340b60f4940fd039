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


@pytest.mark.parametrize("unit", ["MW", "kW"])
def test_a_rate_cannot_be_a_one_off_lot(unit):
    with pytest.raises(QuantityError, match=f"{unit} is a rate, not an amount: give a one-off"):
        annual_quantity(3, unit, "once", "heat")
    assert annual_quantity(3, "MWh", "once", "heat").value == 3.0


@pytest.mark.parametrize(("unit", "category"), [("t", "heat"), ("MWh", "water"), ("m3", "heat")])
def test_unit_must_fit_the_category(unit, category):
    with pytest.raises(QuantityError, match=f"unit {unit} does not fit a {category} stream"):
        annual_quantity(1, unit, "year", category)


def _with_pint(quantity: float, unit: str, period: str) -> float:
    """The conversion done with pint for every value, as before the cached factors."""
    from symbiose.registry.units import _CANONICAL, PERIODS_PER_YEAR, UNIT_ALIASES, _registry

    ureg = _registry()
    amount = ureg.Quantity(float(quantity), UNIT_ALIASES[unit.lower()])
    per_year = PERIODS_PER_YEAR[period]
    if amount.check("[power]"):
        amount = (amount * ureg.Quantity(PERIODS_PER_YEAR["hour"], "hour")).to("megawatt_hour")
        per_year = 1.0
    base = next(b for dim, b, _label in _CANONICAL if amount.check(dim))
    return float(amount.to(base).magnitude) * per_year


def test_cached_factors_give_pints_values_bit_for_bit():
    import random

    from symbiose.registry.units import PERIODS_PER_YEAR, UNIT_CHOICES, annual_quantity

    rng = random.Random(13)
    values = [0.0, 1.0, 0.1, 3.3, 1e-9, 123456.789] + [rng.uniform(0, 1e6) for _ in range(300)]
    values += [rng.expovariate(1.0) for _ in range(300)]
    for unit in UNIT_CHOICES:
        for period in PERIODS_PER_YEAR:
            if period == "once" and unit.lower() in ("kw", "mw"):
                continue  # refused: a rate has no "once"
            for q in values:
                assert annual_quantity(q, unit, period).value == _with_pint(q, unit, period), (
                    q, unit, period,
                )  # fmt: skip
