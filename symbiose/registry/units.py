"""Quantities: a stream's amount, unit and period normalised to a canonical annual quantity.

Pure module (no Django). Companies state what they know ("12 t per week", "3 MW",
"400 m3/day"); matching and impact compare like with like, so every stream also carries
its amount per year in the canonical unit of its category.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pint

from symbiose.taxonomy.categories import CATEGORIES
from symbiose.textmarks import N_

#: Periods a quantity may be stated over, with how many of them make a year.
PERIODS_PER_YEAR: dict[str, float] = {
    "year": 1.0,
    "month": 12.0,
    "week": 365.25 / 7.0,
    "day": 365.25,
    "hour": 8766.0,
    "once": 1.0,  # a one-off lot: counted once in the year it is available
}

#: The period of a one-off lot (a stock, a deposit, a single batch): its quantity is the lot,
#: stored as if it came in one year, so it is never added to yearly flows (``is_one_off``).
ONE_OFF = "once"


def is_one_off(period: str | None) -> bool:
    """Whether a stream's quantity is a one-off lot rather than a yearly flow.

    >>> is_one_off("once"), is_one_off("week"), is_one_off(None)
    (True, False, False)
    """
    return period == ONE_OFF


#: Units accepted in the template and forms, with how they are spelt for pint.
UNIT_ALIASES: dict[str, str] = {
    "t": "tonne",
    "tonn": "tonne",
    "tonne": "tonne",
    "kg": "kilogram",
    "mwh": "megawatt_hour",
    "kwh": "kilowatt_hour",
    "gwh": "gigawatt_hour",
    "gj": "gigajoule",
    "kw": "kilowatt",
    "mw": "megawatt",
    "m3": "meter**3",
    "l": "liter",
    "nm3": "normal_cubic_meter",
    "h": "service_hour",
}

#: Units shown in forms, in display order.
UNIT_CHOICES: tuple[str, ...] = (
    "t",
    "kg",
    "MWh",
    "kWh",
    "GWh",
    "GJ",
    "MW",
    "kW",
    "m3",
    "l",
    "Nm3",
    "h",
)

#: Canonical annual unit per kind of quantity: (pint dimensionality, base unit, label).
_CANONICAL = (
    ("[mass]", "tonne", "t/yr"),
    ("[energy]", "megawatt_hour", "MWh/yr"),
    ("[volume]", "meter**3", "m3/yr"),
    ("[normal_volume]", "normal_cubic_meter", "Nm3/yr"),
    ("[service_time]", "service_hour", "h/yr"),
)

#: Which canonical units make sense for each stream category.
CATEGORY_UNITS: dict[str, frozenset[str]] = {c.key: c.units for c in CATEGORIES}


class QuantityError(ValueError):
    """A quantity that cannot be understood; carries a translatable template and its params."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry()
    ureg.define("normal_cubic_meter = [normal_volume] = Nm3")
    ureg.define("service_hour = [service_time]")
    return ureg


def normalise_unit(unit: str) -> str:
    """Return the accepted spelling of ``unit`` (case-insensitive), e.g. ``"mwh"`` -> ``"MWh"``."""
    key = unit.strip().lower().replace("³", "3").replace(" ", "")
    for choice in UNIT_CHOICES:
        if choice.lower() == key:
            return choice
    if key in {"tonn", "tonne"}:
        return "t"
    raise QuantityError(
        N_("unknown unit {unit}; use one of {choices}"),
        unit=unit,
        choices=", ".join(UNIT_CHOICES),
    )


@dataclass(frozen=True)
class AnnualQuantity:
    """A quantity per year in the canonical unit of its kind."""

    value: float
    unit: str


@lru_cache(maxsize=64)
def _conversion(spelled: str) -> tuple[float, str, bool]:
    """(factor to the canonical unit, its label, whether it is a power unit) for one unit.

    pint converts a multiplicative unit by multiplying with one factor, so the factor of 1.0
    times a quantity is what pint would give for that quantity, bit for bit (checked in
    ``registry/tests/test_units.py``), at a fraction of the cost of a pint conversion per row.
    """
    ureg = _registry()
    amount = ureg.Quantity(1.0, UNIT_ALIASES[spelled.lower()])
    power = bool(amount.check("[power]"))
    if power:
        amount = (amount * ureg.Quantity(1.0, "hour")).to("megawatt_hour")
    base, label = next((b, lab) for dim, b, lab in _CANONICAL if amount.check(dim))
    return float(amount.to(base).magnitude), label, power


def canonical_per_unit(unit: str) -> tuple[float, str]:
    """How much of its canonical unit one ``unit`` is, and that unit (without "/yr"): a
    price stated per ``unit`` ("NOK per unit") is that price divided by the amount. A power
    is read as its energy in one hour, so a price per kW is per kWh.

    >>> canonical_per_unit("kg"), canonical_per_unit("MW"), canonical_per_unit("kW")
    ((0.001, 't'), (1.0, 'MWh'), (0.001, 'MWh'))
    """
    factor, label, _power = _conversion(normalise_unit(unit))
    return factor, label.removesuffix("/yr")


def annual_quantity(
    quantity: float, unit: str, period: str, category: str | None = None
) -> AnnualQuantity:
    """Convert an amount per period into the canonical amount per year.

    Power units (kW, MW) describe a continuous rate: they become energy per year assuming
    operation all year round, and the period is ignored.

    >>> annual_quantity(10, "t", "week")
    AnnualQuantity(value=521.7857142857143, unit='t/yr')
    >>> annual_quantity(2, "MW", "year", "heat")
    AnnualQuantity(value=17532.0, unit='MWh/yr')
    """
    if quantity is None:
        raise QuantityError(N_("a quantity is required"))
    if quantity < 0:
        raise QuantityError(N_("quantity must not be negative (got {value})"), value=quantity)
    if period not in PERIODS_PER_YEAR:
        raise QuantityError(
            N_("unknown period {period}; use one of {choices}"),
            period=period,
            choices=", ".join(PERIODS_PER_YEAR),
        )
    spelled = normalise_unit(unit)
    factor, label, power = _conversion(spelled)
    if power and is_one_off(period):  # a rate has no "once": it would be read as a year's
        raise QuantityError(
            N_("{unit} is a rate, not an amount: give a one-off lot in MWh or kWh"),
            unit=spelled,
        )
    if power:
        value = float(quantity) * PERIODS_PER_YEAR["hour"] * factor
    else:
        value = float(quantity) * factor * PERIODS_PER_YEAR[period]
    if (
        category is not None
        and category in CATEGORY_UNITS
        and label not in CATEGORY_UNITS[category]
    ):
        raise QuantityError(
            N_("unit {unit} does not fit a {category} stream"), unit=spelled, category=category
        )
    return AnnualQuantity(value=value, unit=label)
