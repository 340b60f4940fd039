"""Human-readable reasons for one scored pair, each declaring which stream fields it reveals.

A reason is an English template marked with ``N_`` plus parameters; :func:`render` translates the
template and fills it. Values of stream fields enter text only when ``reveals`` names them (for
example ``"offer.location"`` for a distance), so an adapter can drop a reason a viewer may not
see. Label parameters come in both languages (``material`` and ``material_nb``): a Norwegian
translation uses ``{material_nb}``; :meth:`str.format` ignores the unused one.

Examples
--------
>>> r = Reason(N_("{distance_km} km apart"), {"distance_km": 12}, frozenset({"offer.location"}))
>>> render(r)
'12 km apart'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from symbiose.taxonomy.categories import CATEGORIES
from symbiose.taxonomy.ewc import spaced
from symbiose.taxonomy.knowledge import class_knowledge
from symbiose.taxonomy.materials import ancestors, in_running_text, load_uses, materials_by_id
from symbiose.textmarks import N_

from .features import StreamFeatures
from .knowledge_reasons import (
    R_SAME_SEASON,
    SEASON_APART,
    bridge_reason,
    class_source,
    legal_reason,
    prior_reason,
    producer_reason,
    reach_reason,
    season_reason,
    sector_reason,
)
from .language import abroad
from .physics import NEARNESS_KM
from .scoring import (
    BLOCK_CATEGORY,
    BLOCK_DISTANCE,
    BLOCK_HAZARDOUS,
    BLOCK_LEGAL,
    BLOCK_NO_LINK,
    BLOCK_TEMPERATURE,
    BLOCK_TIME,
)
from .season import shape_overlap
from .types import Reason, StreamInput

LOC = frozenset({"offer.location", "need.location"})
QTY = frozenset({"offer.quantity", "need.quantity"})
TEMP = frozenset({"offer.composition", "need.composition"})


def render(reason: Reason, translate: Callable[[str], str] = lambda s: s) -> str:
    """Translate the template and fill in its parameters.

    Examples
    --------
    >>> render(Reason("Both are {material}", {"material": "Slag", "material_nb": "Slagg"}),
    ...        lambda s: "Begge er {material_nb}")
    'Begge er Slagg'
    """
    return translate(reason.template).format(**reason.params)


def _ewc_display(code: str) -> str:
    return spaced(code.replace(" ", "")[:6])


def _best_shared_class(classes_o, classes_n):
    by_id = materials_by_id()
    best = None
    for co, _wo, _so in classes_o:
        for cn, _wn, _sn in classes_n:
            shared = [a for a in ancestors(co) if a in ancestors(cn)]
            if shared:
                depth = len(ancestors(shared[0]))
                cand = (depth, shared[0], co, cn)
                if best is None or cand > best:
                    best = cand
    if best is None:
        return None
    _d, shared, co, cn = best
    return by_id[shared], co, cn


# Reasons depend on few distinct inputs (classes, uses, codes), so most are built once and
# shared between matches; a Reason is immutable.
@lru_cache(maxsize=65_536)
def _class_reason(classes_o, classes_n) -> Reason | None:
    """The "Both are {material}" reason for two class tuples, or None if they share none."""
    shared = _best_shared_class(classes_o, classes_n)
    if shared is None:
        return None
    m, co, cn = shared
    rev = class_source(classes_o, co, "offer") | class_source(classes_n, cn, "need")
    return Reason(N_("Both are {material}"),
                  {"material": in_running_text(m.label_en),
                   "material_nb": in_running_text(m.label_nb)},
                  rev, "positive")  # fmt: skip


@lru_cache(maxsize=65_536)
def _use_reason(offer_uses, need_uses, need_title_uses) -> Reason | None:
    """The "offered material is used for {use}" reason (first shared use), or None."""
    use_ids = sorted(offer_uses & need_uses)
    if not use_ids:
        return None
    u = load_uses()[use_ids[0]]
    rev = frozenset({"need.description"}) if u.id not in need_title_uses else frozenset()
    return Reason(N_("The offered material is used for {use}"),
                  {"use": u.terms_en[0], "use_nb": u.terms_nb[0]}, rev, "positive")  # fmt: skip


@lru_cache(maxsize=65_536)
def _ewc_reason(oe: str, ne: str) -> Reason | None:
    ewc_rev = frozenset({"offer.ewc_code", "need.ewc_code"})
    if oe and ne and oe == ne:
        return Reason(N_("Same waste code {ewc}"), {"ewc": _ewc_display(oe)}, ewc_rev,
                      "positive")  # fmt: skip
    if oe and ne and oe[:4] == ne[:4]:
        return Reason(N_("Waste codes in the same sub-chapter {chapter}"),
                      {"chapter": spaced(oe[:4])}, ewc_rev, "positive")  # fmt: skip
    return None


def _fixed(template: str, kind: str) -> Reason:
    return Reason(template, {}, frozenset(), kind)


R_CATEGORY = _fixed(N_("Different kinds of stream"), "blocking")
#: Per category: a pair too far apart (the texts are in ``taxonomy.categories``).
R_TOO_FAR = {c.key: _fixed(c.too_far, "blocking") for c in CATEGORIES}
R_NO_LINK = _fixed(N_("No shared material, use or sector: only the wording is similar"),
                   "blocking")  # fmt: skip
R_TEMPERATURE = _fixed(N_("The offer's temperature cannot reach the need's, even with a "
                          "heat pump"), "blocking")  # fmt: skip
R_HAZARDOUS = _fixed(N_("Hazardous waste, and the receiver has not stated a permit to "
                        "accept it"), "blocking")  # fmt: skip
R_TIME = _fixed(N_("Not available in the period it is needed"), "blocking")
R_LEGAL = _fixed(N_("The law does not allow this material for what the need uses it for"),
                 "blocking")  # fmt: skip
R_SECTOR = _fixed(N_("The need's sector is known to use this material"), "positive")
R_SIMILAR = {
    (a, b): Reason(N_("Similar descriptions"), {},
                   frozenset(f"{s}.description" for s, x in (("offer", a), ("need", b)) if x),
                   "positive")
    for a in (False, True) for b in (False, True)
}  # fmt: skip
R_NO_LOCATION = _fixed(N_("Distance unknown: one side has no location, so the pair ranks below "
                          "partners known to be near, as if far apart"), "info")  # fmt: skip
R_ABROAD = _fixed(N_("Distance unknown: one side has no location, and the titles are written in "
                     "different languages, so the pair is scored as if in two countries"),
                  "info")  # fmt: skip
#: Nearness in the road factor (``physics.soft_distance_factor``), explained on every located
#: pair without a pipe limit: positive within the median brokered distance, else info.
R_NEARNESS = {
    kind: Reason(N_("Nearer partners rank higher: half of the exchanges brokered by the UK's "
                    "industrial symbiosis programme lay within {nearness_km} km"),
                 {"nearness_km": round(NEARNESS_KM)}, LOC, kind)
    for kind in ("positive", "info")
}  # fmt: skip
R_QUANTITY = _fixed(N_("Quantities differ a lot (partial supply)"), "negative")
R_HEAT_PUMP = _fixed(N_("A heat pump or chiller is needed to close the temperature gap"),
                     "negative")  # fmt: skip
R_PARTLY = _fixed(N_("Only partly available in the period it is needed"), "negative")
R_HAZ_OK = _fixed(N_("Hazardous waste; the receiver accepts hazardous material"), "info")
R_SAME_ORG = _fixed(N_("Both streams belong to the same organisation"), "info")


# Pairs at the same two sites share their distance reasons (Reasons are immutable).
@lru_cache(maxsize=65_536)
def _km_reason(distance_km: float, kind: str) -> Reason:
    return Reason(N_("{distance_km} km apart"), {"distance_km": distance_km}, LOC, kind)


@lru_cache(maxsize=65_536)
def _cost_reason(cost: int) -> Reason:
    return Reason(N_("Road transport costs about {cost} NOK per tonne"), {"cost": cost}, LOC,
                  "info")  # fmt: skip


@lru_cache(maxsize=1024)
def pct_reason(pct: int) -> Reason:
    """The share of the need the offer covers (when quantities differ a lot)."""
    # xgettext:no-python-format
    return Reason(N_("The offer covers about {pct} % of the need"), {"pct": pct}, QTY, "info")


@lru_cache(maxsize=1024)
def status_reason(status: str) -> Reason:
    """The offer's legal status (waste, by-product, end of waste …)."""
    return Reason(N_("Legal status of the offer: {status}"), {"status": status}, frozenset(),
                  "info")  # fmt: skip


