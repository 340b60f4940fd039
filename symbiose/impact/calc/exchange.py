"""``assess_exchange``: CO2e, money and resources of one offer -> need pair, with ranges.

The exchange is computed three times, once per sensitivity case (``low``, ``central``,
``high``). The low case reads the unfavourable end of every factor range (low savings, high
transport emissions and costs), the high case the favourable end, so the range brackets
the central estimate. The breakdown lines and notes come from the central case; the
factor ids and versions of all three cases are recorded.
"""

from __future__ import annotations

from dataclasses import replace

from symbiose.impact.calc import co2, money, pipes
from symbiose.impact.calc.cases import Case, material_case, piped
from symbiose.impact.calc.energy_recovery import KILN_FUEL, energy_case, fuel_family
from symbiose.impact.calc.errors import ImpactInputError, check_non_negative
from symbiose.impact.calc.factors import FactorSet, Lookup, load_factors
from symbiose.impact.calc.heat_case import heat_case
from symbiose.impact.calc.material_map import ROUTES, USED_ROUTES, MaterialClass, load_material_map
from symbiose.impact.calc.quantities import annual_quantity as _annual_quantity
from symbiose.impact.calc.quantities import per_unit_amount, prices_per_model_unit
from symbiose.impact.calc.resources import resource_flows
from symbiose.impact.calc.substitution import (
    product_per_scrap,
    raw_per_product,
    substitution_ratio,
)
from symbiose.impact.calc.types import (
    CASES,
    Estimate,
    ExchangeInputs,
    ImpactResult,
    Note,
)
from symbiose.impact.calc.utilities import cold_case, service_case
from symbiose.impact.calc.verdict import (
    counterfactual,
    kept_from,
    pipe_note,
    said_once,
    too_far,
    verdict,
)
from symbiose.taxonomy.categories import CATEGORIES, PIPE_BOUND, THERMAL
from symbiose.textmarks import N_

__all__ = ["CANONICAL_UNITS", "CO2_USES", "RECEIVER_SUPPLIES", "assess_exchange", "value_class"]

#: Canonical yearly unit per category, from taxonomy/categories.py (a service may also be
#: counted in t/yr or m3/yr). Not registry.units.CATEGORY_UNITS: that is the set allowed.
CANONICAL_UNITS: dict[str, str] = {c.key: c.canonical_unit for c in CATEGORIES}
#: What a receiver of CO2 does with it; each has its own row ``co2@<use>`` in the map.
CO2_USES: tuple[str, ...] = ("greenhouse", "mineralisation", "fuels_chemicals", "storage")
#: What the receiver uses today: the product the class replaces, nothing (a new use), a
#: heating fuel / electricity for heat and cold, or a kiln's coke (a fuel burnt for heat).
RECEIVER_SUPPLIES: tuple[str, ...] = ("virgin", "none", *co2.FUELS, KILN_FUEL)
#: Class used when a stream of a category has no class the tables know.
FALLBACK_CLASS = {c.key: c.default_class for c in CATEGORIES if c.default_class}
#: Assumed supply temperature of surplus heat whose temperature is not given.
DEFAULT_HEAT_C = 40.0


def value_class(category: str, material_class: str | None, use: str | None = None
                ) -> MaterialClass | None:  # fmt: skip
    """The value model of a material, gas or water stream (``None`` for other categories).

    A missing class falls back to the category's generic row, so every stream can be valued.

    Examples
    --------
    >>> value_class("material", None).material_class
    'unclassified'
    >>> value_class("gas", "co2", "greenhouse").material_class
    'co2@greenhouse'
    """
    if category not in FALLBACK_CLASS:
        return None
    mapped = load_material_map()
    if material_class == "co2" and use:
        material_class = f"co2@{use}"
    if material_class is None:
        material_class = FALLBACK_CLASS[category]
    if material_class not in mapped:
        raise ImpactInputError(
            "material_class", N_("unknown material class {value}"), value=material_class
        )
    return mapped[material_class]


