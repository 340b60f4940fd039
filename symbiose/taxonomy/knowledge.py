"""The matching knowledge base: what each material class is worth, and what sectors use.

Pure module (no Django). Three shipped tables in ``data/`` (sources in ``data/README.md``):

* ``class_knowledge.csv`` — per material class: recovery routes (R1–R13), how far it usually
  travels (``reach_km``, from its value per tonne and transport cost), its lower heating value
  and whether it is burnt as a fuel. A class without a row inherits its parent's.
* ``sector_profiles.csv`` — per NACE Rev. 2.1 division, group or class: the material classes
  it typically takes as inputs (materials and utilities) and gives off as side streams.
  The most specific row wins ("10.91" before "10.9" before "10").
* ``sector_words.csv`` — words and phrases in nb and en that name a kind of organisation
  ("sagbruk", "feed mill") and the NACE code they stand for.

Examples
--------
>>> class_knowledge("wood_clean").fuel
True
>>> class_knowledge("slag_simn").reach_km   # inherited from slag_ferroalloy
500.0
>>> "bakery_waste" in sector_profile("10.91").inputs
True
>>> sector_profile("32.40").code            # no row for the class: its division
'32'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from symbiose.taxonomy.legal import class_uses
from symbiose.taxonomy.lists import DATA_DIR, load_nace, nace_by_code
from symbiose.taxonomy.materials import ancestors, load_uses, materials_by_id

DEFAULT_REACH_KM = 300.0


@dataclass(frozen=True)
class ClassKnowledge:
    """Facts about one material class (inherited from the nearest ancestor with a row)."""

    class_id: str
    routes: tuple[str, ...]
    reach_km: float
    lhv_mj_kg: float | None
    fuel: bool
    source: str


@dataclass(frozen=True)
class SectorProfile:
    """Typical inputs and side streams of one NACE code (class ids, most typical first)."""

    code: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    source: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split(";") if x.strip())


@lru_cache(maxsize=1)
def _class_rows() -> dict[str, ClassKnowledge]:
    out = {}
    for r in _rows("class_knowledge.csv"):
        out[r["class"]] = ClassKnowledge(
            class_id=r["class"],
            routes=_split(r["routes"]),
            reach_km=float(r["reach_km"]) if r["reach_km"] else DEFAULT_REACH_KM,
            lhv_mj_kg=float(r["lhv_mj_kg"]) if r["lhv_mj_kg"] else None,
            fuel=r["fuel"] == "yes",
            source=r["source"],
        )
    return out


@lru_cache(maxsize=4096)
def class_knowledge(class_id: str) -> ClassKnowledge:
    """Return the knowledge row of ``class_id`` or of its nearest ancestor (else defaults)."""
    rows = _class_rows()
    for a in ancestors(class_id):
        if a in rows:
            return rows[a]
    return ClassKnowledge(class_id, (), DEFAULT_REACH_KM, None, False, "default")


@lru_cache(maxsize=1)
def sector_profiles() -> dict[str, SectorProfile]:
    """All sector profiles keyed by NACE code ("01", "10.9", "10.91")."""
    return {
        r["nace"]: SectorProfile(r["nace"], _split(r["inputs"]), _split(r["outputs"]), r["source"])
        for r in _rows("sector_profiles.csv")
    }


@lru_cache(maxsize=4096)
def sector_profile(nace: str | None) -> SectorProfile | None:
    """The most specific profile for a NACE code: the class, its group, then its division."""
    if not nace:
        return None
    code = nace.strip()
    profiles = sector_profiles()
    for cand in (code, code[:5], code[:4], code[:2]):
        if cand in profiles:
            return profiles[cand]
    return None


@lru_cache(maxsize=1)
def sector_words() -> tuple[tuple[str, str, str], ...]:
    """``(term, lang, nace)`` rows of the sector word list."""
    return tuple((r["term"], r["lang"], r["nace"]) for r in _rows("sector_words.csv"))


@lru_cache(maxsize=1)
def _nace_labels() -> dict[str, tuple[str, str]]:
    return {n.code: (n.label("en"), n.label("nb")) for n in load_nace()}


def sector_label(nace: str) -> tuple[str, str]:
    """English and Norwegian label of a NACE code (the nearest level that has one).

    Examples
    --------
    >>> sector_label("16.11")[0]
    'Sawmilling and planing of wood'
    """
    labels = _nace_labels()
    for cand in (nace, nace[:4], nace[:2]):
        if cand in labels:
            return labels[cand]
    return nace, nace


@lru_cache(maxsize=4096)
def sector_text(nace: str) -> tuple[str, str]:
    """A NACE code with its label, in English and in Norwegian, for reasons that name a sector.

    Norwegian labels exist for sections and divisions only (``nace_nb.csv``), so a group or
    class without one is named by the nearest level above it that has one, never by its
    English label on a Norwegian page (the way ``web/nacetext.py`` names it on pages).

    Examples
    --------
    >>> sector_text("16.21")
    ('16.21 Manufacture of veneer sheets and wood-based panels', '16.21, del av «Produksjon \
av trelast og varer av tre, kork, strå og flettematerialer, unntatt møbler»')
    >>> sector_text("16")[1]
    '16 Produksjon av trelast og varer av tre, kork, strå og flettematerialer, unntatt møbler'
    """
    codes = nace_by_code()
    entry = next((codes[c] for c in (nace, nace[:4], nace[:2]) if c in codes), None)
    if entry is None:
        return nace, nace
    en = f"{nace} {entry.label('en')}"
    if entry.label_nb:
        return en, f"{nace} {entry.label_nb}"
    parent = codes.get(entry.parent or "")
    while parent is not None and not parent.label_nb:
        parent = codes.get(parent.parent or "")
    return en, (f"{nace}, del av «{parent.label_nb}»" if parent else nace)


@lru_cache(maxsize=4096)
def receiving_sectors(class_id: str) -> tuple[str, ...]:
    """NACE codes of the sectors that take a class: those whose profile lists it (or an
    ancestor) as an input, then those that run a use of it (``materials.json``), sorted.

    With :attr:`ClassKnowledge.routes` this is the class's answer to "where can it go?".

    Examples
    --------
    >>> "23.51" in receiving_sectors("slag_blast_furnace")
    True
    >>> "38.32" in receiving_sectors("metal_copper")   # a landfill is no metal recycler
    False
    """
    chain = ancestors(class_id)
    uses = load_uses()
    codes = {c for c, p in sector_profiles().items() if any(a in p.inputs for a in chain)}
    for u in class_uses(class_id):  # what the law lets it serve (:mod:`.legal`)
        codes.update(n for n in uses[u].nace if n)
    return tuple(sorted(codes))


CORE_INPUTS = 4  # the first inputs of a profile are its main ones


@lru_cache(maxsize=4096)
def sector_inputs(codes: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """Input classes of several NACE codes with a weight: 1 for a profile's main inputs (the
    first four materials, and the first four of each utility category), 0.75 for the others;
    the first code's inputs come first.

    Examples
    --------
    >>> pig_farm = dict(sector_inputs(("01.46",)))
    >>> pig_farm["bakery_waste"], pig_farm["wood_clean"]
    (1.0, 0.75)
    """
    out: dict[str, float] = {}
    by_id = materials_by_id()
    for c in codes:
        p = sector_profile(c)
        if p is None:
            continue
        # Ranked within their category: a feed mill's first materials are its main ones,
        # whatever heat and steam it also takes.
        rank: dict[str, int] = {}
        for cls in p.inputs:
            cat = by_id[cls].category if cls in by_id else "material"
            k = rank[cat] = rank.get(cat, -1) + 1
            w = 1.0 if k < CORE_INPUTS else 0.75
            out[cls] = max(out.get(cls, 0.0), w)
    return tuple(out.items())


@lru_cache(maxsize=1)
def flow_prior() -> dict[tuple[str, str], int]:
    """``(offer class, receiving NACE division) -> documented exchanges`` of the flow prior.

    ``data/flow_prior.csv`` is learned from the first and second evaluation sets only (see
    :mod:`symbiose.matching.engine.prior`); rows whose class is unknown are skipped.
    """
    known = materials_by_id()
    return {
        (r["class"], r["division"]): int(r["exchanges"])
        for r in _rows("flow_prior.csv")
        if r["class"] in known
    }


@lru_cache(maxsize=4096)
def prior_inputs(codes: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """Classes that documented exchanges send to the divisions of ``codes``, with a weight.

    A class seen in ``k`` exchanges weighs ``1 − 0.5^k`` (one case 0.5, two 0.75, three
    0.875); its parent class, unless it is a top class, half of that, so a sibling material
    gets some of the evidence.

    Examples
    --------
    >>> dict(prior_inputs(("35.30",)))["heat"] > 0.9
    True
    >>> prior_inputs(("99",))
    ()
    """
    divisions = {c[:2] for c in codes if c and len(c) >= 2}
    out: dict[str, float] = {}
    for (cls, division), k in flow_prior().items():
        if division not in divisions:
            continue
        w = 1.0 - 0.5**k
        out[cls] = max(out.get(cls, 0.0), w)
        chain = ancestors(cls)
        if len(chain) > 2:  # a parent that is not a top class
            out[chain[1]] = max(out.get(chain[1], 0.0), w / 2)
    return tuple(sorted(out.items(), key=lambda t: (-t[1], t[0])))


@lru_cache(maxsize=65_536)
def prior_evidence(class_id: str, codes: tuple[str, ...]) -> tuple[str, str, int] | None:
    """Why the flow prior links ``class_id`` to the sectors ``codes``, for a reason.

    Returns ``(class, code, exchanges)``: the class (``class_id``, an ancestor, or its parent
    when only sibling classes were seen), the code whose division received it and the number
    of documented exchanges; None when the prior has nothing.

    Examples
    --------
    >>> prior_evidence("heat", ("35.30",))[1:]
    ('35.30', 19)
    """
    prior = flow_prior()
    if class_id not in materials_by_id():
        return None
    chain = ancestors(class_id)
    for code in codes:
        if not code or len(code) < 2:
            continue
        division = code[:2]
        for a in chain:
            if (a, division) in prior:
                return a, code, prior[(a, division)]
        if len(chain) > 2:  # siblings under the same (non-top) parent
            parent = chain[1]
            k = sum(n for (c, d), n in prior.items()
                    if d == division and ancestors(c)[1:2] == (parent,))  # fmt: skip
            if k:
                return parent, code, k
    return None


@dataclass(frozen=True)
class SeasonProfile:
    """A typical monthly load shape (shares of the year, January first, summing to 1)."""

    name: str
    side: str
    nace: tuple[str, ...]
    words: tuple[str, ...]
    months: tuple[float, ...]
    source: str


FLAT = SeasonProfile("flat", "", (), (), (1 / 12,) * 12, "continuous operation")


@lru_cache(maxsize=1)
def season_profiles() -> tuple[SeasonProfile, ...]:
    """The shipped seasonal load shapes (``data/season_profiles.csv``), normalised."""
    out = []
    for r in _rows("season_profiles.csv"):
        months = [float(r[f"m{m:02d}"] or 0) for m in range(1, 13)]
        total = sum(months)
        out.append(SeasonProfile(r["profile"], r["side"], _split(r["nace"]), _split(r["words"]),
                                 tuple(m / total for m in months), r["source"]))  # fmt: skip
    return tuple(out)


def season_profile(direction: str, words: str, nace: str | None) -> SeasonProfile:
    """The load shape of a heat or cold listing: named by its words (normalised text), else
    by its organisation's sector, else flat (continuous operation).

    Examples
    --------
    >>> season_profile("need", "varme til fjernvarmenettet", None).name
    'space_heating'
    >>> season_profile("offer", "overskuddsvarme fra kjolemaskinene", "93.11").name
    'ice_rink_heat'
    >>> season_profile("offer", "restvarme fra smelteverket", "24.10").name
    'flat'
    """
    padded = f" {words} "
    for p in season_profiles():  # words of six letters and more also match with an ending
        if p.side == direction and any(f" {w}" + ("" if len(w) >= 6 else " ") in padded
                                       for w in p.words):  # fmt: skip
            return p
    for p in season_profiles():
        if p.side == direction and nace and any(nace.startswith(c) for c in p.nace):
            return p
    return FLAT


def season_overlap(supply: SeasonProfile, demand: SeasonProfile) -> float:
    """The share of the demand's yearly shape that falls where the supply's shape is:
    ``Σ min(supply_m, demand_m)`` (1 when both are flat).

    Examples
    --------
    >>> season_overlap(FLAT, FLAT)
    1.0
    >>> rink = [p for p in season_profiles() if p.name == "ice_rink_heat"][0]
    >>> heating = [p for p in season_profiles() if p.name == "space_heating"][0]
    >>> season_overlap(rink, heating) > season_overlap(FLAT, heating)
    True
    """
    return round(sum(min(a, b) for a, b in zip(supply.months, demand.months, strict=True)), 6)


def read_forms(
    forms: dict[str, tuple[float, str]],
    found: dict[str, tuple[float, str]],
    codes: tuple[str | None, ...],
    direction: str,
) -> None:
    """Give a bare form word ("Pellets", "Flis", "Granulat") the first of its candidate
    classes that its context agrees with: the class of the waste code, else what the sector
    (named in the text, else the organisation's) gives off (an offer) or takes (a need).
    Without such a context the word names no class: pellets may be wood or plastic.

    Examples
    --------
    >>> found = {}
    >>> read_forms({"wood_clean;polymer": (1.0, "title")}, found, ("22.21",), "offer")
    >>> found
    {'polymer': (0.9, 'title')}
    """
    context = {a for c in found for a in ancestors(c)}
    if not context:
        for code in codes:
            profile = sector_profile(code)
            if profile is not None:
                side = profile.outputs if direction == "offer" else profile.inputs
                context = {a for c in side for a in ancestors(c)}
                break
    for ident, (weight, source) in forms.items():
        for cand in ident.split(";"):
            if cand in context:
                if not any(ancestors(c)[-1] == ancestors(cand)[-1] for c in found):
                    found[cand] = (0.9 * weight, source)
                break
