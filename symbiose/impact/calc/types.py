"""Plain input and output records of the impact calculators.

Everything here is a frozen dataclass of numbers, strings, tuples and dicts, so results can
be stored, compared in tests and turned into JSON with ``to_dict()``. Units are part of the
field names (``_t_per_yr``, ``_nok``, ``_mwh_per_yr``) so a reader never has to guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Estimate",
    "Line",
    "Note",
    "FactorRef",
    "HeatResult",
    "BusinessCase",
    "ExchangeInputs",
    "ImpactResult",
    "CASES",
]

#: The three sensitivity cases every estimate is computed for.
CASES: tuple[str, ...] = ("low", "central", "high")


@dataclass(frozen=True)
class Estimate:
    """A central estimate with a low/high range (all in the same unit).

    Examples
    --------
    >>> Estimate(1.0, 2.0, 3.0, "t CO2e/yr").to_dict()
    {'low': 1.0, 'central': 2.0, 'high': 3.0, 'unit': 't CO2e/yr'}
    """

    low: float | None
    central: float | None
    high: float | None
    unit: str

    @classmethod
    def from_cases(cls, values: Mapping[str, float | None], unit: str) -> Estimate:
        """Build from ``{"low": .., "central": .., "high": ..}``, ordering low <= high."""
        low, central, high = (values.get(c) for c in CASES)
        if low is not None and high is not None and low > high:
            low, high = high, low
        return cls(low, central, high, unit)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FactorRef:
    """Which factor (id and version) a computation used."""

    id: str
    version: str
    region: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Line:
    """One line of the "how was this computed" breakdown.

    ``label_template`` is marked with ``N_`` and filled with ``params`` by the adapter;
    ``value`` is the central-case result of the line in ``unit``; ``factor_ids`` names the
    factors the line used.
    """

    label_template: str
    params: Mapping[str, Any]
    value: float
    unit: str
    factor_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "label_template": self.label_template,
            "label": self.label_template.format(**self.params),
            "params": dict(self.params),
            "value": self.value,
            "unit": self.unit,
            "factor_ids": list(self.factor_ids),
        }


@dataclass(frozen=True)
class Note:
    """A caveat the user must see next to the result (translatable template + params)."""

    code: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "template": self.template,
            "text": self.template.format(**self.params),
            "params": dict(self.params),
        }


@dataclass(frozen=True)
class HeatResult:
    """Surplus-heat figures for one case (see ``heat.assess_heat``)."""

    heat_at_source_mwh_per_yr: float
    loss_mwh_per_yr: float
    heat_delivered_mwh_per_yr: float
    heat_pump_electricity_mwh_per_yr: float
    heat_to_receiver_mwh_per_yr: float
    cop: float | None
    capacity_class: str
    pipe_capex_nok: float
    heat_pump_capex_nok: float
    levelised_cost_nok_per_mwh: float | None
    current_cost_nok_per_mwh: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BusinessCase:
    """Cash flows and decision figures of an investment (see ``money.business_case``)."""

    cash_flows_nok: tuple[float, ...]
    depreciation_nok: tuple[float, ...]
    npv_nok: float
    irr: float | None
    payback_years: float | None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cash_flows_nok"] = list(self.cash_flows_nok)
        data["depreciation_nok"] = list(self.depreciation_nok)
        return data


@dataclass(frozen=True)
class ExchangeInputs:
    """Everything ``assess_exchange`` needs about one offer -> need pair, as plain data.

    Only ``category`` and ``quantity`` are required; every other input has a default taken
    from the factor tables or stated in ``docs/impact-method.md``. ``None`` means "use the
    default"; ``0`` means zero.
    """

    category: str
    quantity: float
    quantity_unit: str = "t/yr"
    material_class: str | None = None
    need_quantity: float | None = None
    need_quantity_unit: str | None = None
    # transport
    distance_km: float = 0.0
    transport_mode: str = "truck"
    virgin_distance_km: float = 0.0
    virgin_transport_mode: str = "truck"
    # material substitution and disposal
    substitution_ratio: float | None = None
    disposal_route: str | None = None
    processing_mwh_per_t: float = 0.0
    # heat
    offer_temperature_c: float | None = None
    need_temperature_c: float | None = None
    return_temperature_c: float | None = None
    operating_hours: float = 8760.0
    heat_replaced_fuel: str = "electricity"
    current_heat_cost_nok_per_mwh: float | None = None
    #: The heat replaces the heating of a district-heating network's users (a new or
    #: extended network): the network's own distribution loss is taken off first.
    through_network: bool = False
    # prices and costs (None = typical value from the tables)
    resource_price_nok_per_unit: float | None = None
    disposal_cost_nok_per_t: float | None = None
    transport_cost_nok_per_tkm: float | None = None
    electricity_price_nok_per_kwh: float | None = None
    capex_nok: float | None = None
    opex_nok_per_yr: float | None = None
    # finance
    discount_rate: float | None = None
    years: int = 15
    depreciation: str = "db20"
    tax_rate: float | None = None
    # context
    electricity_basis: str = "NO"
    region: str | None = None
    #: ISO code of the country the offered stream is in today (its incinerator, its heat
    #: network); ``None`` = Norway, the tables' home.
    country: str | None = None
    on: date | None = None
    crm_content: Mapping[str, float] = field(default_factory=dict)
    crm_recovery_rate: float = 1.0
    # counterfactuals (None = the default of the material class or category)
    offer_route: str | None = None
    receiver_supply: str | None = None
    current_price_nok_per_unit: float | None = None
    #: The unit the stated prices and costs above are per, as the owner stated them (a
    #: stream's own unit: ``kg``, ``l``, ``kWh``, ``GJ``, ``Nm3`` ...); ``None`` = the unit
    #: the value model counts in (t, MWh, m3, h). Converted once by ``assess_exchange``.
    price_unit: str | None = None
    use: str | None = None
    #: The quantity is unknown to the viewer: compute per unit, with no investment.
    per_unit: bool = False
    #: With ``per_unit``: an upper bound on the yearly amount exchanged that the viewer may
    #: see (the visible side's quantity), so a pipe too long for any such flow is said.
    quantity_bound: float | None = None
    quantity_bound_unit: str | None = None
    #: The offer or the need is a one-off lot (a stock, a deposit, a single batch), not a
    #: yearly flow: the exchange happens once, its value and CO2 are counted once, and the
    #: business case is that single cash flow (ignored with ``per_unit``).
    one_off: bool = False
    #: The receiver burns the offered material for heat (a boiler, a district-heating
    #: plant): a class that burns is valued by the fuel it replaces
    #: (``calc/energy_recovery.py``), one that does not replaces nothing the receiver buys.
    energy_recovery: bool = False
    #: With ``energy_recovery``: the receiver asks for a gas to burn in its own gas burners
    #: (a furnace or boiler on a fuel gas today), so the offered gas replaces that gas fuel,
    #: energy for energy in the same burners (``calc/gas_energy.py``).
    gas_need: bool = False
    #: The distance (km) past which the matching judges the pair too far apart to haul (ten
    #: of its material's usual reaches; a gas pipeline's limit; ``impact/reach.py``): past
    #: it the pair is not worth it as it stands, whatever its haul costs.
    haul_limit_km: float | None = None
    #: The water share (0-1, wet basis) its owner states for the offered fuel; ``None`` =
    #: the class's typical moisture (``moisture.*`` rows).
    moisture: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["on"] = self.on.isoformat() if self.on else None
        data["crm_content"] = dict(self.crm_content)
        return data


@dataclass(frozen=True)
class ImpactResult:
    """What an exchange is worth, with ranges, a breakdown and the factors used."""

    category: str
    modelled: bool
    co2e_t_per_yr: Estimate
    annual_net_benefit_nok: Estimate
    npv_nok: Estimate
    irr: Estimate
    payback_years: Estimate
    resources: Mapping[str, Any]
    lines: tuple[Line, ...]
    notes: tuple[Note, ...]
    factors_used: tuple[FactorRef, ...]
    business_case: BusinessCase | None = None
    heat: HeatResult | None = None
    inputs: ExchangeInputs | None = None
    #: Canonical unit of the exchanged amount (``t/yr``, ``MWh/yr``, ``m3/yr``, ``h/yr``).
    unit: str = ""
    per_unit: bool = False
    #: False when the central case loses money or CO2; ``verdict`` then says why.
    worth_it: bool = True
    verdict: Note | None = None
    #: What the stream does today and what the receiver uses today, as valued.
    counterfactual: Mapping[str, Any] = field(default_factory=dict)
    #: A one-off lot: ``co2e_t_per_yr`` and ``annual_net_benefit_nok`` hold the lot's figures
    #: once (their units say ``t CO2e`` and ``NOK``), never per year, and are never added
    #: to yearly totals.
    one_off: bool = False
    #: Valued as a fuel the receiver burns for heat, by the fuel it replaces
    #: (``calc/energy_recovery.py``), not by a product it replaces.
    energy_recovery: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data (dicts, lists, numbers, strings, None).

        Examples
        --------
        >>> from symbiose.impact.calc.exchange import assess_exchange
        >>> inputs = ExchangeInputs("material", 100, material_class="gypsum")
        >>> data = assess_exchange(inputs).to_dict()
        >>> sorted(data)[:3]
        ['annual_net_benefit_nok', 'business_case', 'category']
        """
        return {
            "category": self.category,
            "modelled": self.modelled,
            "co2e_t_per_yr": self.co2e_t_per_yr.to_dict(),
            "annual_net_benefit_nok": self.annual_net_benefit_nok.to_dict(),
            "npv_nok": self.npv_nok.to_dict(),
            "irr": self.irr.to_dict(),
            "payback_years": self.payback_years.to_dict(),
            "resources": dict(self.resources),
            "lines": [line.to_dict() for line in self.lines],
            "notes": [note.to_dict() for note in self.notes],
            "factors_used": [ref.to_dict() for ref in self.factors_used],
            "business_case": self.business_case.to_dict() if self.business_case else None,
            "heat": self.heat.to_dict() if self.heat else None,
            "inputs": self.inputs.to_dict() if self.inputs else None,
            "unit": self.unit,
            "per_unit": self.per_unit,
            "worth_it": self.worth_it,
            "verdict": self.verdict.to_dict() if self.verdict else None,
            "counterfactual": dict(self.counterfactual),
            "one_off": self.one_off,
        }