def _validate(p: ExchangeInputs) -> None:
    if p.category not in CANONICAL_UNITS:
        raise ImpactInputError(
            "category",
            N_("unknown category {value}; use one of {choices}"),
            value=p.category,
            choices=", ".join(CANONICAL_UNITS),
        )
    if p.use is not None and p.use not in CO2_USES:
        raise ImpactInputError("use", N_("unknown use {value}; use one of {choices}"),
                               value=p.use, choices=", ".join(CO2_USES))  # fmt: skip
    if p.offer_route is not None and p.offer_route not in ROUTES:
        raise ImpactInputError("offer_route", N_("unknown route {value}; use one of {choices}"),
                               value=p.offer_route, choices=", ".join(ROUTES))  # fmt: skip
    if p.receiver_supply is not None and p.receiver_supply not in RECEIVER_SUPPLIES:
        raise ImpactInputError(
            "receiver_supply", N_("unknown current supply {value}; use one of {choices}"),
            value=p.receiver_supply, choices=", ".join(RECEIVER_SUPPLIES))  # fmt: skip
    if p.category in FALLBACK_CLASS:
        value_class(p.category, p.material_class, p.use)
        if not (p.transport_mode == "pipe" and p.category in PIPE_BOUND):
            co2.check_mode("transport_mode", p.transport_mode)
        co2.check_mode("virgin_transport_mode", p.virgin_transport_mode)
        if p.disposal_route is not None and p.disposal_route not in co2.DISPOSAL_ROUTES:
            raise ImpactInputError(
                "disposal_route",
                N_("unknown disposal route {value}; use one of {choices}"),
                value=p.disposal_route,
                choices=", ".join(co2.DISPOSAL_ROUTES),
            )
    if p.category == "heat":
        co2.fuel_factor_ids(p.heat_replaced_fuel, p.electricity_basis)
    for name in ("distance_km", "virgin_distance_km", "processing_mwh_per_t", "operating_hours"):
        check_non_negative(name, getattr(p, name))
    for name in (
        "substitution_ratio",
        "resource_price_nok_per_unit",
        "disposal_cost_nok_per_t",
        "transport_cost_nok_per_tkm",
        "electricity_price_nok_per_kwh",
        "capex_nok",
        "opex_nok_per_yr",
        "current_heat_cost_nok_per_mwh",
        "current_price_nok_per_unit",
        "quantity_bound",
        "moisture",
    ):
        if getattr(p, name) is not None:
            check_non_negative(name, getattr(p, name))
    if p.moisture is not None and p.moisture >= 1.0:
        raise ImpactInputError("moisture", N_("a water share must be below 1 (100 %)"))
    co2.electricity_factor_id(p.electricity_basis)
    money.check_years(p.years)
    if p.depreciation not in money.DEPRECIATION_PRESETS:
        money.depreciation_schedule(0.0, p.depreciation, 1)


