"""The capital cost of a pipe, annualised into the yearly value of a pipe-bound exchange.

Heat, cold, water and piped gas need a pipe, paid once and used for decades. A yearly value
that leaves it out makes a pair 1 000 km apart look as good as neighbours, so the headline
yearly value subtracts the investment's capital cost::

    capital [NOK/yr] = pipe capex x CRF(r, L_pipe) + other capex x CRF(r, n)

with CRF the capital recovery factor (``heat.capital_recovery_factor``), r the discount rate
(``econ.discount_rate``), L_pipe the pipe's lifetime (``pipe.lifetime``, 30 years: EN 253's
design life of bonded district-heating pipes) and n the business case's horizon (``years``,
15 by default) for the rest (heat pumps, or an investment the user states). NPV, IRR and
payback keep the investment at year 0 as before; only the yearly headline changes.

Water and gas pipes are costed per metre by flow class with the district-heating pipe rows
(``heat.pipe_cost.<class>``), an upper estimate: a single uninsulated main costs less than an
insulated supply/return pair, but the trench dominates the cost in Norway. Formulas and
classes: ``docs/impact-method.md`` ("Pipe capital cost").
"""

from __future__ import annotations

from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.heat import capital_recovery_factor
from symbiose.impact.calc.types import Line, Note
from symbiose.textmarks import N_

__all__ = ["FLOW_CLASSES", "annual_capital", "bound_verdict", "flow_class", "pipe_capex"]

#: Upper bounds of the small, medium and large flow classes per unit (xlarge above):
#: water in m3/yr (1 Mm3/yr is about 32 l/s, a DN 200 main at 1 m/s), gas in t/yr.
FLOW_CLASSES: dict[str, tuple[float, float, float]] = {
    "m3": (1.0e6, 5.0e6, 2.0e7),
    "t": (2.0e4, 2.0e5, 1.0e6),
}


def flow_class(unit: str, yearly: float) -> str:
    """Pipe size class of a water (``m3``) or gas (``t``) flow per year.

    Examples
    --------
    >>> flow_class("m3", 500_000), flow_class("m3", 3e6), flow_class("t", 5e6)
    ('small', 'medium', 'xlarge')
    """
    small, medium, large = FLOW_CLASSES[unit]
    if yearly < small:
        return "small"
    if yearly < medium:
        return "medium"
    return "large" if yearly < large else "xlarge"


def pipe_capex(look: Lookup, unit: str, yearly: float, distance_km: float) -> tuple[float, str]:
    """Capex (NOK) and class of a water or gas pipe of ``distance_km`` for ``yearly`` flow.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> pipe_capex(Lookup(load_factors()), "m3", 500_000, 2.0)
    (8000000.0, 'small')
    """
    klass = flow_class(unit, yearly)
    per_m = look.value(f"heat.pipe_cost.{klass}", "NOK/m", favourable=False)
    return per_m * distance_km * 1000.0, klass


