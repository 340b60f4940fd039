"""``assess_exchange``: CO2e, money and resources of one offer -> need pair, with ranges.

The exchange is computed three times, once per sensitivity case (``low``, ``central``,
``high``). The low case reads the unfavourable end of every factor range (low savings, high
transport emissions and costs), the high case the favourable end, so the range brackets
the central estimate. The breakdown lines and notes come from the central case; the
factor ids and versions of all three cases are recorded.
"""

from __future__ import annotations

from symbiose.impact.calc import co2, money
from symbiose.impact.calc.cases import Case, heat_case, material_case, water_case
from symbiose.impact.calc.errors import ImpactInputError, check_finite, check_non_negative
from symbiose.impact.calc.factors import (
    FactorSet,
    Lookup,
    load_factors,
    load_material_map,
    quantity,
)
from symbiose.impact.calc.resources import resource_flows
from symbiose.impact.calc.types import (
    CASES,
    Estimate,
    ExchangeInputs,
    ImpactResult,
    Note,
)
from symbiose.textmarks import N_

_NOK = "NOK/yr"

__all__ = ["CATEGORY_UNITS", "assess_exchange"]

#: Canonical yearly unit per category; categories with None are not modelled yet.
CATEGORY_UNITS: dict[str, str | None] = {
    "material": "t/yr",
    "heat": "MWh/yr",
    "water": "m3/yr",
    "cold": None,
    "gas": None,
    "service": None,
}


def _annual_quantity(
    value: float, unit_text: str, unit: str, field: str, p: ExchangeInputs
) -> float:
    """``value`` in ``unit_text`` as a yearly amount in the category unit ``unit``.

    A bare power (``"MW"``, ``"kW"``) is a continuous rate: it becomes energy per year over
    the operating hours. Anything per period (``"MWh/yr"``, ``"kt/yr"``) is converted as is.
    """
    amount = check_non_negative(field, value)
    q = quantity(amount, unit_text, field + "_unit" if field != "quantity" else "quantity_unit")
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


def _validate(p: ExchangeInputs) -> None:
    if p.category not in CATEGORY_UNITS:
        raise ImpactInputError(
            "category",
            N_("unknown category {value}; use one of {choices}"),
            value=p.category,
            choices=", ".join(CATEGORY_UNITS),
        )
    if p.category == "material":
        if p.material_class not in load_material_map():
            raise ImpactInputError(
                "material_class", N_("unknown material class {value}"), value=p.material_class
            )
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
    if p.category == "heat" and p.offer_temperature_c is None:
        raise ImpactInputError(
            "offer_temperature_c", N_("a heat exchange needs the offer temperature")
        )
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
    ):
        if getattr(p, name) is not None:
            check_non_negative(name, getattr(p, name))
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
    8.5
    >>> r.co2e_t_per_yr.low <= r.co2e_t_per_yr.central <= r.co2e_t_per_yr.high
    True
    """
    factors = factors or load_factors()
    p = inputs
    _validate(p)
    unit = CATEGORY_UNITS[p.category]
    central_look = Lookup(factors, "central", p.region, p.on)
    if unit is None:
        return _not_modelled(p)
    q = _annual_quantity(p.quantity, p.quantity_unit, unit, "quantity", p)
    need = None
    if p.need_quantity is not None:
        need_unit = p.need_quantity_unit or p.quantity_unit
        need = _annual_quantity(p.need_quantity, need_unit, unit, "need_quantity", p)
    if p.category != "heat" and need is not None:
        q = min(q, need)
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
        if p.category == "material":
            case = material_case(look, p, q)
        elif p.category == "heat":
            case = heat_case(look, p, q, need, rate)
        else:
            case = water_case(p, q)
        case.business = money.business_case(
            capex=case.capex_nok,
            annual_benefit=case.benefit_nok,
            annual_opex=case.opex_nok,
            rate=rate,
            years=p.years,
            depreciation=p.depreciation,
            tax_rate=tax,
        )
        cases[name] = case
    central = cases["central"]
    notes = list(central.notes)
    if central.co2_t < 0:
        notes.append(
            Note(
                "net_emitter", N_("transport and processing emit more CO2e than the exchange saves")
            )
        )
    material = load_material_map().get(p.material_class or "")
    ratio = (
        (material.substitution_ratio if material else 1.0)
        if p.substitution_ratio is None
        else p.substitution_ratio
    )
    disposal_id = None
    if material:
        disposal_id = (
            material.disposal_factor_id
            if p.disposal_route is None
            else co2.DISPOSAL_ROUTES[p.disposal_route]
        )
    resources = resource_flows(
        category=p.category,
        quantity=central.exchanged if p.category != "heat" else 0.0,
        substitution_ratio=ratio,
        disposal_factor_id=disposal_id,
        energy_recovered_mwh=central.heat.heat_to_receiver_mwh_per_yr if central.heat else 0.0,
        crm_content=p.crm_content,
        crm_recovery_rate=p.crm_recovery_rate,
    )
    used = {ref for look in looks for ref in look.used()}

    def est(getter, unit_label: str) -> Estimate:
        return Estimate.from_cases({n: getter(c) for n, c in cases.items()}, unit_label)

    return ImpactResult(
        category=p.category,
        modelled=True,
        co2e_t_per_yr=est(lambda c: c.co2_t, "t CO2e/yr"),
        annual_net_benefit_nok=est(lambda c: c.benefit_nok - c.opex_nok, _NOK),
        npv_nok=est(lambda c: c.business.npv_nok, "NOK"),
        irr=est(lambda c: c.business.irr, "1"),
        payback_years=est(lambda c: c.business.payback_years, "yr"),
        resources=resources,
        lines=tuple(central.lines),
        notes=tuple(notes),
        factors_used=tuple(sorted(used, key=lambda r: (r.id, r.region, r.version))),
        business_case=central.business,
        heat=central.heat,
        inputs=p,
    )


def _not_modelled(p: ExchangeInputs) -> ImpactResult:
    check_finite("quantity", p.quantity)
    none = Estimate(None, None, None, "")
    return ImpactResult(
        category=p.category,
        modelled=False,
        co2e_t_per_yr=Estimate(None, None, None, "t CO2e/yr"),
        annual_net_benefit_nok=none,
        npv_nok=none,
        irr=none,
        payback_years=none,
        resources={},
        lines=(),
        notes=(
            Note(
                "not_modelled",
                N_("impact of {category} exchanges is not modelled yet"),
                {"category": p.category},
            ),
        ),
        factors_used=(),
        inputs=p,
    )