def assess_exchange(inputs: ExchangeInputs, factors: FactorSet | None = None) -> ImpactResult:
    """CO2e avoided, money and resources of one offer -> need exchange.

    Parameters
    ----------
    inputs : ExchangeInputs
        Plain data about the pair; see the field list in ``types.py``.
    factors : FactorSet, optional
        Factor tables, e.g. shipped ones merged with a region's own
        (``merge_factors``); defaults to the shipped tables.

    Returns
    -------
    ImpactResult
        Central estimates with low/high ranges, breakdown lines, notes and factors used.

    Raises
    ------
    ImpactInputError
        For any input out of range or unknown (field, template and params attached).

    Examples
    --------
    >>> r = assess_exchange(ExchangeInputs("material", 10_000, material_class="gypsum",
    ...     distance_km=50, transport_mode="truck"))
    >>> round(r.co2e_t_per_yr.central, 1)
    36.5
    >>> r.co2e_t_per_yr.low <= r.co2e_t_per_yr.central <= r.co2e_t_per_yr.high
    True
    """
    factors = factors or load_factors()
    p = inputs
    _validate(p)
    one_off = p.one_off and not p.per_unit
    if one_off:  # one exchange, one cash flow: the horizon is the one year it happens in
        p = replace(p, years=1)
    material = value_class(p.category, p.material_class, p.use)
    notes: list[Note] = []
    unit = CANONICAL_UNITS[p.category]
    if p.category == "service":
        unit = _service_unit(p.quantity_unit)
    elif material is not None and material.unit == "m3":
        unit = "m3/yr"
    central_look = Lookup(factors, "central", p.region, p.on)
    # burnt for heat: a class that burns replaces the receiver's fuel, one that does not
    # replaces nothing it buys; a heat need (MWh) caps the heat, not the tonnes
    burnt = p.energy_recovery and material is not None and fuel_family(
        material.material_class) is not None  # fmt: skip
    unburnt = p.energy_recovery and material is not None and not burnt
    if unburnt:
        p = replace(p, receiver_supply="none")
    need_mwh, shown_unit = None, unit
    if p.per_unit:  # per tonne; a gas per 1 000 Nm3 or per MWh, as its owner counts it
        q, per = per_unit_amount(p)
        need, shown_unit = None, per or unit
    else:
        q = _annual_quantity(p.quantity, p.quantity_unit, unit, "quantity", p)
        if burnt:
            need_mwh, need = _need(replace(p, quantity_unit="MWh/yr"), "MWh/yr", []), None
        else:
            need = _need(p, unit, notes)
    p = prices_per_model_unit(p, unit, notes)
    if p.category not in THERMAL and need is not None:
        if one_off and need < q:
            notes.append(Note("one_off_need", N_(
                "The receiver needs less than this lot ({need} {unit}): only that much is "
                "valued, once."),
                {"need": need, "unit": unit.removesuffix("/yr")}))  # fmt: skip
        q = min(q, need)
    if one_off:
        notes.append(Note("one_off", N_(
            "A one-off lot, not a yearly flow: its value and CO2 are counted once, never per "
            "year.")))  # fmt: skip
    if p.category == "material" and (p.quantity_unit or "").startswith("m3"):
        notes.append(Note("bulk_density", N_("a bulk density of 1 t/m3 is assumed")))
    if p.category == "heat":
        fuel = p.receiver_supply if p.receiver_supply in co2.FUELS else p.heat_replaced_fuel
        p = replace(p, heat_replaced_fuel=fuel)
        if p.offer_temperature_c is None:
            p = replace(p, offer_temperature_c=DEFAULT_HEAT_C)
            notes.append(Note("heat_temperature", N_(
                "The offer temperature is not given: {temperature} °C is assumed."),
                {"temperature": DEFAULT_HEAT_C}))  # fmt: skip
    piped_km = p.distance_km if p.category in THERMAL or piped(p, unit.split("/")[0]) else 0.0
    if p.per_unit and p.category in THERMAL:
        notes.append(pipe_note(central_look, p))
        p = replace(p, distance_km=0.0, capex_nok=0.0, opex_nok_per_yr=0.0)
    rate = money.check_rate(
        p.discount_rate
        if p.discount_rate is not None
        else central_look.value("econ.discount_rate", "dimensionless")
    )
    tax = (
        p.tax_rate
        if p.tax_rate is not None
        else central_look.value("econ.tax_rate", "dimensionless")
    )
    cases: dict[str, Case] = {}
    looks: list[Lookup] = []
    for name in CASES:
        look = central_look if name == "central" else central_look.with_case(name)
        looks.append(look)
        if burnt:
            case = energy_case(look, p, q, material, need_mwh)
        elif unburnt:  # a heat need takes nothing from a material that does not burn
            case = Case(route=material.route)
        elif material is not None:
            case = material_case(look, p, q, material)
        elif p.category == "heat":
            case = heat_case(look, p, q, need, rate)
        elif p.category == "cold":
            case = cold_case(look, p, q, need)
        else:
            case = service_case(look, p, q, unit)
        case.business = money.business_case(
            capex=case.capex_nok,
            annual_benefit=case.benefit_nok,
            annual_opex=case.opex_nok,
            rate=rate,
            years=p.years,
            depreciation=p.depreciation,
            tax_rate=tax,
        )
        case.capital_nok, line = pipes.annual_capital(
            look, pipe_nok=case.pipe_capex_nok, other_nok=case.capex_nok - case.pipe_capex_nok,
            rate=rate, years=p.years, once=one_off)  # fmt: skip
        case.lines += [line] if line else []
        cases[name] = case
    central = cases["central"]
    notes = list(central.notes) + notes
    if one_off:  # a note that speaks of a year says "once" of a lot
        notes = said_once(notes)
    if central.co2_t < 0:
        notes.append(
            Note(
                "net_emitter", N_("transport and processing emit more CO2e than the exchange saves")
            )
        )
    route = central.route
    ratios = {name: _raw_ratio(look, p, material) for name, look in zip(CASES, looks, strict=True)}
    resources = resource_flows(
        category=p.category,
        quantity=central.exchanged if p.category != "heat" else 0.0,
        substitution_ratio=ratios["central"],
        # a fuel its owner burns today is not kept from a waste incinerator
        # burnt by the receiver, it is still burnt: not kept from an incinerator
        disposal_factor_id=None if central.owner_gas_t or burnt else kept_from(route, material),
        energy_recovered_mwh=central.heat.heat_to_receiver_mwh_per_yr if central.heat else 0.0,
        crm_content=p.crm_content,
        crm_recovery_rate=p.crm_recovery_rate,
    )
    if any(c.fuel_saved_mwh for c in cases.values()):
        saved = sorted(c.fuel_saved_mwh for c in cases.values())
        resources["fuel_saved_mwh"] = {"low": saved[0], "central": central.fuel_saved_mwh,
                                       "high": saved[-1]}  # fmt: skip
    if material is not None and (route in USED_ROUTES or p.receiver_supply == "none" or burnt):
        resources["virgin_material_saved_t"] = 0.0
    elif resources["virgin_material_saved_t"] and len(set(ratios.values())) > 1:
        # the same factor ends as the CO2 and money ranges (the case's own ratio)
        ends = sorted(cases[n].exchanged * r for n, r in ratios.items())
        resources["virgin_material_saved_range_t"] = {
            "low": ends[0],
            "central": resources["virgin_material_saved_t"],
            "high": ends[-1],
        }
    used = {ref for look in looks for ref in look.used()}
    invested = any(c.capex_nok > 0 for c in cases.values())

    def est(getter, unit_label: str) -> Estimate:
        return Estimate.from_cases({n: getter(c) for n, c in cases.items()}, unit_label)

    none = Estimate(None, None, None, "")
    verdict_note = verdict(central, route, p.per_unit, one_off)
    if unburnt:
        verdict_note = Note("not_a_fuel", N_(
            "Not an exchange as it stands: {material} does not burn, so it cannot serve a "
            "heat need, and nothing is counted."),
            {"material": material.material_class})  # fmt: skip
    if verdict_note is None and p.haul_limit_km is not None and p.distance_km > p.haul_limit_km:
        verdict_note = too_far(p, material)
    if verdict_note is None and p.per_unit and p.quantity_bound is not None and piped_km > 0:
        try:
            bound = _annual_quantity(p.quantity_bound, p.quantity_bound_unit or p.quantity_unit,
                                     unit, "quantity_bound", p)  # fmt: skip
        except ImpactInputError:  # a bound in another kind of unit bounds nothing
            bound = None
        if bound is not None:
            verdict_note = pipes.bound_verdict(
                central_look, km=piped_km, rate=rate, bound=bound, unit=unit,
                net_per_unit=central.benefit_nok / q if q > 0 else 0.0)  # fmt: skip
    per = "" if one_off else "/yr"
    lines = [replace(line, unit=line.unit.removesuffix("/yr")) if one_off else line
             for line in central.lines]  # fmt: skip
    return ImpactResult(
        category=p.category,
        modelled=True,
        co2e_t_per_yr=est(lambda c: c.co2_t, "t CO2e" + per),
        annual_net_benefit_nok=est(
            lambda c: c.benefit_nok - c.opex_nok - c.capital_nok, "NOK" + per
        ),  # fmt: skip
        npv_nok=est(lambda c: c.business.npv_nok, "NOK") if not p.per_unit else none,
        irr=est(lambda c: c.business.irr, "1") if invested else none,
        payback_years=est(lambda c: c.business.payback_years, "yr") if invested else none,
        resources=resources,
        lines=tuple(lines),
        notes=tuple(notes),
        factors_used=tuple(sorted(used, key=lambda r: (r.id, r.region, r.version))),
        business_case=central.business if not p.per_unit else None,
        heat=central.heat if not p.per_unit else None,
        inputs=p,
        unit=unit.removesuffix("/yr") if one_off else shown_unit,
        per_unit=p.per_unit,
        worth_it=verdict_note is None,
        verdict=verdict_note,
        counterfactual=counterfactual(p, material, route, burnt),
        one_off=one_off,
        energy_recovery=burnt,
    )


