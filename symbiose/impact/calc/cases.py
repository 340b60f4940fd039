"""Material, gas and water computations behind ``assess_exchange`` (one sensitivity case each).

The heat case is in :mod:`~symbiose.impact.calc.heat_case`; both return a :class:`Case`.
Each function takes a :class:`~symbiose.impact.calc.factors.Lookup` for one case (low,
central or high) and the validated inputs, and returns a :class:`Case`: CO2e avoided,
yearly benefit, opex and capex, breakdown lines and notes. Formulas: ``docs/impact-method.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbiose.impact.calc import co2, pipes
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.material_map import USED_ROUTES, MaterialClass
from symbiose.impact.calc.substitution import (
    fuel_value,
    melting,
    owner_fuel,
    recovered_energy,
    substitution_ratio,
)
from symbiose.impact.calc.types import BusinessCase, ExchangeInputs, HeatResult, Line, Note
from symbiose.textmarks import N_

__all__ = ["Case", "material_case", "piped", "substitution_ratio"]

_NOK = "NOK/yr"
_FEE_TAX = N_(
    "cost today avoided ({route}): {quantity} {unit} x ({fee} NOK/{unit} fee + "
    "{tax} NOK/{unit} tax)"
)
_FEE = N_("cost today avoided ({route}): {quantity} {unit} x {fee} NOK/{unit}")


@dataclass
class Case:
    co2_t: float = 0.0
    benefit_nok: float = 0.0
    opex_nok: float = 0.0
    capex_nok: float = 0.0
    #: The part of ``capex_nok`` that is a pipe (annualised over the pipe's lifetime).
    pipe_capex_nok: float = 0.0
    #: Yearly capital cost of the investment, in the headline value (``calc/pipes.py``).
    capital_nok: float = 0.0
    #: Length of the pipe costed, km (0 when nothing is piped).
    pipe_km: float = 0.0
    lines: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    heat: HeatResult | None = None
    exchanged: float = 0.0
    transport_nok: float = 0.0
    #: False when the CO2 figure leaves out a substitution we cannot value (no verdict on it).
    co2_complete: bool = True
    #: The owner's counterfactual route as valued (material, gas and water only).
    route: str | None = None
    #: Fuel the receiver no longer burns (heat replacing a fuel), MWh/yr.
    fuel_saved_mwh: float = 0.0
    business: BusinessCase | None = None
    #: Natural gas the owner buys to replace a fuel it burns today and gives away, t/yr.
    owner_gas_t: float = 0.0


def _money_line(case: Case, template: str, params: dict, value: float, *ids: str) -> None:
    case.lines.append(Line(template, params, value, _NOK, tuple(ids)))


def _route_costs(material: MaterialClass, route: str) -> tuple[str | None, tuple[str, ...], str]:
    """CO2 factor, (fee, tax) factor ids and a label of what the route costs the owner today.

    The incineration tax applies only to fossil waste (mixed waste, plastics and tyres), never to
    clean biomass or food waste; a route that differs from the class default takes the
    generic factor of that route.
    """
    default = route == material.route
    disposal = material.disposal_factor_id or None
    if route == "landfill":
        if not (default and disposal and disposal.startswith("disposal.landfill")):
            disposal = (
                disposal
                if disposal and disposal.startswith("disposal.landfill")
                else (
                    "disposal.landfill_organic"
                    if disposal == "disposal.incineration_biogenic"
                    else "disposal.landfill_metal"
                )
            )
        fee = material.fee_id if default and material.fee_id else "fee.landfill_ordinary"
        return disposal, (fee, "tax.landfill"), route
    if route == "incineration":
        if not (disposal and disposal.startswith("disposal.incineration")):
            disposal = None if default else "disposal.incineration_mixed"
        fee = material.fee_id if default and material.fee_id else "fee.incineration"
        taxed = disposal in ("disposal.incineration_mixed", "disposal.incineration_plastics",
                             "disposal.incineration_tyres")  # fmt: skip
        return disposal, (fee, "tax.incineration") if taxed else (fee,), route
    if route == "treatment":
        fee = material.fee_id if default and material.fee_id else "fee.hazardous_treatment"
        return (disposal if default else None), (fee,), route
    if route == "discharged":
        fee_ids = (material.fee_id,) if material.fee_id else ()
        return (disposal if disposal == "disposal.wastewater" else None), fee_ids, route
    return None, (), route


def material_case(look: Lookup, p: ExchangeInputs, q: float, material: MaterialClass) -> Case:
    """A material, gas or water exchange against both counterfactuals.

    The owner's side: what the stream's current route costs or earns (gate fee avoided,
    revenue from today's buyer given up). The receiver's side: the product it buys today
    and no longer needs. A stream already used today (sold, given away, spread on land)
    keeps its benefit elsewhere, so its substitution is not counted again.
    """
    case = Case(exchanged=q)
    unit = material.unit
    ratio = p.substitution_ratio
    if ratio is None:
        ratio = substitution_ratio(look, material)
    route = p.offer_route or material.route
    if p.offer_route is None and p.disposal_cost_nok_per_t is not None and route in USED_ROUTES:
        route = "treatment"  # the owner pays to be rid of it: it is not sold today
    disposal_id, cost_ids, _ = _route_costs(material, route)
    # burnt today with its energy used: a fuel's owner replaces it, and pays no gate fee
    fuel = None
    if route == "incineration" and p.disposal_cost_nok_per_t is None:
        fuel = fuel_value(look, material)
        if fuel is not None:
            disposal_id, cost_ids = None, ()
    if p.disposal_route is not None:
        disposal_id = co2.DISPOSAL_ROUTES[p.disposal_route]
    substitution = route not in USED_ROUTES and p.receiver_supply != "none"
    acc = co2.material_co2(
        look,
        quantity_t=q,
        material=material,
        ratio=ratio,
        disposal_factor_id=disposal_id,
        distance_km=p.distance_km if unit == "t" and not piped(p, unit) else 0.0,
        mode=p.transport_mode,
        virgin_distance_km=p.virgin_distance_km,
        virgin_mode=p.virgin_transport_mode,
        processing_mwh_per_t=p.processing_mwh_per_t,
        basis=p.electricity_basis,
        unit=unit,
        count_substitution=substitution,
    )
    case.co2_t, case.lines, case.notes = acc.total_t, acc.lines, acc.notes
    melt = None
    if substitution and material.virgin_factor_id:
        melt = melting(look, material, q * ratio, p.electricity_basis)
    if melt is not None:
        case.co2_t -= melt.co2_t
        case.lines.extend(melt.lines)
    lost = recovered_energy(look, disposal_id, q, p.country) if unit == "t" else None
    if lost is not None:
        case.co2_t += lost.value
        case.lines.append(lost)
    owner_gas_nok = 0.0
    if fuel is not None:
        gas = owner_fuel(look, q, fuel)
        case.co2_t -= gas.co2_t
        case.owner_gas_t, owner_gas_nok = gas.gas_t, gas.cost_nok
        case.lines += gas.lines
        case.notes.append(gas.note)
    # a stream used today has an unknown haul to its current user: no climate verdict on it
    case.co2_complete = bool(material.virgin_factor_id) and route not in USED_ROUTES
    case.route = route
    if route in USED_ROUTES:
        case.notes.append(Note("already_used", N_(
            "Today this stream is {route}: whoever uses it now must replace it, so its "
            "substitution is not counted again. The exchange pays only if the new receiver "
            "pays more than today's or is closer."), {"route": route}))  # fmt: skip
    elif p.receiver_supply == "none":
        case.notes.append(
            Note(
                "new_use",
                N_("The receiver buys nothing like it today (a new use): no substitution counted."),
            )
        )
    value = 0.0
    if p.resource_price_nok_per_unit is not None:
        value = q * p.resource_price_nok_per_unit
        _money_line(case, N_("resource value at the given price: {quantity} {unit} x {price} "
                             "NOK/{unit}"),
                    {"quantity": q, "unit": unit, "price": p.resource_price_nok_per_unit},
                    value)  # fmt: skip
    elif material.price_id and p.receiver_supply != "none":
        price = look.value(material.price_id, f"NOK/{unit}", favourable=True)
        value = q * ratio * price
        _money_line(case, N_("what the receiver no longer buys: {quantity} {unit} x {ratio} x "
                             "{price} NOK/{unit}"),
                    {"quantity": q, "unit": unit, "ratio": ratio, "price": price},
                    value, material.price_id)  # fmt: skip
    owner = 0.0
    if route == "sold" and (material.price_id or p.current_price_nok_per_unit is not None):
        if p.current_price_nok_per_unit is not None:
            today, ids = p.current_price_nok_per_unit, ()
        else:
            today = ratio * look.value(material.price_id, f"NOK/{unit}", favourable=False)
            ids = (material.price_id,)
        owner = -q * today
        _money_line(case, N_("revenue from today's buyer given up: {quantity} {unit} x {price} "
                             "NOK/{unit}"), {"quantity": q, "unit": unit, "price": today},
                    owner, *ids)  # fmt: skip
    elif p.disposal_cost_nok_per_t is not None:
        owner = q * p.disposal_cost_nok_per_t
        _money_line(case, N_("disposal cost avoided at the given cost: {quantity} {unit} x "
                             "{cost} NOK/{unit}"),
                    {"quantity": q, "unit": unit, "cost": p.disposal_cost_nok_per_t},
                    owner)  # fmt: skip
    elif cost_ids:
        fee = look.value(cost_ids[0], f"NOK/{unit}", favourable=True)
        tax = look.value(cost_ids[1], f"NOK/{unit}", favourable=True) if len(cost_ids) > 1 else 0.0
        owner = q * (fee + tax)
        if len(cost_ids) > 1:
            _money_line(case, _FEE_TAX,
                        {"route": route, "quantity": q, "unit": unit, "fee": fee, "tax": tax},
                        owner, *cost_ids)  # fmt: skip
        else:
            _money_line(case, _FEE,
                        {"route": route, "quantity": q, "unit": unit, "fee": fee},
                        owner, *cost_ids)  # fmt: skip
    transport = _freight(case, look, p, q) if unit == "t" and not piped(p, unit) else 0.0
    processing = 0.0
    if p.processing_mwh_per_t > 0:
        el_price, el_ids = _electricity_price(look, p)
        processing = q * p.processing_mwh_per_t * 1000.0 * el_price
        _money_line(case, N_("processing electricity: {mwh} MWh x {price} NOK/kWh"),
                    {"mwh": q * p.processing_mwh_per_t, "price": el_price},
                    -processing, *el_ids)  # fmt: skip
    case.benefit_nok = value + owner - owner_gas_nok - transport - processing
    case.transport_nok = transport
    case.capex_nok = p.capex_nok or 0.0
    case.opex_nok = p.opex_nok_per_yr or 0.0
    if piped(p, unit) and p.capex_nok is None and p.distance_km > 0 and not p.per_unit:
        case.pipe_capex_nok, _ = pipes.pipe_capex(look, unit, q, p.distance_km)
        case.capex_nok, case.pipe_km = case.pipe_capex_nok, p.distance_km
        share = look.value("heat.opex_share", "dimensionless", favourable=False)
        case.opex_nok = p.opex_nok_per_yr if p.opex_nok_per_yr is not None else (
            share * case.capex_nok)  # fmt: skip
        case.notes.append(Note("water_pipe", N_(
            "Piped: a pipe of {distance} km, about {cost} NOK, is counted as the "
            "investment."), {"distance": p.distance_km,
                             "cost": round(case.capex_nok, -3)}))  # fmt: skip
    return case


def piped(p: ExchangeInputs, unit: str) -> bool:
    """Whether the stream travels in a pipe: water always, a gas when its mode is ``pipe``."""
    return unit == "m3" or (p.category == "gas" and p.transport_mode == "pipe")


#: Breakdown wording of the freight legs, by mode: driving, then loading and unloading.
_FREIGHT = {
    "truck": (N_("transport by truck: {quantity} t x {distance} km x {cost} NOK/tkm"),
              N_("loading and unloading the truck: {quantity} t x {cost} NOK/t")),
    "ship": (N_("transport by ship: {quantity} t x {distance} km x {cost} NOK/tkm"),
             N_("loading and unloading the ship (port handling): {quantity} t x {cost} NOK/t")),
    "rail": (N_("transport by rail: {quantity} t x {distance} km x {cost} NOK/tkm"),
             N_("loading and unloading the train (terminals): {quantity} t x {cost} NOK/t")),
}  # fmt: skip


def _freight(case: Case, look: Lookup, p: ExchangeInputs, q: float) -> float:
    """Freight cost of ``q`` tonnes: the haul per tonne-km, plus loading and unloading.

    A cost per tonne-km the user states replaces both (a carrier's quote usually includes
    loading); an exchange on the same site (0 km) has no freight.
    """
    drive, load = _FREIGHT[p.transport_mode]
    if p.transport_cost_nok_per_tkm is not None:
        tkm_cost, cost_ids = p.transport_cost_nok_per_tkm, ()
    else:
        cost_id = "transport.cost." + p.transport_mode
        tkm_cost, cost_ids = look.value(cost_id, "NOK/tkm", favourable=False), (cost_id,)
    haul = q * p.distance_km * tkm_cost
    _money_line(case, drive, {"quantity": q, "distance": p.distance_km, "cost": tkm_cost},
                -haul, *cost_ids)  # fmt: skip
    if p.transport_cost_nok_per_tkm is not None or p.distance_km <= 0:
        return haul
    handling_id = "transport.handling." + p.transport_mode
    per_t = look.value(handling_id, "NOK/t", favourable=False)
    _money_line(case, load, {"quantity": q, "cost": per_t}, -q * per_t, handling_id)
    return haul + q * per_t


def _electricity_price(look: Lookup, p: ExchangeInputs) -> tuple[float, tuple[str, ...]]:
    if p.electricity_price_nok_per_kwh is not None:
        return p.electricity_price_nok_per_kwh, ()
    return look.value("price.electricity", "NOK/kWh", favourable=False), ("price.electricity",)
