"""Money: NPV, IRR, payback, declining-balance depreciation with tax, and the business case.

Conventions: cash flows are yearly, in NOK, ``cash_flows[0]`` at t = 0 (the investment,
negative) and ``cash_flows[t]`` at the end of year t. Rates are real and decimal (0.07).

After-tax cash flow in year t (t >= 1), with B the yearly net benefit before tax, D_t the
tax depreciation and tau the tax rate::

    CF_t = B - tau x (B - D_t)

A negative taxable result is assumed to offset other income in the same company (a tax
saving), which is how a profitable industrial company experiences it.
"""

from __future__ import annotations

from collections.abc import Sequence

from scipy.optimize import brentq

from symbiose.impact.calc.errors import ImpactInputError, check_finite, check_non_negative
from symbiose.impact.calc.types import BusinessCase
from symbiose.textmarks import N_

__all__ = [
    "DEPRECIATION_PRESETS",
    "check_rate",
    "check_years",
    "npv",
    "irr",
    "payback_years",
    "depreciation_schedule",
    "business_case",
]

#: Depreciation presets: declining-balance rate per year, or straight line / none.
DEPRECIATION_PRESETS: dict[str, float | None] = {
    "db20": 0.20,
    "db30": 0.30,
    "db40": 0.40,
    "straight_line": None,
    "none": 0.0,
}
MIN_RATE, MAX_RATE = -0.5, 1.0


def check_rate(value: object, field: str = "discount_rate") -> float:
    """Return a discount rate in [-0.5, 1].

    Examples
    --------
    >>> check_rate(0.07)
    0.07
    >>> check_rate(7)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symbiose.impact.calc.errors.ImpactInputError: discount rate must be between -0.5 and 1...
    """
    rate = check_finite(field, value)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ImpactInputError(
            field,
            N_("discount rate must be between -0.5 and 1 (got {value}); write 7 % as 0.07"),
            value=value,
        )
    return rate


def check_years(value: object) -> int:
    """Return an analysis horizon of 1-100 whole years."""
    years = check_finite("years", value)
    if years != int(years) or not 1 <= years <= 100:
        raise ImpactInputError(
            "years", N_("years must be a whole number from 1 to 100 (got {value})"), value=value
        )
    return int(years)


def npv(rate: float, cash_flows: Sequence[float]) -> float:
    """Net present value of yearly cash flows, the first at t = 0.

    Examples
    --------
    >>> round(npv(0.08, [-1000, 300, 300, 300, 300, 300]), 2)
    197.81
    """
    rate = check_rate(rate)
    return float(sum(cf / (1.0 + rate) ** t for t, cf in enumerate(cash_flows)))


def irr(cash_flows: Sequence[float]) -> float | None:
    """Internal rate of return, or None when the cash flow never changes sign.

    The root is searched between -0.99 and 10 (-99 % to 1000 %) with Brent's method;
    for cash flows with several sign changes the lowest root found is returned.

    Examples
    --------
    >>> round(irr([-1000, 300, 300, 300, 300, 300]), 4)
    0.1524
    >>> irr([100, 100]) is None
    True
    """
    if not any(cf < 0 for cf in cash_flows) or not any(cf > 0 for cf in cash_flows):
        return None

    def f(r: float) -> float:
        return sum(cf / (1.0 + r) ** t for t, cf in enumerate(cash_flows))

    grid = [-0.99, -0.9, -0.5, -0.2, 0.0, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0]
    for lo, hi in zip(grid, grid[1:], strict=False):
        flo, fhi = f(lo), f(hi)
        if flo == 0:
            return lo
        if flo * fhi < 0:
            return float(brentq(f, lo, hi, xtol=1e-12))
    return None


def payback_years(cash_flows: Sequence[float]) -> float | None:
    """Simple (undiscounted) payback time in years, interpolated within the year.

    Examples
    --------
    >>> payback_years([-1000, 300, 300, 300, 300, 300])
    3.3333333333333335
    >>> payback_years([-1000, 100, 100]) is None
    True
    """
    cumulative = 0.0
    for t, cf in enumerate(cash_flows):
        before = cumulative
        cumulative += cf
        if t > 0 and before < 0 <= cumulative:
            return t - 1 + (-before / cf)
        if t == 0 and cumulative >= 0:
            return 0.0
    return None


def depreciation_schedule(capex: float, preset: str, years: int) -> list[float]:
    """Yearly tax depreciation of ``capex`` over ``years``.

    Declining balance (Norwegian *saldoavskrivning*): each year the rate times the
    remaining balance; the balance left at the end of the horizon is written off in the
    last year (the asset is assumed scrapped or sold at tax value then). Straight line:
    ``capex / years``.

    Examples
    --------
    >>> [round(d) for d in depreciation_schedule(1_000_000, "db20", 5)]
    [200000, 160000, 128000, 102400, 409600]
    """
    capex = check_non_negative("capex_nok", capex)
    if preset not in DEPRECIATION_PRESETS:
        raise ImpactInputError(
            "depreciation",
            N_("unknown depreciation schedule {value}; use one of {choices}"),
            value=preset,
            choices=", ".join(DEPRECIATION_PRESETS),
        )
    rate = DEPRECIATION_PRESETS[preset]
    if rate is None:
        return [capex / years] * years
    if rate == 0.0:
        return [0.0] * years
    schedule, balance = [], capex
    for year in range(1, years + 1):
        amount = balance if year == years else balance * rate
        schedule.append(amount)
        balance -= amount
    return schedule


def business_case(
    *,
    capex: float,
    annual_benefit: float,
    annual_opex: float,
    rate: float,
    years: int,
    depreciation: str = "db20",
    tax_rate: float = 0.22,
) -> BusinessCase:
    """After-tax cash flows, NPV, IRR and payback of an investment with a steady yearly benefit.

    Parameters
    ----------
    capex : float
        Investment at t = 0, NOK.
    annual_benefit : float
        Yearly savings and income before opex and tax, NOK.
    annual_opex : float
        Yearly operating cost, NOK.
    rate, years, depreciation, tax_rate
        Discount rate, horizon, depreciation preset (``db20``, ``db30``, ``db40``,
        ``straight_line``, ``none``) and income-tax rate.

    Examples
    --------
    >>> case = business_case(capex=1_000_000, annual_benefit=350_000, annual_opex=50_000,
    ...     rate=0.08, years=5, depreciation="db20", tax_rate=0.22)
    >>> [round(cf) for cf in case.cash_flows_nok]
    [-1000000, 278000, 269200, 262160, 256528, 324112]
    >>> round(case.npv_nok)
    105455
    """
    rate = check_rate(rate)
    years = check_years(years)
    tax_rate = check_finite("tax_rate", tax_rate)
    if not 0.0 <= tax_rate < 1.0:
        raise ImpactInputError(
            "tax_rate", N_("tax rate must be between 0 and 1 (got {value})"), value=tax_rate
        )
    capex = check_non_negative("capex_nok", capex)
    annual_opex = check_non_negative("opex_nok_per_yr", annual_opex)
    schedule = depreciation_schedule(capex, depreciation, years)
    pre_tax = annual_benefit - annual_opex
    flows = [-capex] + [pre_tax - tax_rate * (pre_tax - dep) for dep in schedule]
    return BusinessCase(
        cash_flows_nok=tuple(flows),
        depreciation_nok=tuple(schedule),
        npv_nok=npv(rate, flows),
        irr=irr(flows) if capex > 0 else None,
        payback_years=payback_years(flows) if capex > 0 else 0.0,
    )