def _raw_ratio(look: Lookup, p: ExchangeInputs, material: MaterialClass | None) -> float:
    """Tonnes of raw materials one tonne exchanged saves, at this case's end of the ratio.

    A tonne of glass, clinker or lime takes more raw material (its CO2 is lost), a tonne of
    steel scrap makes less steel (some is lost in melting); a class whose substitution ratio
    has a range (``ratio.<class>``) reads the same end as its CO2 and money. A ratio the
    user entered is taken as given.
    """
    if material is None:
        return 1.0
    ratio = substitution_ratio(look, material) if p.substitution_ratio is None else (
        p.substitution_ratio)  # fmt: skip
    return ratio * raw_per_product(look, material) * product_per_scrap(look, material)


def _service_unit(unit_text: str) -> str:
    head = (unit_text or "h").split("/")[0].strip().lower()
    return {"t": "t/yr", "tonne": "t/yr", "m3": "m3/yr"}.get(head, "h/yr")


def _need(p: ExchangeInputs, unit: str, notes: list[Note]) -> float | None:
    """The need's yearly amount in ``unit``; a need in another kind of unit is left out."""
    if p.need_quantity is None:
        return None
    need_unit = p.need_quantity_unit or p.quantity_unit
    try:
        return _annual_quantity(p.need_quantity, need_unit, unit, "need_quantity", p)
    except ImpactInputError:
        notes.append(Note("need_unit", N_(
            "The need is stated in {unit}, which cannot be compared with the offer: the "
            "whole offer is valued."), {"unit": need_unit}))  # fmt: skip
        return None