def annual_capital(
    look: Lookup,
    *,
    pipe_nok: float,
    other_nok: float,
    rate: float,
    years: int,
    once: bool = False,
) -> tuple[float, Line | None]:
    """Yearly capital cost of a pipe and other investment, with its breakdown line.

    Returns ``(0.0, None)`` when nothing is invested. ``once``: the exchange is a one-off lot,
    which alone must pay the whole investment (nothing comes after it to share the cost), so
    the cost is the investment itself, not spread over a lifetime.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> cost, line = annual_capital(Lookup(load_factors()), pipe_nok=1_000_000, other_nok=0,
    ...                             rate=0.07, years=15)
    >>> round(cost), line.params["lifetime"], line.params["rate"]
    (80586, 30, 7)
    """
    if pipe_nok <= 0 and other_nok <= 0:
        return 0.0, None
    if once:
        total = pipe_nok + other_nok
        template = N_("investment paid by this one-off lot alone: {total} NOK")
        return total, Line(template, {"total": sig2(total)}, -total, "NOK", ())
    lifetime = look.value("pipe.lifetime", "yr", favourable=True)
    pipe = pipe_nok * capital_recovery_factor(rate, max(1, round(lifetime))) if pipe_nok else 0.0
    other = other_nok * capital_recovery_factor(rate, years) if other_nok else 0.0
    total = pipe + other
    if other_nok <= 0:
        template = N_("capital cost of the pipe: {pipe} NOK over {lifetime} years at {rate} %")
    elif pipe_nok <= 0:
        template = N_("capital cost of the investment: {other} NOK over {years} years at "
                      "{rate} %")  # fmt: skip
    else:
        template = N_("capital cost: pipe {pipe} NOK over {lifetime} years and the rest "
                      "{other} NOK over {years} years, at {rate} %")  # fmt: skip
    percent = round(rate * 100, 1)
    params = {"pipe": sig2(pipe_nok), "other": sig2(other_nok), "lifetime": round(lifetime),
              "years": years,
              "rate": int(percent) if percent.is_integer() else percent}  # fmt: skip
    return total, Line(template, params, -total, "NOK/yr", ("pipe.lifetime", "econ.discount_rate"))


def bound_verdict(
    look: Lookup, *, km: float, rate: float, bound: float, unit: str, net_per_unit: float
) -> Note | None:
    """A per-unit pair whose pipe cannot pay even if all of ``bound`` went through it.

    Per unit, the pipe is left out (its cost does not scale with the amount). When the viewer
    sees one side's quantity, the exchange can carry at most that much a year, so
    ``bound x net_per_unit`` is the most it can bring. The cheapest pipe (the smallest class,
    over its lifetime) is the least it costs; operation, larger classes and heat lost on the
    way only add to that. If the most it brings is below the least it costs, no quantity the
    viewer could agree to makes it pay.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> note = bound_verdict(Lookup(load_factors()), km=100, rate=0.07, bound=2000,
    ...                      unit="MWh/yr", net_per_unit=900)
    >>> note.code, note.params["distance"]
    ('not_worth_pipe_bound', 100)
    >>> bound_verdict(Lookup(load_factors()), km=1, rate=0.07, bound=2000, unit="MWh/yr",
    ...               net_per_unit=900) is None
    True
    """
    per_m = look.value("heat.pipe_cost.small", "NOK/m", favourable=False)
    lifetime = look.value("pipe.lifetime", "yr", favourable=True)
    least = per_m * km * 1000.0 * capital_recovery_factor(rate, max(1, round(lifetime)))
    most = bound * net_per_unit
    if most >= least:
        return None
    return Note("not_worth_pipe_bound", _BOUND_TEMPLATES.get(unit, _BOUND_TEMPLATES["t/yr"]),
                {"bound": float(bound), "distance": round(km, 1), "capital": sig2(least),
                 "gain": sig2(most)})  # fmt: skip


def sig2(value: float) -> float:
    """``value`` to two significant figures, as every figure shown to people.

    >>> sig2(26_593_512.0), sig2(0.0)
    (27000000.0, 0.0)
    """
    return float(f"{value:.2g}")


_BOUND_TEMPLATES = {
    "MWh/yr": N_("Not worth it at this distance: even if all {bound} MWh/yr went through it, a "
                 "pipe of {distance} km costs at least {capital} NOK/yr, more than the {gain} "
                 "NOK/yr the exchange could bring."),
    "m3/yr": N_("Not worth it at this distance: even if all {bound} m3/yr went through it, a "
                "pipe of {distance} km costs at least {capital} NOK/yr, more than the {gain} "
                "NOK/yr the exchange could bring."),
    "t/yr": N_("Not worth it at this distance: even if all {bound} t/yr went through it, a "
               "pipe of {distance} km costs at least {capital} NOK/yr, more than the {gain} "
               "NOK/yr the exchange could bring."),
}  # fmt: skip