@lru_cache(maxsize=4096)
def crm_reason(crm: tuple[str, ...]) -> Reason:
    """The critical raw materials the offer contains."""
    return Reason(N_("Contains critical raw materials: {crm}"), {"crm": ", ".join(crm)},
                  frozenset({"offer.composition"}), "info")  # fmt: skip


def _lifted(o: StreamInput, n: StreamInput, comp: dict[str, float]) -> bool:
    """A heat pump or chiller must close a gap: the temperature factor is below 1 and, where
    both temperatures are known, the offer is not hot (or cold) enough with the exchanger's
    approach (5 K for heat, 2 K for cold, as ``physics``). A source hotter than needed only
    fits less well (``physics.heat_grade_factor``); it needs no heat pump."""
    if comp.get("temperature", 1) >= 1:
        return False
    to, tn = o.temperature_c, n.temperature_c
    if to is None or tn is None:
        return True
    if "cold" in (o.category, n.category):
        return to + 2.0 > tn
    return tn + 5.0 > to


def _temps(o: StreamInput, n: StreamInput) -> Reason:
    return Reason(N_("Offer at {t_offer} °C, need at {t_need} °C"),
                  {"t_offer": o.temperature_c, "t_need": n.temperature_c}, TEMP,
                  "info")  # fmt: skip


