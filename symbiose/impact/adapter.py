"""Adapter between registry rows and the pure impact calculators.

Builds :class:`ExchangeInputs` for an offer -> need pair and respects confidentiality: a value
the viewer may not see never enters the calculation shown to them. A hidden or unknown
quantity gives values per unit ("about 150–400 NOK per tonne"), never a total on an invented
amount; a hidden price becomes the typical price from the tables, a hidden location the
rounded distance. Presentation helpers (two significant figures, sources by name and year)
live in :mod:`symbiose.impact.display`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import get_language, gettext

from symbiose.impact.calc.composition import crm_content
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import (
    FactorSet,
    load_factors,
    merge_factors,
)
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.moisture import stated_moisture
from symbiose.impact.calc.types import ExchangeInputs, ImpactResult
from symbiose.impact.display import (
    counterfactual_text,
    display,
    resource_lines,
    shown,
    sig_text,
    source_labels,
    unit_text,
)
from symbiose.impact.fuel_need import burnt_for_heat, gas_need_quantity, receiver_fuel, stray_gas
from symbiose.impact.models import RegionalFactor
from symbiose.impact.reach import haul_limit_km
from symbiose.matching.engine.geo import haversine_km
from symbiose.matching.engine.physics import NEARNESS_KM
from symbiose.registry import access
from symbiose.registry.models import Stream
from symbiose.registry.units import ONE_OFF, is_one_off
from symbiose.taxonomy.categories import CLASS_VALUED, FEEDSTOCK
from symbiose.taxonomy.classify import agreeing_with_code, classify
from symbiose.taxonomy.materials import ancestors, materials_by_id

ELECTRICITY_BASES = ("NO", "NORDIC", "EU")


def factor_set() -> FactorSet:
    """Shipped factors with the administrators' regional factors laid over them."""
    base = load_factors()
    rows = [f.as_row() for f in RegionalFactor.objects.all()]
    return merge_factors(base, rows) if rows else base


def material_class(stream: Stream, hidden: Collection[str] = ()) -> str | None:
    """The most specific thesaurus class of ``stream`` that the factor tables can value.

    ``None`` when the stream names nothing the tables know; the calculators then use the
    category's generic value model. Among equally likely readings, the one its EWC code
    agrees with wins (:func:`~symbiose.taxonomy.classify.agreeing_with_code`). ``hidden``
    names the stream's fields hidden from the viewer (``"description"``, ``"ewc_code"``,
    ...): the class is read without them, so it never shows through the figures, the notes
    and the class's reasoning.
    """
    return _material_class(stream.title, stream.description or "", stream.ewc_code or None,
                           stream.category, stream.organisation.nace or None, stream.direction,
                           frozenset(hidden))  # fmt: skip


@lru_cache(maxsize=65536)
def _material_class(
    title: str,
    description: str,
    ewc_code: str | None,
    category: str,
    nace: str | None,
    direction: str,
    hidden: frozenset[str],
) -> str | None:
    """:func:`material_class` of a stream's fields: a stream is classified once for all its
    pairs (a valuing pass, a page of matches), not once per pair."""
    mapped = load_material_map()
    known = materials_by_id()
    found = classify(title, description, ewc_code, category, nace, direction, hidden=hidden)
    for hit in agreeing_with_code(found, None if "ewc_code" in hidden else ewc_code):
        for candidate in ancestors(hit.class_id):
            if candidate not in mapped:
                continue
            # a class of another category (a gas named in a sludge's text) does not value it
            if candidate in known and known[candidate].category != category:
                break
            return candidate
    return None


