"""Plain data types of the matching engine: what goes in and what comes out.

Examples
--------
>>> s = StreamInput(ref="o1", org_ref="a", direction="offer", category="material",
...                 title="FGD gypsum", ewc_code="100105")
>>> s.direction, s.ewc_code
('offer', '100105')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from symbiose.taxonomy.categories import CATEGORY_KEYS

CATEGORIES = CATEGORY_KEYS  # the one specification: symbiose/taxonomy/categories.py
DIRECTIONS = ("offer", "need")
REVEALABLE = frozenset({"quantity", "description", "location", "ewc_code", "price", "composition"})


@dataclass(frozen=True)
class StreamInput:
    """One offer or need as the engine sees it (canonical annual quantity and unit).

    ``nace`` (the owner's NACE code, e.g. ``"23.62"``) is optional: it lets the engine relate a
    need to materials its sector is known to use when the text says little.
    Temperature is treated as a ``composition`` field when reasons declare what they reveal.
    ``hides_site`` is true when the owner hides the location (or the identity, which hides
    the site too) from someone; ``shown_lat``/``shown_lon`` are then the centre of the area
    an outsider is shown (None: no area). The pairs kept and their rank are decided at that
    point (:attr:`site`), so they do not depend on the exact hidden site; scores and
    distances are still computed at the exact one (docs/security.md).
    """

    ref: str
    org_ref: str
    direction: str
    category: str
    title: str
    description: str = ""
    ewc_code: str | None = None
    quantity: float | None = None
    unit: str | None = None
    temperature_c: float | None = None
    hazardous: bool = False
    accepts_hazardous: bool = False
    legal_status: str | None = None
    lat: float | None = None
    lon: float | None = None
    available_from: date | None = None
    available_to: date | None = None
    crm: tuple[str, ...] = ()
    price_nok_per_unit: float | None = None
    nace: str | None = None
    hides_site: bool = False
    shown_lat: float | None = None
    shown_lon: float | None = None

    @property
    def site(self) -> tuple[float, float] | None:
        """Where rankings and blocking place the stream: the shown area's centre when it
        hides its site (None without an area), else its location."""
        lat, lon = (self.shown_lat, self.shown_lon) if self.hides_site else (self.lat, self.lon)
        return None if lat is None or lon is None else (lat, lon)


@dataclass(frozen=True)
class Reason:
    """A human-readable reason: an English template (marked with ``N_``) and its parameters.

    ``reveals`` names the stream fields whose values the rendered text exposes, prefixed by side
    (``"offer.quantity"``, ``"need.location"``); an adapter drops reasons a viewer may not see.
    ``kind`` is ``"positive"``, ``"negative"``, ``"blocking"`` or ``"info"``.
    """

    template: str
    params: dict[str, object] = field(default_factory=dict)
    reveals: frozenset[str] = frozenset()
    kind: str = "info"

    def __hash__(self) -> int:  # params is a dict; hash on the stable parts
        return hash((self.template, tuple(sorted(map(str, self.params.items())))))


@dataclass(frozen=True)
class Match:
    """A scored offer-need pair. ``score`` is in [0, 1]; infeasible pairs rank below feasible."""

    offer_ref: str
    need_ref: str
    score: float
    feasible: bool
    distance_km: float | None
    components: dict[str, float]
    reasons: tuple[Reason, ...]
    intra_company: bool
    #: The rank key (score at the shown sites, plus 1 when feasible there); None: the
    #: score plus 1 when feasible (:func:`symbiose.matching.rows.rank_key`).
    rank: float | None = None

    def __hash__(self) -> int:
        return hash((self.offer_ref, self.need_ref))


@dataclass(frozen=True)
class EngineConfig:
    """Tunable weights and limits. Defaults are documented in ``docs/matching.md``.

    Attributes
    ----------
    w_class, w_text, w_ewc : float
        Weights of material-class, text and EWC similarity inside the "what" score.
    heat_ref_mwh, heat_min_km, heat_max_km : float
        Heat pipe limit (``physics.heat_limit_km``): the value model's break-even distance
        for ``Q`` MWh a year (``heat_ref_mwh`` when unknown), clamped to
        ``[heat_min_km, heat_max_km]``.
    heat_value_nok_mwh, heat_hours, heat_pipe_classes_mw, heat_pipe_cost_nok_m, heat_pipe_annuity
        The break-even's terms, from impact's factors: the yearly value of a delivered MWh of
        surplus heat, the hours a year it flows (peak power = Q / hours), the pipe size classes
        by peak power and their cost per metre (``heat.pipe_cost.*``), and the capital recovery
        factor over the pipe's life at the discount rate plus yearly upkeep
        (``pipe.lifetime``, ``econ.discount_rate``, ``heat.opex_share``).
    cold_factor : float
        Cold travels this fraction of the heat limit.
    water_km, gas_km : float
        Regional pipeline limits for water and gases.
    material_half_km, service_half_km : float
        Distance scale ``h`` of the material/service factor ``0.2 + 0.8 / (1 + d/h)`` when
        neither stream has a class with a known reach.
    transport_nok_per_tkm, handling_nok_per_t : float
        Road transport cost per tonne-kilometre and loading and unloading per tonne, shown in
        reasons (impact's ``transport.cost.truck`` and ``transport.handling.truck``).
    max_lift_k, max_heat_pump_c, heat_pump_eta : float
        Heat-pump limits: largest temperature lift, highest output, Carnot efficiency.
    infeasible_factor : float
        Multiplier applied to the score of an infeasible pair.
    min_what : float
        Pairs whose "what" score is below this are never proposed.
    workers : int
        Processes for feature extraction and ``match_all`` on large registries (forked;
        1 = serial). Results are identical for any value.
    """

    w_class: float = 0.45
    w_text: float = 0.35
    w_ewc: float = 0.20
    heat_ref_mwh: float = 10_000.0
    heat_min_km: float = 1.0
    heat_max_km: float = 100.0  # also the blocking grid's cell: keep <= 100 km
    heat_value_nok_mwh: float = 740.0
    heat_hours: float = 8760.0
    heat_pipe_classes_mw: tuple[float, ...] = (1.0, 5.0, 20.0)
    heat_pipe_cost_nok_m: tuple[float, ...] = (4000.0, 6000.0, 13000.0, 14000.0)
    heat_pipe_annuity: float = 0.1026  # CRF(6 %, 30 years) 0.0726 + upkeep 0.03
    cold_factor: float = 0.5
    water_km: float = 30.0
    gas_km: float = 100.0
    material_half_km: float = 500.0
    service_half_km: float = 150.0
    transport_nok_per_tkm: float = 2.0
    handling_nok_per_t: float = 30.0
    max_lift_k: float = 60.0
    max_heat_pump_c: float = 160.0
    heat_pump_eta: float = 0.5
    infeasible_factor: float = 0.25
    min_what: float = 0.1
    text_char_ngrams: tuple[int, ...] = (3, 4)
    class_token_weight: float = 2.0
    workers: int = 2


@dataclass(frozen=True)
class Allocation:
    """Result of :func:`allocate`: the flow kept on each match and the objective value."""

    flows: dict[tuple[str, str], float]
    kept: tuple[tuple[str, str], ...]
    total_value: float
    status: str
