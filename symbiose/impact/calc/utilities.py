"""Cold and shared services: the categories that are neither materials nor surplus heat.

Formulas (see ``docs/impact-method.md``)::

    cold:     electricity saved = C / EER                     (MWh/yr)
              value             = electricity saved x electricity price
              CO2e avoided      = electricity saved x EF_elec
              capex             = pipe cost per metre x distance (class by peak cold)
    service:  value             = Q x market rate x share saved

with C the cold used by the receiver (MWh/yr), EER the seasonal efficiency of the electric
chiller it runs today, Q hours (or tonnes, m3) a year of the shared service.
"""

from __future__ import annotations

from symbiose.impact.calc import co2, heat
from symbiose.impact.calc.cases import Case, _electricity_price, _money_line
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.types import ExchangeInputs, Line, Note
from symbiose.textmarks import N_

__all__ = ["cold_case", "service_case"]


def cold_case(look: Lookup, p: ExchangeInputs, q: float, need: float | None) -> Case:
    """Cold (cooling) delivered to a receiver that now runs an electric chiller.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> c = cold_case(Lookup(load_factors()), ExchangeInputs("cold", 300), 300.0, None)
    >>> round(c.benefit_nok), round(c.co2_t, 2)
    (90000, 1.5)
    """
    used = q if need is None else min(q, need)
    case = Case(exchanged=used)
    eer = look.value("cold.eer", "dimensionless", favourable=False)
    saved_mwh = used / eer
    el_price, el_ids = _electricity_price(look, p)
    value = saved_mwh * 1000.0 * el_price
    _money_line(case, N_("chiller electricity avoided: {cold} MWh cold / {eer} x {price} "
                         "NOK/kWh"),
                {"cold": used, "eer": eer, "price": el_price},
                value, "cold.eer", *el_ids)  # fmt: skip
    eid = co2.electricity_factor_id(p.electricity_basis)
    ef = look.value(eid, "kgCO2e/kWh", favourable=True)
    case.co2_t = saved_mwh * ef
    case.lines.append(Line(N_("chiller electricity avoided: {mwh} MWh x {factor} kg CO2e/kWh"),
                           {"mwh": saved_mwh, "factor": ef}, case.co2_t, "t CO2e/yr",
                           (eid, "cold.eer")))  # fmt: skip
    case.benefit_nok = value
    if p.capex_nok is not None:
        case.capex_nok = p.capex_nok
    elif p.distance_km > 0:
        peak = used / max(p.operating_hours, 1.0)
        cls = heat.capacity_class(peak)
        pipe = look.value(f"heat.pipe_cost.{cls}", "NOK/m", favourable=False)
        case.capex_nok = case.pipe_capex_nok = pipe * p.distance_km * 1000.0
        case.pipe_km = p.distance_km
    share = look.value("heat.opex_share", "dimensionless", favourable=False)
    case.opex_nok = p.opex_nok_per_yr if p.opex_nok_per_yr is not None else share * case.capex_nok
    case.notes.append(Note("cold_losses", N_(
        "Cold is valued as the chiller electricity it saves; pumping and pipe gains are not "
        "counted.")))  # fmt: skip
    return case


def service_case(look: Lookup, p: ExchangeInputs, q: float, unit: str) -> Case:
    """A shared service (logistics, maintenance, testing, waste handling) from spare capacity.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> c = service_case(Lookup(load_factors()), ExchangeInputs("service", 100), 100.0, "h/yr")
    >>> round(c.benefit_nok)  # 100 h at 1 100 NOK/h, 30 % of it saved
    33000
    """
    case = Case(exchanged=q)
    if p.resource_price_nok_per_unit is not None:
        rate, rate_ids = p.resource_price_nok_per_unit, ()
    else:
        rate_id = "service.rate_hour" if unit == "h/yr" else "service.rate_unit"
        rate = look.value(rate_id, "NOK/h" if unit == "h/yr" else "NOK/t", favourable=True)
        rate_ids = (rate_id,)
    share = look.value("service.saving_share", "dimensionless", favourable=True)
    shown = unit.removesuffix("/yr")
    case.benefit_nok = q * rate * share
    _money_line(case, N_("market price saved: {quantity} {unit} x {rate} NOK/{unit} x {share} "
                         "saved by sharing"),
                {"quantity": q, "unit": shown, "rate": rate, "share": share},
                case.benefit_nok, *rate_ids, "service.saving_share")  # fmt: skip
    case.capex_nok, case.opex_nok = p.capex_nok or 0.0, p.opex_nok_per_yr or 0.0
    case.notes.append(Note("service_co2", N_(
        "No CO2 is counted for a shared service: it depends on what the sharing avoids "
        "(trips, equipment).")))  # fmt: skip
    return case