@dataclass(frozen=True)
class PairImpact:
    """An impact result with what the viewer must know about how it was made.

    ``per_unit`` is true when the quantity is hidden from the viewer or unknown: the result
    is then per unit of the stream (per tonne, MWh, m3, hour) and has no totals.
    """

    result: ImpactResult
    per_unit: bool
    typical_price: bool
    rounded_distance: bool
    material_class: str | None
    factors: FactorSet | None = None
    #: Critical raw materials the offer names (visible to the viewer), with or without share.
    crm_named: tuple[str, ...] = ()

    @property
    def counts(self) -> bool:
        """True when the pair's yearly totals may be added up (valued, with a quantity, and
        a yearly flow: a one-off lot's figures hold once)."""
        return self.result.modelled and not self.per_unit and not self.result.one_off

    def to_dict(self) -> dict[str, Any]:
        """JSON for pages and the API: translated breakdown, sources, ranges as text."""
        data = self.result.to_dict()
        factors = self.factors or factor_set()
        for line, raw in zip(data["lines"], self.result.lines, strict=True):
            line["label"] = gettext(line["label_template"]).format(**shown(line["params"]))
            line["unit"] = unit_text(line["unit"])
            line["sources"] = source_labels(factors, raw.factor_ids)
            line["value_text"] = sig_text(line["value"])
        for note in data["notes"]:
            note["text"] = gettext(note["template"]).format(**shown(note["params"]))
        if data["verdict"]:
            v = data["verdict"]
            v["text"] = gettext(v["template"]).format(**shown(v["params"], significant=True))
        if self.per_unit:
            data["inputs"] = {k: v for k, v in (data["inputs"] or {}).items()
                              if k not in ("quantity", "need_quantity")}  # fmt: skip
            data["business_case"] = None
            data["heat"] = None
            data["resources"] = {}
        if not self.per_unit and self.crm_named:
            data["resources"]["crm_named"] = list(self.crm_named)
        data["sources"] = source_labels(factors, [ref.id for ref in self.result.factors_used])
        data["display"] = display(self.result)
        data["resource_lines"] = resource_lines(data["resources"], once=self.result.one_off)
        data["counterfactual_text"] = counterfactual_text(self.result)
        if data["counterfactual"]:  # one language, the active one, like every other text
            cf = data["counterfactual"]
            cf["reasoning"] = data["counterfactual_text"]["reasoning"]
            cf.pop("reasoning_nb", None)
        data.update(per_unit=self.per_unit,
                    typical_price=self.typical_price, rounded_distance=self.rounded_distance,
                    material_class=self.material_class)  # fmt: skip
        return data


