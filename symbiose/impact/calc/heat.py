"""Surplus heat: distance losses, pipe and heat-pump cost, COP, levelised cost of heat.

Model (see ``docs/impact-method.md``):

* **Losses.** A buried pipe pair loses ``U' x (T_mean - T_ground)`` watts per metre of
  trench all the hours it is warm, whatever flows in it::

      loss [MWh/yr] = U' [W/(m K)] x ((T_supply + T_return)/2 - T_ground) x L [m] x h / 1e6

  so heat delivered = max(0, heat at source - loss) falls as the distance grows.
* **Heat pump.** When the receiver needs a higher temperature than the source supplies, an
  electric heat pump lifts it. ``COP = f x T_sink / (T_sink - T_source)`` (kelvin), with the
  Carnot fraction ``f`` from the factor table (0.5; range 0.4-0.6), capped at ``heat.cop_max``.
  Output = source heat x COP / (COP - 1); electricity = output / COP.
* **Levelised cost of heat.** ``LCOH = (capex x CRF + opex + electricity cost) / heat used``
  with the capital recovery factor ``CRF = r (1+r)^n / ((1+r)^n - 1)`` (``1/n`` when r = 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbiose.impact.calc.errors import ImpactInputError, check_finite
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.types import HeatResult, Line
from symbiose.textmarks import N_

__all__ = [
    "ABSOLUTE_ZERO_C",
    "MAX_HEAT_TEMPERATURE_C",
    "capacity_class",
    "check_temperature",
    "pipe_loss_mwh",
    "carnot_cop",
    "capital_recovery_factor",
    "levelised_cost",
    "assess_heat",
]

ABSOLUTE_ZERO_C = -273.15
#: Above this a "heat" stream is not something a pipe network carries; refuse it.
MAX_HEAT_TEMPERATURE_C = 1500.0
#: Upper bounds of the capacity classes, MW (peak heat carried).
CLASS_LIMITS_MW: tuple[tuple[str, float], ...] = (
    ("small", 1.0),
    ("medium", 5.0),
    ("large", 20.0),
    ("xlarge", float("inf")),
)


def check_temperature(field_name: str, value: object) -> float:
    """Return a temperature in °C, refusing values below absolute zero or above 1500 °C.

    Examples
    --------
    >>> check_temperature("offer_temperature_c", 80)
    80.0
    >>> check_temperature("offer_temperature_c", -300)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symbiose.impact.calc.errors.ImpactInputError: ... is below absolute zero (got -300 °C)
    """
    temp = check_finite(field_name, value)
    if temp < ABSOLUTE_ZERO_C:
        raise ImpactInputError(
            field_name,
            N_("{field} is below absolute zero (got {value} °C)"),
            field=field_name,
            value=value,
        )
    if temp > MAX_HEAT_TEMPERATURE_C:
        raise ImpactInputError(
            field_name,
            N_("{field} is above {limit} °C (got {value} °C); check the unit"),
            field=field_name,
            value=value,
            limit=int(MAX_HEAT_TEMPERATURE_C),
        )
    return temp


def capacity_class(peak_mw: float) -> str:
    """Pipe capacity class for a peak heat flow.

    Examples
    --------
    >>> capacity_class(0.9), capacity_class(2.0), capacity_class(50)
    ('small', 'medium', 'xlarge')
    """
    return next(name for name, limit in CLASS_LIMITS_MW if peak_mw < limit)


def pipe_loss_mwh(
    distance_km: float,
    u_w_per_mk: float,
    supply_c: float,
    return_c: float,
    ground_c: float,
    hours: float,
) -> float:
    """Yearly heat lost by a buried supply/return pipe pair, MWh.

    Examples
    --------
    >>> round(pipe_loss_mwh(2.0, 0.35, 80, 40, 7, 8760), 2)
    325.0
    """
    mean_excess = max(0.0, (supply_c + return_c) / 2.0 - ground_c)
    return u_w_per_mk * mean_excess * distance_km * 1000.0 * hours / 1e6


def carnot_cop(source_c: float, sink_c: float, fraction: float, cop_max: float) -> float | None:
    """Heat-pump COP from the temperature lift; None when no lift is needed.

    Examples
    --------
    >>> round(carnot_cop(30, 70, 0.5, 8), 3)
    4.289
    >>> carnot_cop(80, 12, 0.5, 8) is None
    True
    """
    if sink_c <= source_c:
        return None
    sink_k = sink_c - ABSOLUTE_ZERO_C
    cop = fraction * sink_k / (sink_c - source_c)
    return max(1.0, min(cop, cop_max))


def capital_recovery_factor(rate: float, years: int) -> float:
    """Share of capex to recover each year over ``years`` at ``rate``.

    Examples
    --------
    >>> round(capital_recovery_factor(0.07, 20), 5)
    0.09439
    >>> capital_recovery_factor(0.0, 10)
    0.1
    """
    if abs(rate) < 1e-12:
        return 1.0 / years
    growth = (1.0 + rate) ** years
    return rate * growth / (growth - 1.0)


def levelised_cost(
    capex: float, rate: float, years: int, yearly_cost: float, heat_mwh: float
) -> float | None:
    """Levelised cost of heat, NOK/MWh; None when no heat is delivered.

    Examples
    --------
    >>> round(levelised_cost(1_000_000, 0.07, 20, 50_000, 1000), 1)
    144.4
    """
    if heat_mwh <= 0:
        return None
    return (capex * capital_recovery_factor(rate, years) + yearly_cost) / heat_mwh


@dataclass
class HeatAccount:
    """A heat result for one case, with the lines explaining it."""

    result: HeatResult
    opex_nok_per_yr: float
    electricity_cost_nok_per_yr: float
    lines: list[Line] = field(default_factory=list)


def assess_heat(
    look: Lookup,
    *,
    heat_at_source_mwh: float,
    need_mwh: float | None,
    distance_km: float,
    supply_c: float,
    need_c: float | None,
    return_c: float,
    hours: float,
    rate: float,
    years: int,
    electricity_price_nok_per_kwh: float,
    current_cost_nok_per_mwh: float | None,
    capex_nok: float | None = None,
    opex_nok_per_yr: float | None = None,
) -> HeatAccount:
    """Heat delivered, heat-pump need, costs and LCOH for one sensitivity case.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> acc = assess_heat(Lookup(load_factors()), heat_at_source_mwh=8760, need_mwh=None,
    ...     distance_km=2, supply_c=80, need_c=12, return_c=40, hours=8760, rate=0.07,
    ...     years=20, electricity_price_nok_per_kwh=0.9, current_cost_nok_per_mwh=900)
    >>> round(acc.result.heat_delivered_mwh_per_yr, 2), acc.result.capacity_class
    (8295.72, 'medium')
    """
    if return_c >= supply_c:
        raise ImpactInputError(
            "return_temperature_c",
            N_("supply temperature ({supply} °C) must be above return temperature ({ret} °C)"),
            supply=supply_c,
            ret=return_c,
        )
    if hours <= 0 or hours > 8784:
        raise ImpactInputError(
            "operating_hours",
            N_("operating hours must be between 1 and 8784 per year (got {value})"),
            value=hours,
        )
    lines: list[Line] = []
    used_source = heat_at_source_mwh if need_mwh is None else min(heat_at_source_mwh, need_mwh)
    klass = capacity_class(used_source / hours)
    u = look.value(f"heat.loss_coeff.{klass}", "W/m/K", favourable=False)
    ground = look.value("heat.ground_temperature", "degC")
    loss = min(heat_at_source_mwh, pipe_loss_mwh(distance_km, u, supply_c, return_c, ground, hours))
    delivered = heat_at_source_mwh - loss
    lines.append(
        Line(
            N_(
                "pipe loss: {u} W/(m K) x (({supply} + {ret})/2 - {ground}) °C"
                " x {metres} m x {hours} h"
            ),
            {
                "u": u,
                "supply": supply_c,
                "ret": return_c,
                "ground": ground,
                "metres": distance_km * 1000,
                "hours": hours,
            },
            -loss,
            "MWh/yr",
            (f"heat.loss_coeff.{klass}", "heat.ground_temperature"),
        )
    )
    cop = None
    if need_c is not None:
        fraction = look.value("heat.cop_carnot_fraction", "dimensionless")
        cop = carnot_cop(supply_c, need_c, fraction, look.value("heat.cop_max", "dimensionless"))
    available = delivered * cop / (cop - 1.0) if cop and cop > 1.0 else delivered
    to_receiver = available if need_mwh is None else min(available, need_mwh)
    hp_electricity = to_receiver / cop if cop else 0.0
    if cop:
        lines.append(
            Line(
                N_(
                    "heat pump lifts {source} °C to {sink} °C with COP {cop}: {mwh} MWh electricity"
                ),
                {"source": supply_c, "sink": need_c, "cop": round(cop, 3), "mwh": hp_electricity},
                hp_electricity,
                "MWh/yr",
                ("heat.cop_carnot_fraction", "heat.cop_max"),
            )
        )
    pipe_cost_m = look.value(f"heat.pipe_cost.{klass}", "NOK/m", favourable=False)
    pipe_capex = pipe_cost_m * distance_km * 1000.0
    hp_capex = 0.0
    if cop:
        hp_capex = (
            look.value("heat.hp_capex", "NOK/kW", favourable=False) * to_receiver / hours * 1000.0
        )
    total_capex = pipe_capex + hp_capex if capex_nok is None else capex_nok
    if opex_nok_per_yr is None:
        opex_nok_per_yr = (
            look.value("heat.opex_share", "dimensionless", favourable=False) * total_capex
        )
    el_cost = hp_electricity * 1000.0 * electricity_price_nok_per_kwh
    lcoh = levelised_cost(total_capex, rate, years, opex_nok_per_yr + el_cost, to_receiver)
    result = HeatResult(
        heat_at_source_mwh_per_yr=heat_at_source_mwh,
        loss_mwh_per_yr=loss,
        heat_delivered_mwh_per_yr=delivered,
        heat_pump_electricity_mwh_per_yr=hp_electricity,
        heat_to_receiver_mwh_per_yr=to_receiver,
        cop=cop,
        capacity_class=klass,
        pipe_capex_nok=pipe_capex,
        heat_pump_capex_nok=hp_capex,
        levelised_cost_nok_per_mwh=lcoh,
        current_cost_nok_per_mwh=current_cost_nok_per_mwh,
    )
    return HeatAccount(result, opex_nok_per_yr, el_cost, lines)