def _wanted_from(n: StreamInput, fn: StreamFeatures) -> frozenset[str]:
    """Where a need's wanted uses were read: its words (the description unless the title
    named them all) or its organisation's sector."""
    if fn.uses_text:
        return frozenset() if fn.uses_text <= fn.uses_title else frozenset({"need.description"})
    if fn.sector_text:
        return frozenset({"need.description"}) if n.description else frozenset()
    return frozenset({"need.identity"})


def blocking_reasons(o: StreamInput, n: StreamInput, fo: StreamFeatures, fn: StreamFeatures,
                     blocked: int, distance_km: float | None,
                     limit_km: float | None) -> list[Reason]:  # fmt: skip
    """The blocking reasons of a pair (``blocked`` not 0), each followed by its details."""
    out: list[Reason] = []
    if blocked & BLOCK_CATEGORY:
        out.append(R_CATEGORY)
    if blocked & BLOCK_DISTANCE:
        kind = o.category if o.category in R_TOO_FAR else n.category
        if limit_km is None:
            kind = "material"
        out.append(R_TOO_FAR.get(kind, R_TOO_FAR["material"]))
        if distance_km is not None and limit_km is not None:
            out.append(Reason(
                N_("{distance_km} km apart; the limit for this flow is {limit_km} km"),
                {"distance_km": round(distance_km), "limit_km": round(limit_km, 1)},
                LOC | QTY | TEMP, "info"))  # fmt: skip
    if blocked & BLOCK_TEMPERATURE:
        out.append(R_TEMPERATURE)
        out.append(_temps(o, n))
    if blocked & BLOCK_HAZARDOUS:
        out.append(R_HAZARDOUS)
    if blocked & BLOCK_TIME:
        out.append(R_TIME)
    if blocked & BLOCK_NO_LINK:
        out.append(R_NO_LINK)
    if blocked & BLOCK_LEGAL:
        out.append(R_LEGAL)
        r = legal_reason(fo.classes, fo.marks, fn.uses_wanted, "forbidden", _wanted_from(n, fn))
        if r is not None:
            out.append(r)
    return out


def relation_reason(classes_o: tuple, uses_o: frozenset[str], fn: StreamFeatures,
                    need_desc: str, bridge: bool, relation: float) -> Reason | None:  # fmt: skip
    """How the offer's material relates to what the need is for: a fuel for its energy
    (``bridge``), a named use (``relation`` ≥ 0.8) or its sector's inputs (> 0; a main input
    is 0.8 too, :func:`~.sectors.sector_relation`)."""
    if bridge:
        return bridge_reason(classes_o)
    if relation >= 0.8 and (r := _use_reason(uses_o, fn.uses_text, fn.uses_title)):
        return r  # else a sector's main input (0.8 too): the sector's reason
    if relation > 0:
        r = sector_reason(classes_o, fn.sectors, fn.sector_text, need_desc)
        if r is None and relation >= 0.5:
            return R_SECTOR
        return r
    return None