def exchange_inputs(
    offer: Stream, need: Stream, hidden: frozenset[str] = frozenset(), **overrides: Any
) -> tuple[ExchangeInputs, dict[str, bool]]:
    """Inputs for the pair; ``hidden`` are ``"offer.quantity"``-style fields to keep out."""
    flags = {"per_unit": False, "typical_price": False, "rounded_distance": False}
    offer_hidden = {f.split(".", 1)[1] for f in hidden if f.startswith("offer.")}
    need_hidden = {f.split(".", 1)[1] for f in hidden if f.startswith("need.")}
    offer_q, need_q = offer.annual_quantity, need.annual_quantity
    bound: dict[str, Any] = {}
    if {"offer.quantity", "need.quantity"} & hidden or offer_q is None:
        # the visible side's quantity bounds what the pair can exchange (a pipe's verdict)
        seen = [
            (q, s.annual_unit)
            for q, s, side in ((offer_q, offer, "offer"), (need_q, need, "need"))
            if q is not None and f"{side}.quantity" not in hidden
        ]
        if seen:
            bound = {"quantity_bound": float(seen[0][0]), "quantity_bound_unit": seen[0][1]}
        offer_q, need_q = 1.0, None
        flags["per_unit"] = True
    unit = offer.annual_unit or need.annual_unit or "t/yr"
    hide_a, hide_b = "offer.location" in hidden, "need.location" in hidden
    a, b = (access.shown_point(s) if h else s.point for s, h in ((offer, hide_a), (need, hide_b)))
    distance = haversine_km(a[0], a[1], b[0], b[1]) if a and b else 0.0
    if hide_a or hide_b:  # at the shown area, as the match pages; no area: a usual haul
        flags["rounded_distance"] = True
        distance = access.coarsened_distance_km(a, b, hide_a=hide_a, hide_b=hide_b) or NEARNESS_KM
    price = offer.price_nok_per_unit
    if "offer.price" in hidden:
        price, flags["typical_price"] = None, True
    cls = None
    if offer.category in CLASS_VALUED:
        cls = material_class(offer, offer_hidden) or material_class(need, need_hidden)
    # a combustible gas a gas need burns, and the fuel energy it asks for (calc/gas_energy.py)
    gas_need, need_q, need_unit = gas_need_quantity(
        need, need_hidden, need_q, cls, lambda: material_class(need, need_hidden)
    )
    values: dict[str, Any] = {
        "category": offer.category, "quantity": float(offer_q), "quantity_unit": unit,
        "material_class": cls, "per_unit": flags["per_unit"],
        "one_off": not flags["per_unit"] and one_off(offer, need),
        "use": (co2_use(need) if "need.identity" not in hidden else "greenhouse")
        if cls == "co2" else None,
        **counterfactual_inputs(offer, need, hidden),
        "need_quantity": need_q,
        "need_quantity_unit": need_unit if need_q else None,
        "distance_km": distance, "offer_temperature_c": offer.temperature_c,
        "need_temperature_c": need.temperature_c,
        "resource_price_nok_per_unit": price if price is not None and price >= 0 else None,
        "disposal_cost_nok_per_t": -price if price is not None and price < 0 else None,
        # "NOK per unit" is per the unit the owner gave (kg, l, kWh, Nm3), not per tonne
        "price_unit": price_unit(offer) if price is not None else None,
        # where the stream is today (its incinerator's heat): as coarse as the location
        "country": None if "offer.location" in hidden else offer.organisation.country or None,
        # past the matching's reach the pair is "too far apart" in the value too
        "haul_limit_km": haul_limit_km(offer.category, cls, need.category,
                                       burnt_for_heat(offer, need, need_hidden)),
        # a material or gas a heat or fuel need can only burn: valued by the fuel it replaces
        "energy_recovery": burnt_for_heat(offer, need, need_hidden) or gas_need,
        # a combustible gas a gas need burns: in its own burners, for the gas it buys today
        "gas_need": gas_need,
        # the water share its owner states for a fuel, where the viewer may read it
        "moisture": stated_moisture(*(getattr(offer, f) or "" for f in ("composition",
                                      "description") if f not in offer_hidden)),
        **bound,
    }  # fmt: skip
    if values["energy_recovery"] and "receiver_supply" not in values:
        # what a fuel replaces: the fuel the need's own words say it burns today, if any
        values.update({"receiver_supply": f} if (f := receiver_fuel(need, need_hidden)) else {})
    if "receiver_supply" not in values and cls is not None:
        # what the receiver uses today follows its own class: a need whose class replaces
        # no product (a neutralisation service, research samples) buys nothing like it, nor
        # does a need of another kind that does not burn the gas offered (an acid need)
        same = need.category == offer.category
        row = load_material_map().get((material_class(need, need_hidden) if same else "") or "")
        if (row is not None and not row.virgin_factor_id) or stray_gas(offer, need, values):
            values["receiver_supply"] = "none"
    if "offer.composition" not in hidden and offer.crm:
        content, _unknown = crm_content(offer.crm, offer.composition or "", _crm_elements())
        values["crm_content"] = content
    if "offer.analysis" not in hidden and offer.pk:
        # an analysis (composition rows) the viewer may see beats a share read from text
        from symbiose.resources.access import crm_fractions

        measured = crm_fractions(offer.composition_rows.all())
        if measured:
            values["crm_content"] = {**values.get("crm_content", {}), **measured}
    if values["energy_recovery"] and overrides.get("heat_replaced_fuel"):
        values["receiver_supply"] = overrides["heat_replaced_fuel"]  # the page's "heat replaces"
    values.update(overrides)
    return ExchangeInputs(**values), flags


def price_unit(stream: Stream) -> str | None:
    """The unit a stream's ``price_nok_per_unit`` is per: the unit its quantity is stated in
    ("NOK per unit"; ``assess_exchange`` reads a power as its energy per hour); ``None``
    when it has no unit.

    >>> price_unit(Stream(unit="kg")), price_unit(Stream(unit="MW")), price_unit(Stream())
    ('kg', 'MW', None)
    """
    return (stream.unit or "").strip() or None


def is_deposit(stream: Stream) -> bool:
    """Whether ``stream`` is a deposit or landfill (``resources.Deposit``): a stock that
    lies where it is, so moving it avoids no disposal. Only a one-off lot can be one, so
    a flow asks nothing; a lot read without ``select_related("deposit")`` asks once."""
    if not is_one_off(stream.period) or stream.pk is None:
        return False
    try:
        return stream.deposit is not None
    except ObjectDoesNotExist:
        return False


def one_off(offer: Stream, need: Stream) -> bool:
    """Whether the pair exchanges a one-off lot (a stock, a deposit, a single batch): the
    offer's quantity is a lot, or the need's is. Read only when both quantities are visible
    (the period belongs to the quantity, so it is hidden with it)."""
    lots = [s.period == ONE_OFF for s in (offer, need) if s.annual_quantity is not None]
    return any(lots)


def _crm_elements() -> dict[str, tuple[str, ...]]:
    from symbiose.taxonomy.lists import load_crm

    return {m.id: m.elements for m in load_crm()}


