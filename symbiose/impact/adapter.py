"""Adapter between registry rows and the pure impact calculators.

Builds :class:`ExchangeInputs` for an offer -> need pair and respects confidentiality: a value
the viewer may not see never enters the calculation shown to them. A hidden quantity is
replaced by a reference quantity (the result is then per 1 000 units a year, and says so), a
hidden price by the typical price from the tables, a hidden location by the rounded distance.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import (
    FactorSet,
    load_factors,
    load_material_map,
    merge_factors,
)
from symbiose.impact.calc.types import ExchangeInputs, ImpactResult
from symbiose.impact.models import RegionalFactor
from symbiose.matching.adapter import stream_input
from symbiose.matching.engine.features import stream_features
from symbiose.matching.engine.geo import haversine_km
from symbiose.registry import access
from symbiose.registry.models import Stream
from symbiose.taxonomy.materials import ancestors

#: Quantity used when the real one is confidential to the viewer.
REFERENCE_QUANTITY = 1000.0
ELECTRICITY_BASES = ("NO", "NORDIC", "EU")


def factor_set() -> FactorSet:
    """Shipped factors with the administrators' regional factors laid over them."""
    base = load_factors()
    rows = [f.as_row() for f in RegionalFactor.objects.all()]
    return merge_factors(base, rows) if rows else base


def material_class(stream: Stream) -> str | None:
    """The most specific thesaurus class of ``stream`` that the factor tables can value."""
    mapped = load_material_map()
    classes = sorted(stream_features(stream_input(stream)).classes, key=lambda c: -c[1])
    for class_id, _weight, _source in classes:
        for candidate in ancestors(class_id):
            if candidate in mapped:
                return candidate
    return None


@dataclass(frozen=True)
class PairImpact:
    """An impact result with what the viewer must know about how it was made."""

    result: ImpactResult
    reference_quantity: bool
    typical_price: bool
    rounded_distance: bool
    material_class: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON for pages and the API, with breakdown labels and notes translated."""
        data = self.result.to_dict()
        for line in data["lines"]:
            line["label"] = gettext(line["label_template"]).format(**_shown(line["params"]))
        for note in data["notes"]:
            note["text"] = gettext(note["template"]).format(**_shown(note["params"]))
        if self.reference_quantity:
            data["inputs"] = {k: v for k, v in (data["inputs"] or {}).items()
                              if k not in ("quantity", "need_quantity")}  # fmt: skip
            data["business_case"] = None
            data["heat"] = None
        data.update(reference_quantity=self.reference_quantity,
                    typical_price=self.typical_price, rounded_distance=self.rounded_distance,
                    material_class=self.material_class)  # fmt: skip
        return data


def _shown(params: dict[str, Any]) -> dict[str, Any]:
    """Numbers as people read them in the active language (at most 3 significant decimals)."""
    out = {}
    for key, value in params.items():
        if isinstance(value, float):
            places = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
            value = number_format(round(value, places), places, force_grouping=True)
        out[key] = value
    return out


def exchange_inputs(
    offer: Stream, need: Stream, hidden: frozenset[str] = frozenset(), **overrides: Any
) -> tuple[ExchangeInputs, dict[str, bool]]:
    """Inputs for the pair; ``hidden`` are ``"offer.quantity"``-style fields to keep out."""
    flags = {"reference_quantity": False, "typical_price": False, "rounded_distance": False}
    offer_q, need_q = offer.annual_quantity, need.annual_quantity
    if {"offer.quantity", "need.quantity"} & hidden or offer_q is None:
        offer_q, need_q = REFERENCE_QUANTITY, None
        flags["reference_quantity"] = True
    unit = offer.annual_unit or need.annual_unit or "t/yr"
    distance = 0.0
    a, b = offer.point, need.point
    if a and b:
        distance = haversine_km(a[0], a[1], b[0], b[1])
        hide_a, hide_b = "offer.location" in hidden, "need.location" in hidden
        if hide_a or hide_b:  # the same coarse distance the viewer's match pages show
            distance = access.coarsened_distance_km(a, b, hide_a=hide_a, hide_b=hide_b)
            flags["rounded_distance"] = True
    price = offer.price_nok_per_unit
    if "offer.price" in hidden:
        price, flags["typical_price"] = None, True
    values: dict[str, Any] = {
        "category": offer.category, "quantity": float(offer_q), "quantity_unit": unit,
        "material_class": material_class(offer) if offer.category == "material" else None,
        "need_quantity": need_q, "need_quantity_unit": need.annual_unit or None if need_q else None,
        "distance_km": distance, "offer_temperature_c": offer.temperature_c,
        "need_temperature_c": need.temperature_c,
        "resource_price_nok_per_unit": price if price is not None and price >= 0 else None,
        "disposal_cost_nok_per_t": -price if price is not None and price < 0 else None,
    }  # fmt: skip
    values.update(overrides)
    return ExchangeInputs(**values), flags


def assess_pair(
    offer: Stream,
    need: Stream,
    *,
    viewer: Any | None = None,
    factors: FactorSet | None = None,
    **overrides: Any,
) -> PairImpact:
    """What the exchange is worth, as ``viewer`` may see it (``None``: the platform itself).

    ``factors`` lets a page valuing many pairs read the factor tables once.
    Raises :class:`ImpactInputError` for inputs the calculators refuse.
    """
    hidden: frozenset[str] = frozenset()
    if viewer is not None:
        v = access.viewer_for(viewer)
        hidden = frozenset(
            {f"offer.{f}" for f in access.hidden_fields(v, offer)}
            | {f"need.{f}" for f in access.hidden_fields(v, need)}
        )
    inputs, flags = exchange_inputs(offer, need, hidden, **overrides)
    result = assess_exchange(inputs, factors if factors is not None else factor_set())
    return PairImpact(result=result, material_class=inputs.material_class, **flags)


def try_assess_pair(offer: Stream, need: Stream, **kwargs: Any) -> PairImpact | None:
    """Like :func:`assess_pair`, but ``None`` when the pair cannot be valued (shown as such)."""
    try:
        return assess_pair(offer, need, **kwargs)
    except ImpactInputError:
        return None


def with_overrides(inputs: ExchangeInputs, **changes: Any) -> ExchangeInputs:
    return replace(inputs, **changes)
