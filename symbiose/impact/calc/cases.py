"""Per-category computations behind ``assess_exchange`` (one sensitivity case each).

Each function takes a :class:`~symbiose.impact.calc.factors.Lookup` for one case (low,
central or high) and the validated inputs, and returns a :class:`Case`: CO2e avoided,
yearly benefit, opex and capex, breakdown lines and notes. Formulas: ``docs/impact-method.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbiose.impact.calc import co2, heat
from symbiose.impact.calc.factors import Lookup, load_material_map
from symbiose.impact.calc.types import BusinessCase, ExchangeInputs, HeatResult, Line, Note
from symbiose.textmarks import N_

__all__ = ["Case", "DISPOSAL_COSTS", "material_case", "heat_case", "water_case"]

#: Cost of each avoided disposal route: (gate-fee factor id, tax factor id).
DISPOSAL_COSTS: dict[str, tuple[str, str]] = {
    "disposal.landfill_inert": ("fee.landfill_inert", "tax.landfill"),
    "disposal.landfill_metal": ("fee.landfill_ordinary", "tax.landfill"),
    "disposal.landfill_organic": ("fee.landfill_ordinary", "tax.landfill"),
    "disposal.incineration_mixed": ("fee.incineration", "tax.incineration"),
    "disposal.incineration_plastics": ("fee.incineration", "tax.incineration"),
    "disposal.incineration_biogenic": ("fee.incineration", "tax.incineration"),
}
_NOK = "NOK/yr"


@dataclass
class Case:
    co2_t: float = 0.0
    benefit_nok: float = 0.0
    opex_nok: float = 0.0
    capex_nok: float = 0.0
    lines: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    heat: HeatResult | None = None
    exchanged: float = 0.0
    business: BusinessCase | None = None


def _money_line(case: Case, template: str, params: dict, value: float, *ids: str) -> None:
    case.lines.append(Line(template, params, value, _NOK, tuple(ids)))


def material_case(look: Lookup, p: ExchangeInputs, q: float) -> Case:
    case = Case(exchanged=q)
    material = load_material_map()[p.material_class or ""]
    ratio = material.substitution_ratio if p.substitution_ratio is None else p.substitution_ratio
    if p.disposal_route is None:
        disposal_id = material.disposal_factor_id or None
    else:
        disposal_id = co2.DISPOSAL_ROUTES[p.disposal_route]
    acc = co2.material_co2(
        look,
        quantity_t=q,
        material=material,
        ratio=ratio,
        disposal_factor_id=disposal_id,
        distance_km=p.distance_km,
        mode=p.transport_mode,
        virgin_distance_km=p.virgin_distance_km,
        virgin_mode=p.virgin_transport_mode,
        processing_mwh_per_t=p.processing_mwh_per_t,
        basis=p.electricity_basis,
    )
    case.co2_t, case.lines, case.notes = acc.total_t, acc.lines, acc.notes
    if p.resource_price_nok_per_unit is not None:
        value = q * p.resource_price_nok_per_unit
        _money_line(
            case,
            N_("resource value at the given price: {quantity} t x {price} NOK/t"),
            {"quantity": q, "price": p.resource_price_nok_per_unit},
            value,
        )
    elif material.price_id:
        price = look.value(material.price_id, "NOK/t", favourable=True)
        value = q * ratio * price
        _money_line(
            case,
            N_("resource value at a typical price: {quantity} t x {ratio} x {price} NOK/t"),
            {"quantity": q, "ratio": ratio, "price": price},
            value,
            material.price_id,
        )
    else:
        value = 0.0
    disposal = 0.0
    if p.disposal_cost_nok_per_t is not None:
        disposal = q * p.disposal_cost_nok_per_t
        _money_line(
            case,
            N_("disposal cost avoided at the given cost: {quantity} t x {cost} NOK/t"),
            {"quantity": q, "cost": p.disposal_cost_nok_per_t},
            disposal,
        )
    elif disposal_id:
        fee_id, tax_id = DISPOSAL_COSTS[disposal_id]
        fee = look.value(fee_id, "NOK/t", favourable=True)
        tax = look.value(tax_id, "NOK/t", favourable=True)
        disposal = q * (fee + tax)
        _money_line(
            case,
            N_("disposal cost avoided: {quantity} t x ({fee} NOK/t fee + {tax} NOK/t tax)"),
            {"quantity": q, "fee": fee, "tax": tax},
            disposal,
            fee_id,
            tax_id,
        )
    if p.transport_cost_nok_per_tkm is not None:
        tkm_cost, cost_ids = p.transport_cost_nok_per_tkm, ()
    else:
        cost_id = "transport.cost." + p.transport_mode
        tkm_cost, cost_ids = look.value(cost_id, "NOK/tkm", favourable=False), (cost_id,)
    transport = q * p.distance_km * tkm_cost
    _money_line(
        case,
        N_("transport cost: {quantity} t x {distance} km x {cost} NOK/tkm"),
        {"quantity": q, "distance": p.distance_km, "cost": tkm_cost},
        -transport,
        *cost_ids,
    )
    processing = 0.0
    if p.processing_mwh_per_t > 0:
        el_price, el_ids = _electricity_price(look, p)
        processing = q * p.processing_mwh_per_t * 1000.0 * el_price
        _money_line(
            case,
            N_("processing electricity: {mwh} MWh x {price} NOK/kWh"),
            {"mwh": q * p.processing_mwh_per_t, "price": el_price},
            -processing,
            *el_ids,
        )
    case.benefit_nok = value + disposal - transport - processing
    case.capex_nok = p.capex_nok or 0.0
    case.opex_nok = p.opex_nok_per_yr or 0.0
    return case


def _electricity_price(look: Lookup, p: ExchangeInputs) -> tuple[float, tuple[str, ...]]:
    if p.electricity_price_nok_per_kwh is not None:
        return p.electricity_price_nok_per_kwh, ()
    return look.value("price.electricity", "NOK/kWh", favourable=False), ("price.electricity",)


def heat_case(look: Lookup, p: ExchangeInputs, q: float, need: float | None, rate: float) -> Case:
    fuel = p.heat_replaced_fuel
    el_price, el_ids = _electricity_price(look, p)
    if p.current_heat_cost_nok_per_mwh is not None:
        current, current_ids = p.current_heat_cost_nok_per_mwh, ()
    else:
        price_id = "price.electricity" if fuel == "electricity" else "price." + fuel
        eta = look.value("eff." + fuel, "dimensionless", favourable=False)
        current = look.value(price_id, "NOK/kWh", favourable=True) * 1000.0 / eta
        current_ids = (price_id, "eff." + fuel)
    supply = heat.check_temperature("offer_temperature_c", p.offer_temperature_c)
    need_c = (
        None
        if p.need_temperature_c is None
        else heat.check_temperature("need_temperature_c", p.need_temperature_c)
    )
    if p.return_temperature_c is None:
        ret = min(40.0, supply - 10.0)
    else:
        ret = heat.check_temperature("return_temperature_c", p.return_temperature_c)
    acc = heat.assess_heat(
        look,
        heat_at_source_mwh=q,
        need_mwh=need,
        distance_km=p.distance_km,
        supply_c=supply,
        need_c=need_c,
        return_c=ret,
        hours=p.operating_hours,
        rate=rate,
        years=p.years,
        electricity_price_nok_per_kwh=el_price,
        current_cost_nok_per_mwh=current,
        capex_nok=p.capex_nok,
        opex_nok_per_yr=p.opex_nok_per_yr,
    )
    h = acc.result
    case = Case(heat=h, exchanged=h.heat_to_receiver_mwh_per_yr, lines=list(acc.lines))
    co2_acc = co2.heat_co2(
        look,
        heat_to_receiver_mwh=h.heat_to_receiver_mwh_per_yr,
        heat_pump_electricity_mwh=h.heat_pump_electricity_mwh_per_yr,
        fuel=fuel,
        basis=p.electricity_basis,
    )
    case.co2_t = co2_acc.total_t
    case.lines += co2_acc.lines
    case.notes += co2_acc.notes
    unit_value = current if p.resource_price_nok_per_unit is None else p.resource_price_nok_per_unit
    value = h.heat_to_receiver_mwh_per_yr * unit_value
    _money_line(
        case,
        N_("heating cost avoided: {heat} MWh x {cost} NOK/MWh"),
        {"heat": h.heat_to_receiver_mwh_per_yr, "cost": unit_value},
        value,
        *current_ids,
    )
    if acc.electricity_cost_nok_per_yr:
        _money_line(
            case,
            N_("heat-pump electricity: {mwh} MWh x {price} NOK/kWh"),
            {"mwh": h.heat_pump_electricity_mwh_per_yr, "price": el_price},
            -acc.electricity_cost_nok_per_yr,
            *el_ids,
        )
    case.benefit_nok = value - acc.electricity_cost_nok_per_yr
    case.capex_nok = (
        h.pipe_capex_nok + h.heat_pump_capex_nok if p.capex_nok is None else p.capex_nok
    )
    case.opex_nok = acc.opex_nok_per_yr
    if h.heat_delivered_mwh_per_yr <= 0 and q > 0:
        case.notes.append(
            Note(
                "heat_lost",
                N_("at {distance} km the pipe loses all the heat offered"),
                {"distance": p.distance_km},
            )
        )
    return case


def water_case(p: ExchangeInputs, q: float) -> Case:
    case = Case(exchanged=q)
    case.notes.append(Note("water_co2", N_("CO2 of water supply and treatment is not modelled")))
    if p.resource_price_nok_per_unit is None:
        case.notes.append(
            Note(
                "water_price", N_("no typical water price: enter a price per m3 to value the water")
            )
        )
    else:
        case.benefit_nok = q * p.resource_price_nok_per_unit
        _money_line(
            case,
            N_("water value at the given price: {quantity} m3 x {price} NOK/m3"),
            {"quantity": q, "price": p.resource_price_nok_per_unit},
            case.benefit_nok,
        )
    case.capex_nok, case.opex_nok = p.capex_nok or 0.0, p.opex_nok_per_yr or 0.0
    return case