def assess_pair(
    offer: Stream,
    need: Stream,
    *,
    viewer: Any | None = None,
    factors: FactorSet | None = None,
    hidden: Collection[str] = (),
    **overrides: Any,
) -> PairImpact:
    """What the exchange is worth, as ``viewer`` may see it (``None``: the platform itself).

    ``factors`` lets a page valuing many pairs read the factor tables once. Without a
    viewer, ``hidden`` names the fields to keep out (``"offer.price"``): a task worker
    values a pair for every way it is seen (:mod:`symbiose.impact.valuing`).
    Raises :class:`ImpactInputError` for inputs the calculators refuse.
    """
    hidden = frozenset(hidden)
    if viewer is not None:
        v = access.viewer_for(viewer)
        hidden = frozenset(
            {f"offer.{f}" for f in access.hidden_fields(v, offer)}
            | {f"need.{f}" for f in access.hidden_fields(v, need)}
        )
    inputs, flags = exchange_inputs(offer, need, hidden, **overrides)
    factors = factors if factors is not None else factor_set()
    result = assess_exchange(inputs, factors)
    named = () if "offer.composition" in hidden else tuple(offer.crm or ())
    return PairImpact(result=result, material_class=inputs.material_class, factors=factors,
                      crm_named=named, **flags)  # fmt: skip


def try_assess_pair(offer: Stream, need: Stream, **kwargs: Any) -> PairImpact | None:
    """Like :func:`assess_pair`, but ``None`` when the pair cannot be valued (shown as such)."""
    try:
        return assess_pair(offer, need, **kwargs)
    except ImpactInputError:
        return None


#: Receiver's sector (NACE division) -> what it does with CO2.
CO2_USE_BY_NACE = {"01": "greenhouse", "19": "fuels_chemicals", "20": "fuels_chemicals",
                   "23": "mineralisation", "52": "storage"}  # fmt: skip


def co2_use(need: Stream) -> str:
    """What the receiver of CO2 does with it, from its sector (default: greenhouses)."""
    nace = (need.organisation.nace or "").replace(".", "")
    return CO2_USE_BY_NACE.get(nace[:2], "greenhouse")


def counterfactual_inputs(
    offer: Stream, need: Stream, hidden: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The owners' stated current practice of each stream (blank: the class default).

    What a stream earns or costs today is as commercial as its price: a viewer from whom a
    stream's price is hidden gets the class default instead of the owner's statement.
    """
    out: dict[str, Any] = {}
    route = getattr(offer, "current_practice", "") or ""
    if route and "offer.price" not in hidden:
        out["offer_route"] = route
    elif implied := implied_route(offer):
        out["offer_route"] = implied[0]
        price = offer.price_nok_per_unit
        if (
            implied[0] == "sold"
            and "offer.price" not in hidden
            and price is not None
            and price >= 0
        ):
            out["current_price_nok_per_unit"] = price  # today's buyer pays what it states
    supply = getattr(need, "current_practice", "") or ""
    if supply and "need.price" not in hidden:
        out["receiver_supply"] = supply
    return out


def implied_route(offer: Stream) -> tuple[str, str] | None:
    """What an offer does today by what it is, when its owner has not said: a product of
    matter (legal status) is sold, so a new buyer takes it from today's and its revenue is
    not new value; a deposit lies where it is, so moving it avoids no gate fee and no
    landfill. ``(route, reason)``, the reason in the active language; ``None`` otherwise.
    Both facts are public (the legal status, the deposit pages), unlike a stated practice.
    """
    if offer.legal_status == "product" and offer.category in FEEDSTOCK:
        return "sold", gettext("Its owner calls it a product, so it is taken as sold today.")
    if is_deposit(offer):
        return "unused", gettext(
            "A deposit lies where it is: moving it avoids no gate fee and no landfill."
        )
    return None


def default_practice(stream: Stream) -> dict[str, str]:
    """What Symbiose assumes happens to ``stream`` today when its owner has not said.

    For the owner's own pages: the assumed route (offers) in words and its reasoning.
    """
    if stream.direction != "offer" or stream.category not in CLASS_VALUED:
        return {}
    from symbiose.impact.calc.exchange import value_class
    from symbiose.impact.display import ROUTE_WORDS

    row = value_class(stream.category, material_class(stream))
    route, reason = implied_route(stream) or (row.route, row.note_in(get_language() or ""))
    return {"route": str(ROUTE_WORDS.get(route, route)), "reasoning": reason}
