"""Amounts and stated prices in the unit a value model counts in (t, MWh, m3 or h a year).

Helpers of ``assess_exchange``: a stream's amount as stated ("2 000 000 Nm3", "3 MW") as a
yearly amount of its value model's unit, and a price its owner states per its own unit
("4.32 NOK per kg") as a price per that unit.
"""

from __future__ import annotations

from dataclasses import replace

from symbiose.impact.calc.errors import ImpactInputError, check_non_negative
from symbiose.impact.calc.factors import quantity
from symbiose.impact.calc.gas_energy import gas_mj_per_kg
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs, Note
from symbiose.registry.units import QuantityError, canonical_per_unit
from symbiose.textmarks import N_

__all__ = ["PRICE_FIELDS", "annual_quantity", "density", "per_unit_amount", "prices_per_model_unit"]


def annual_quantity(
    value: float, unit_text: str, unit: str, field: str, p: ExchangeInputs
) -> float:
    """``value`` in ``unit_text`` as a yearly amount in the category unit ``unit``.

    A bare power (``"MW"``, ``"kW"``) is a continuous rate: it becomes energy per year over
    the operating hours. Anything per period (``"MWh/yr"``, ``"kt/yr"``) is converted as is.
    """
    amount = check_non_negative(field, value)
    spelled = (unit_text or "").replace("³", "3").strip()
    volume = spelled.split("/")[0].strip().lower() in ("nm3", "m3")
    if unit == "t/yr" and volume:
        # a gas in normal cubic metres, or a bulk material in m3: tonnes via the density
        kg_per_m3 = (density(p.material_class) if p.category == "gas" else None) or (
            1.25 if p.category == "gas" else 1000.0)  # fmt: skip
        spelled = spelled.lower().replace("nm3", "m3")
        q = quantity(amount, spelled, field + "_unit" if field != "quantity" else "quantity_unit")
        return float(q.to("meter**3/year").magnitude) * kg_per_m3 / 1000.0
    if p.category == "service" and spelled.split("/")[0].strip() == "h":
        return amount
    if unit == "m3/yr" and spelled.split("/")[0].strip().lower() in ("t", "kt", "kg"):
        # a water-like class stated in tonnes: 1 t taken as 1 m3
        q = quantity(amount, spelled, "quantity_unit")
        return float(q.to("tonne/year").magnitude)
    q = quantity(amount, unit_text, field + "_unit" if field != "quantity" else "quantity_unit")
    if unit == "t/yr" and p.category == "gas" and q.check("[energy]/[time]"):
        # a combustible gas stated by its energy (MWh/yr, GWh/yr): tonnes through its
        # central heating value (calc/gas_energy.py), so each case reads it back
        if (mj_per_kg := gas_mj_per_kg(p.material_class)) is not None:
            return float(q.to("MWh/year").magnitude) * 3.6 / mj_per_kg
    if unit == "MWh/yr" and "/" not in unit_text and q.check("[power]"):
        return float(q.to("MW").magnitude) * p.operating_hours
    try:
        return float(q.to(unit.replace("m3", "meter**3").replace("yr", "year")).magnitude)
    except Exception:
        raise ImpactInputError(
            "quantity_unit",
            N_("unit {unit} does not fit a {category} exchange; use {expected}"),
            unit=unit_text,
            category=p.category,
            expected=unit,
        ) from None


def per_unit_amount(p: ExchangeInputs) -> tuple[float, str | None]:
    """Tonnes in one natural unit of a gas valued per unit, and that unit's key: 1 000 Nm3
    (through the gas's density) when its owner states it in Nm3 or m3, 1 MWh (through its
    central heating value) when it states energy; ``(1.0, None)`` otherwise (per tonne).

    A gas is bought and sold by volume or energy, so "per 1 000 Nm3" reads as a price does.

    Examples
    --------
    >>> per_unit_amount(ExchangeInputs("gas", 1, "Nm3/yr", material_class="gas_co"))
    (1.25, '1000Nm3/yr')
    >>> round(per_unit_amount(ExchangeInputs("gas", 1, "GWh/yr", material_class="hydrogen"))[0], 4)
    0.03
    >>> per_unit_amount(ExchangeInputs("material", 1, "m3/yr"))
    (1.0, None)
    """
    if p.category != "gas":
        return 1.0, None
    head = (p.quantity_unit or "").replace("³", "3").split("/")[0].strip().lower()
    if head in ("nm3", "m3"):
        return (density(p.material_class) or 1.25) * 1000.0 / 1000.0, "1000Nm3/yr"
    if head in ("kwh", "mwh", "gwh", "twh", "gj", "tj"):
        mj_per_kg = gas_mj_per_kg(p.material_class)
        if mj_per_kg:
            return 3.6 / mj_per_kg, "MWh/yr"
    return 1.0, None


def density(material_class: str | None) -> float | None:
    """kg per normal m3 of a gas class (``None`` when the class gives none)."""
    row = load_material_map().get(material_class or "")
    return row.density_kg_per_nm3 if row else None


#: Prices the owner states per unit of the stream, converted to the value model's unit.
PRICE_FIELDS = (
    "resource_price_nok_per_unit",
    "disposal_cost_nok_per_t",
    "current_price_nok_per_unit",
)


def prices_per_model_unit(p: ExchangeInputs, unit: str, notes: list[Note]) -> ExchangeInputs:
    """``p`` with its stated prices per unit of ``unit`` (t, MWh, m3 or h), not per
    ``p.price_unit``: 4.32 NOK/kg is 4 320 NOK/t, 6 NOK/Nm3 of a gas is 6 NOK over the
    gas's density in tonnes. A note says what was converted, so no one is left to guess.

    Examples
    --------
    >>> notes = []
    >>> p = ExchangeInputs("material", 1, disposal_cost_nok_per_t=4.3215, price_unit="kg")
    >>> round(prices_per_model_unit(p, "t/yr", notes).disposal_cost_nok_per_t, 1)
    4321.5
    >>> notes[0].code
    'price_unit'
    """
    stated = (p.price_unit or "").strip()
    prices = {f: getattr(p, f) for f in PRICE_FIELDS if getattr(p, f) is not None}
    if not stated or not prices:
        return replace(p, price_unit=None)
    try:
        # the stated unit in its canonical unit (kg -> t, l -> m3, GJ -> MWh, kW -> kWh),
        # then that in the model's (Nm3 -> t through the gas's density)
        factor, canonical = canonical_per_unit(stated)
        per = factor * annual_quantity(1.0, f"{canonical}/yr", unit, "price_unit", p)
    except (ImpactInputError, QuantityError):
        raise ImpactInputError(
            "price_unit",
            N_("a price per {unit} cannot be read for a {category} exchange; give it per "
               "{expected}"),
            unit=stated, category=p.category, expected=unit.removesuffix("/yr"),
        ) from None  # fmt: skip
    if per <= 0:
        return replace(p, price_unit=None)
    converted = {f: v / per for f, v in prices.items()}
    if abs(per - 1.0) > 1e-9:
        first = next(iter(prices))
        notes.append(Note("price_unit", N_(
            "The stated price of {price} NOK per {unit} is read as {converted} NOK per "
            "{model}."), {"price": prices[first], "unit": stated,
                          "converted": converted[first],
                          "model": unit.removesuffix("/yr")}))  # fmt: skip
    return replace(p, price_unit=None, **converted)
