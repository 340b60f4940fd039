"""The heat computation behind ``assess_exchange`` (one sensitivity case each).

Surplus heat delivered by pipe replaces the receiver's heating: the heat that reaches it
(less the pipe's loss and, fed into a district-heating network, the network's), valued at
what that heating costs today and the CO2 of the fuel it burns. Split from
:mod:`~symbiose.impact.calc.cases` (material, gas and water), whose :class:`Case` it
returns. Formulas: ``docs/impact-method.md``.
"""

from __future__ import annotations

from symbiose.impact.calc import co2, heat
from symbiose.impact.calc.cases import Case, _electricity_price, _money_line
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.types import ExchangeInputs, Line, Note
from symbiose.textmarks import N_

__all__ = ["heat_case"]


def _through_network(case: Case, look: Lookup, p: ExchangeInputs, heat_mwh: float) -> float:
    """Heat that reaches the users whose heating it replaces, MWh/yr.

    Delivered point to point, all of it. Fed into a district-heating network that serves
    those users (``through_network``), the network loses its share on the way
    (``heat.network_loss_share``, SSB's district-heating balance: 10.3-11.9 % in
    2014-2023), which no longer replaces anyone's heating.
    """
    if not p.through_network:
        return heat_mwh
    share = look.value("heat.network_loss_share", "dimensionless", favourable=False)
    lost = heat_mwh * share
    case.lines.append(
        Line(
            N_("lost in the district-heating network before it reaches the users: "
               "{heat} MWh x {share}"),
            {"heat": heat_mwh, "share": share},
            -lost,
            "MWh/yr",
            ("heat.network_loss_share",),
        )
    )  # fmt: skip
    return heat_mwh - lost


def heat_case(look: Lookup, p: ExchangeInputs, q: float, need: float | None, rate: float) -> Case:
    fuel = p.heat_replaced_fuel
    el_price, el_ids = _electricity_price(look, p)
    if p.current_heat_cost_nok_per_mwh is not None:
        current, current_ids = p.current_heat_cost_nok_per_mwh, ()
    else:
        price_id = "price.electricity" if fuel == "electricity" else "price." + fuel
        eta, eff_ids = co2.net_efficiency(look, fuel)
        current = look.value(price_id, "NOK/kWh", favourable=True) * 1000.0 / eta
        current_ids = (price_id, *eff_ids)
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
    reach = _through_network(case, look, p, h.heat_to_receiver_mwh_per_yr)
    if fuel not in ("electricity", "district_heat"):
        eta_fuel, _ = co2.net_efficiency(look, fuel)
        case.fuel_saved_mwh = reach / eta_fuel
    co2_acc = co2.heat_co2(
        look,
        heat_to_receiver_mwh=reach,
        heat_pump_electricity_mwh=h.heat_pump_electricity_mwh_per_yr,
        fuel=fuel,
        basis=p.electricity_basis,
    )
    case.co2_t = co2_acc.total_t
    case.lines += co2_acc.lines
    case.notes += co2_acc.notes
    unit_value = current if p.resource_price_nok_per_unit is None else p.resource_price_nok_per_unit
    value = reach * unit_value
    _money_line(
        case,
        N_("heating cost avoided: {heat} MWh x {cost} NOK/MWh"),
        {"heat": reach, "cost": unit_value},
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
    if p.capex_nok is None:
        case.pipe_capex_nok, case.pipe_km = h.pipe_capex_nok, p.distance_km
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