@lru_cache(maxsize=4096)
def season_pair(supply: str, demand: str) -> Reason | None:
    """Whether the two load shapes peak apart or together (None: both flat or in between)."""
    if supply == "flat" and demand == "flat":
        return None
    overlap = shape_overlap(supply, demand)
    if overlap < SEASON_APART:
        return season_reason(round(100 * overlap))
    if supply != "flat" and demand != "flat":
        return R_SAME_SEASON
    return None


def build_reasons(
    o: StreamInput,
    n: StreamInput,
    fo: StreamFeatures,
    fn: StreamFeatures,
    comp: dict[str, float],
    blocked: int,
    distance_km: float | None,
    limit_km: float | None,
    transport_nok_per_tkm: float,
    handling_nok_per_t: float = 0.0,
) -> tuple[Reason, ...]:
    """Return the reasons for one pair, blocking ones first.

    The road cost per tonne is loading and unloading plus the haul
    (``handling_nok_per_t + distance × transport_nok_per_tkm``, impact's truck factors).
    """
    out = blocking_reasons(o, n, fo, fn, blocked, distance_km, limit_km) if blocked else []

    # What it is.
    if o.ewc_code and n.ewc_code:
        r = _ewc_reason(o.ewc_code.replace(" ", ""), n.ewc_code.replace(" ", ""))
        if r is not None:
            out.append(r)
    if comp.get("class", 0) > 0:
        r = _class_reason(fo.classes, fn.classes)
        if r is not None:
            out.append(r)
    r = relation_reason(fo.classes, fo.uses_class, fn, n.description or "",
                        comp.get("bridge", 0) > 0, comp.get("relation", 0))  # fmt: skip
    if r is not None:
        out.append(r)
    if comp.get("prior", 0) > 0:
        r = prior_reason(fo.classes, fn.sectors, fn.sector_text, n.description or "")
        if r is not None:
            out.append(r)
    if fo.classes and fo.classes[0][2] == "sector":
        r = producer_reason(fo.classes, fo.sectors)
        if r is not None:
            out.append(r)
    if comp.get("text", 0) >= 0.3:
        out.append(R_SIMILAR[bool(o.description), bool(n.description)])

    # Where.
    if distance_km is not None and not blocked & BLOCK_DISTANCE:
        kind = "positive" if comp.get("distance", 1) >= 0.7 else "negative"
        out.append(_km_reason(round(distance_km, 1), kind))
        if limit_km is None:
            out.append(R_NEARNESS["positive" if distance_km <= NEARNESS_KM else "info"])
        if limit_km is None and o.category == "material":
            side, first = "offer", fo.classes[0] if fo.classes else None
            if first is None and fn.classes:
                side, first = "need", fn.classes[0]
            # Within the material's reach it pays to haul it, whatever nearness costs the score.
            near = first is not None and distance_km <= class_knowledge(first[0]).reach_km
            r = None if first is None else reach_reason(first[0], first[2], side, near)
            if r is not None:
                out.append(r)
        if o.category == "material" and o.unit in ("t/yr", "t"):
            cost = handling_nok_per_t + distance_km * transport_nok_per_tkm
            out.append(_cost_reason(round(cost)))
    elif distance_km is None:
        out.append(R_ABROAD if abroad(fo.lang, fn.lang) else R_NO_LOCATION)

    # Physics.
    if comp.get("quantity", 1) < 0.8:
        out.append(R_QUANTITY)
        if o.quantity and n.quantity:
            out.append(pct_reason(round(100 * min(o.quantity / n.quantity, 1.0))))
    if _lifted(o, n, comp) and not blocked & BLOCK_TEMPERATURE:
        out.append(R_HEAT_PUMP)
        out.append(_temps(o, n))
    if comp.get("time", 1) < 1 and not blocked & BLOCK_TIME:
        out.append(R_PARTLY)
    if "season" in comp:
        r = season_pair(fo.season, fn.season)
        if r is not None:
            out.append(r)

    # Law and who.
    if fo.marks or fn.uses_wanted:
        r = legal_reason(fo.classes, fo.marks, fn.uses_wanted & fo.uses_class, "conditional",
                         _wanted_from(n, fn)) if not blocked else None  # fmt: skip
        if r is not None:
            out.append(r)
    if o.legal_status:
        out.append(status_reason(o.legal_status))
    if o.hazardous and not blocked & BLOCK_HAZARDOUS:
        out.append(R_HAZ_OK)
    if o.crm:
        out.append(crm_reason(tuple(o.crm)))
    if o.org_ref == n.org_ref:
        out.append(R_SAME_ORG)
    return tuple(out)
