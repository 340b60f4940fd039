"""Per-stream features and the column store the vectorised scorer reads.

:func:`stream_features` turns one :class:`StreamInput` into thesaurus classes (with where each
was found), uses, a text document and blocking keys; :class:`FeatureTable` keeps them as numpy
columns with room to grow, so adding one stream costs microseconds.

Examples
--------
>>> from symbiose.matching.engine.types import StreamInput
>>> f = stream_features(StreamInput("n1", "b", "need", "material",
...                                 "gips som råstoff til gipsplater"))
>>> [c[0] for c in f.classes], f.roots
(['gypsum'], ('gypsum',))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from symbiose.taxonomy.categories import FEEDSTOCK, PIPE_BOUND, THERMAL, UTILITIES, category
from symbiose.taxonomy.classify import MAX_CLASSES, classify, normalise
from symbiose.taxonomy.knowledge import (
    class_knowledge,
    flow_prior,
    prior_inputs,
    season_profile,
    season_profiles,
    sector_inputs,
)
from symbiose.taxonomy.legal import listing_marks, marks_matter
from symbiose.taxonomy.materials import ancestors, load_materials, materials_by_id

from .inputsets import NARROWER_INPUT, InputSets
from .language import language_code, language_words, listing_language
from .text import char_ngrams
from .uses import class_uses_of, forbidden_of, nace_uses, use_bits, use_mask

__all__ = ["FeatureTable", "StreamFeatures", "stream_features", "use_bits"]
from .types import CATEGORIES, EngineConfig, StreamInput


@lru_cache(maxsize=1)
def class_index() -> dict[str, int]:
    """Class id -> row of the class-similarity matrix."""
    return {m.id: i for i, m in enumerate(load_materials())}


@lru_cache(maxsize=1)
def class_similarity() -> np.ndarray:
    """Class x class similarity, with one extra all-zero row/column for "no class".

    1 for the same class, 0.8 when one is an ancestor of the other, 0.5 for classes under the
    same top class, else 0.

    Examples
    --------
    >>> s, ix = class_similarity(), class_index()
    >>> round(float(s[ix["gypsum"], ix["gypsum_fgd"]]), 2)
    0.8
    >>> float(s[ix["slag_steel"], ix["slag_simn"]])
    0.5
    """
    ms = load_materials()
    n = len(ms)
    s = np.zeros((n + 1, n + 1), dtype=np.float32)
    for i, a in enumerate(ms):
        anc_a = ancestors(a.id)
        for j, b in enumerate(ms):
            anc_b = ancestors(b.id)
            if i == j:
                s[i, j] = 1.0
            elif a.id in anc_b or b.id in anc_a:
                s[i, j] = 0.8
            elif anc_a[-1] == anc_b[-1]:
                s[i, j] = 0.5
    return s


@lru_cache(maxsize=1)
def _use_to_roots() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for m in load_materials():
        for u in m.used_by:
            out.setdefault(u.id, set()).add(ancestors(m.id)[-1])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def season_index() -> dict[str, int]:
    """Seasonal load shape name -> row of :func:`season_table` (0 is flat)."""
    return {"flat": 0, **{p.name: i + 1 for i, p in enumerate(season_profiles())}}


@lru_cache(maxsize=1)
def _prior_classes() -> frozenset[str]:
    """Classes the flow prior has seen sent anywhere."""
    return frozenset(c for c, _d in flow_prior())


def _listing_class(key: str) -> str | None:
    """The generic class a listing of this category gets when nothing more specific is known."""
    try:
        return category(key).listing_class
    except KeyError:
        return None


@lru_cache(maxsize=16)
def _category_roots(key: str) -> frozenset[str]:
    """Top classes of a listing category (``gas``: CO2, hydrogen, other gases)."""
    return frozenset(m.id for m in load_materials() if m.parent is None and m.category == key)


# Needs for heat, steam or energy: served by surplus heat and, through energy recovery, by fuels.
ENERGY_USES = frozenset({"process_heat", "energy_recovery", "district_heating", "drying"})
LOW_TEMPERATURE_C = 60.0
BOILER_C = 100.0  # heat this hot is made in a boiler, so a fuel can serve it
ENERGY_ROOT = "#energy"
PRIOR_KEY = "p:"  # fine blocking keys of the flow prior ("p:brewers_grain")
#: The utilities' own classes: a utility need is filed only under those its words name.
UTILITY_ROOTS = frozenset(category(c).listing_class for c in UTILITIES)


@dataclass(frozen=True)
class StreamFeatures:
    """What the engine derived from one stream.

    ``classes`` holds ``(class_id, weight, source)`` with source ``"title"``,
    ``"description"``, ``"ewc_code"``, ``"category"`` or ``"sector"``; ``roots`` are the
    blocking keys. ``sectors`` are the NACE codes the stream's sector knowledge comes from
    (words in its text first, then its organisation's code) and ``sector_in`` the material
    classes those sectors take as inputs (needs only), ``prior_in`` the classes documented
    exchanges sent to the same sectors (the flow prior, needs only). ``fuel`` marks an offer
    that can be burnt for energy, ``energy_need`` a need that fuels and surplus heat can serve.
    ``uses_forbidden`` are the uses the law forbids for an offer's material (``marks``: its
    words say it comes from a kitchen or contains meat or fish, :mod:`~symbiose.taxonomy.legal`)
    and ``uses_wanted`` what a need asks for: the uses its words name, else those its sector
    runs.
    """

    classes: tuple[tuple[str, float, str], ...]
    uses_text: frozenset[str]
    uses_class: frozenset[str]
    uses_nace: frozenset[str]
    roots: tuple[str, ...]
    doc: dict[str, float]
    uses_title: frozenset[str] = frozenset()
    sectors: tuple[str, ...] = ()
    sector_in: tuple[tuple[str, float], ...] = ()
    sector_text: frozenset[str] = frozenset()
    prior_in: tuple[tuple[str, float], ...] = ()
    fuel: bool = False
    energy_need: bool = False
    reach_km: float = float("nan")
    lhv_mj_kg: float = float("nan")
    season: str = "flat"
    lang: str = ""  # the language of its title, which every viewer sees (:mod:`.language`)
    uses_forbidden: frozenset[str] = frozenset()
    uses_wanted: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()


def stream_features(stream: StreamInput, cfg: EngineConfig | None = None) -> StreamFeatures:
    """Derive classes, uses, sectors, blocking roots and the text document of one stream."""
    cfg = cfg or EngineConfig()
    k = classify(stream.title, stream.description or "", stream.ewc_code, stream.category,
                 stream.nace, stream.direction)  # fmt: skip
    classes = tuple((h.class_id, h.weight, h.source) for h in k.classes)
    uses_text = k.uses
    by_id = materials_by_id()
    ids = tuple(c for c, _w, _s in classes)
    marks = frozenset()
    if stream.direction == "offer" and stream.category == "material" and marks_matter(ids):
        marks = listing_marks(f"{stream.title}. {stream.description or ''}")
    uses_class = class_uses_of(ids, marks) - k.spent_for  # not what its origin takes
    forbidden = forbidden_of(ids, marks) if stream.direction == "offer" else frozenset()
    wanted: frozenset[str] = frozenset()
    roots = {ancestors(c)[-1] for c, _w, _s in classes}
    sectors = tuple(dict.fromkeys((*k.sectors, *((stream.nace,) if stream.nace else ()))))
    sector_in: tuple[tuple[str, float], ...] = ()
    prior_in: tuple[tuple[str, float], ...] = ()
    fuel = energy_need = False
    if stream.direction == "need":
        # A need may name the process rather than the material ("raw material for the cement
        # kiln"): file it also under the materials used by processes its own classes don't
        # cover. A utility need only under the utilities that serve what it names (cooling
        # water serves "process cooling"); fuels reach energy needs through ENERGY_ROOT.
        own = {u.id for c, _w, _s in classes for u in by_id[c].used_by}
        utility = stream.category in PIPE_BOUND
        # A gas need's use may be served by a gas of another kind (CO2 for carbonation).
        kin = UTILITY_ROOTS | _category_roots(stream.category)
        for u in uses_text if utility else uses_text - own:
            users = _use_to_roots().get(u, frozenset())
            roots |= users & kin if utility else users
        # What its sector takes: from sector words in its text, else its organisation's code.
        sector_in = sector_inputs(tuple(k.sectors or sectors))
        # Named by none: all its inputs; by broad classes only ("diesel" is oil): main inputs.
        if stream.category == "material" and all(by_id[c].parent is None for c in ids):
            roots |= {ancestors(c)[-1] for c, w in sector_in if c in by_id and (w >= 1 or not ids)}
        elif classes and all(c == _listing_class(stream.category) for c, _w, _s in classes):
            # Named only as its category's generic class ("gas", "other gas"): the category's
            # own classes that its sector takes, so a bottler's "Carbonation" meets CO2.
            roots |= {ancestors(c)[-1] for c, _w in sector_in
                      if c in by_id and by_id[c].category == stream.category}  # fmt: skip
        # What documented exchanges sent to the same sectors (the flow prior): a material
        # need is also filed under a fine key per class seen there, which offers of that class
        # (or a descendant) share, so the prior adds only the pairs it speaks for.
        prior_in = prior_inputs(sectors)
        # What it asks for, to hold against what the law forbids for an offer's material.
        # (A utility need's sector says little: a waterworks' heat need wants no drinking water.)
        wanted = uses_text or frozenset(
            u for code in sectors if stream.category == "material" for u in nace_uses(code)
        )
        if stream.category == "material":
            roots |= {PRIOR_KEY + c for c, w in prior_in
                      if w >= 0.5 and c in by_id and by_id[c].category == "material"}  # fmt: skip
        # Fuels serve heat a boiler makes: needs naming process heat, steam, energy, district
        # heating or drying, or heat from 100 °C; never under 60 °C (surplus heat, heat pumps).
        # A heat listing's material words name what its boiler burns ("Calderas de biomasa").
        hot = stream.temperature_c is None or stream.temperature_c >= LOW_TEMPERATURE_C
        steam = any(c == "steam" for c, _w, _s in classes)
        boiler = stream.temperature_c is not None and stream.temperature_c >= BOILER_C
        named = () if stream.category in THERMAL else ids
        material = any(by_id[c].category == "material" for c in named)
        energy_need = hot and not material and (bool(uses_text & ENERGY_USES) or steam or boiler)
        if energy_need:
            roots.add(ENERGY_ROOT)
    else:
        fuel = any(class_knowledge(c).fuel for c, _w, _s in classes)
        if stream.category in FEEDSTOCK:
            prior = _prior_classes()
            roots |= {PRIOR_KEY + a for c, _w, _s in classes for a in ancestors(c) if a in prior}
        if fuel and stream.category in FEEDSTOCK:
            roots.add(ENERGY_ROOT)
    reach = class_knowledge(classes[0][0]).reach_km if classes else float("nan")
    lhv = max((class_knowledge(c).lhv_mj_kg or 0.0 for c, _w, _s in classes if fuel), default=0.0)
    doc = _doc(stream.title, stream.description or "", classes, uses_text, cfg)
    season = "flat"
    if stream.category in THERMAL:
        words = normalise(f"{stream.title} {stream.description or ''}")
        season = season_profile(stream.direction, words, stream.nace).name
    return StreamFeatures(
        classes=classes,
        uses_text=uses_text,
        uses_class=uses_class,
        uses_nace=nace_uses(stream.nace),
        roots=tuple(sorted(roots)),
        doc=doc,
        uses_title=k.title_uses,
        sectors=sectors,
        sector_in=sector_in,
        sector_text=frozenset(k.sectors),
        prior_in=prior_in,
        fuel=fuel,
        energy_need=energy_need,
        reach_km=reach,
        lhv_mj_kg=lhv or float("nan"),
        season=season,
        lang=listing_language(stream.title),
        uses_forbidden=forbidden,
        uses_wanted=wanted,
        marks=marks,
    )


def _doc(title, description, classes, uses_text, cfg: EngineConfig) -> dict[str, float]:
    doc = dict(char_ngrams(title, cfg.text_char_ngrams))
    for g, tf in char_ngrams(description, cfg.text_char_ngrams).items():
        doc[g] = doc.get(g, 0.0) + 0.5 * tf
    for c, w, _s in classes:
        for depth, a in enumerate(ancestors(c)):
            key = f"#c:{a}"
            doc[key] = max(doc.get(key, 0.0), cfg.class_token_weight * w * (0.5 if depth else 1))
    # Sorted, not in set order: the order tokens are first seen in is their order in the
    # vocabulary, and so the order of every text vector's sums (PYTHONHASHSEED would change it).
    for u in sorted(uses_text):
        doc[f"#u:{u}"] = 1.0
    return doc


def _day(d: date | None) -> float:
    return float(d.toordinal()) if d else np.nan


#: Class sources that name a material (not the category's or the producer's sector's): a
#: listing that names its material outweighs what its process or sector could also take.
NAMING_SOURCES = frozenset({"title", "description", "ewc_code"})


class FeatureTable:
    """Numpy columns for all streams, indexed by an integer slot; grows by doubling."""

    FLOAT_COLS = ("qty", "temp", "lat", "lon", "t_from", "t_to", "reach", "lhv", "rlat", "rlon")
    INT_COLS = ("direction", "cat", "ccat", "ckey", "ewc", "unit", "org", "uo", "uc", "un", "cprof",
                "sprof", "pprof", "season", "lang", "lf", "lw")  # fmt: skip

    def __init__(self, capacity: int = 1024) -> None:
        self.capacity = 0
        self.units: dict[str, int] = {}
        self.orgs: dict[str, int] = {}
        # Distinct (classes, weights) rows: the scorer compares these, not every pair.
        self.profiles: dict[tuple, int] = {}
        self._profile_arrays: tuple[np.ndarray, np.ndarray] | None = None
        # Distinct sets of classes a need's sector takes (profile) and that documented
        # exchanges sent to it (prior); row 0 of each is the empty set.
        self.sector_inputs = InputSets(narrower=NARROWER_INPUT)
        self.prior_inputs = InputSets()
        self._grow(max(capacity, 16))
        language_words()  # read once here, before workers fork to read listings

    def _grow(self, new_cap: int) -> None:
        old = self.capacity

        def resize(name, dtype, shape, fill):
            arr = np.full((new_cap, *shape), fill, dtype=dtype)
            if old:
                arr[:old] = getattr(self, name)
            setattr(self, name, arr)

        for c in self.FLOAT_COLS:
            resize(c, np.float64, (), np.nan)
        for c in self.INT_COLS:
            resize(c, np.int64, (), -1)
        for c in ("haz", "acc", "active", "fuel", "eneed", "named", "hid"):
            resize(c, bool, (), False)
        resize("cls", np.int16, (MAX_CLASSES,), len(class_index()))
        resize("clsw", np.float32, (MAX_CLASSES,), 0.0)
        self.capacity = new_cap

    def set_row(self, i: int, s: StreamInput, f: StreamFeatures) -> None:
        """Write stream ``s`` with features ``f`` into slot ``i``."""
        if i >= self.capacity:
            self._grow(max(i + 1, 2 * self.capacity))
        self.direction[i] = 0 if s.direction == "offer" else 1
        self.cat[i] = CATEGORIES.index(s.category) if s.category in CATEGORIES else -1
        code = (s.ewc_code or "").replace(" ", "").replace("*", "")
        self.ewc[i] = int(code) if len(code) == 6 and code.isdigit() else -1
        self.unit[i] = self.units.setdefault(s.unit or "", len(self.units)) if s.unit else -1
        self.org[i] = self.orgs.setdefault(s.org_ref, len(self.orgs))
        self.qty[i] = s.quantity if s.quantity is not None else np.nan
        self.temp[i] = s.temperature_c if s.temperature_c is not None else np.nan
        self.lat[i], self.lon[i] = (s.lat, s.lon) if None not in (s.lat, s.lon) else (np.nan,) * 2
        self.hid[i], (self.rlat[i], self.rlon[i]) = s.hides_site, s.site or (np.nan, np.nan)
        self.t_from[i] = _day(s.available_from)
        self.t_to[i] = _day(s.available_to)
        self.reach[i] = f.reach_km
        self.lhv[i] = f.lhv_mj_kg
        self.fuel[i] = f.fuel
        self.eneed[i] = f.energy_need
        self.named[i] = any(src in NAMING_SOURCES for _c, _w, src in f.classes)
        by_id = materials_by_id()
        first = f.classes[0][0] if f.classes else None
        self.ccat[i] = CATEGORIES.index(by_id[first].category) if first else self.cat[i]
        n_cat = len(CATEGORIES) + 1  # same key as scoring.category_key; -1 is the last index
        self.ckey[i] = (self.cat[i] % n_cat) * n_cat + self.ccat[i] % n_cat
        self.sprof[i] = self.sector_inputs.row(f.sector_in)
        self.pprof[i] = self.prior_inputs.row(f.prior_in)
        self.season[i] = season_index().get(f.season, 0)
        self.lang[i] = language_code(f.lang)
        self.haz[i] = s.hazardous
        self.acc[i] = s.accepts_hazardous
        self.uo[i] = use_mask(f.uses_text)
        self.uc[i] = use_mask(f.uses_class)
        self.un[i] = use_mask(f.uses_nace)
        self.lf[i] = use_mask(f.uses_forbidden)
        self.lw[i] = use_mask(f.uses_wanted)
        ix = class_index()
        self.cls[i] = len(ix)
        self.clsw[i] = 0.0
        for k, (c, w, _s) in enumerate(f.classes):
            self.cls[i, k] = ix[c]
            self.clsw[i, k] = w
        prof = (tuple(self.cls[i].tolist()), tuple(self.clsw[i].tolist()))
        if prof not in self.profiles:
            self.profiles[prof] = len(self.profiles)
            self._profile_arrays = None
        self.cprof[i] = self.profiles[prof]
        self.active[i] = True

    def sector_table(self) -> np.ndarray:
        """``table[cprof, sprof]``: how much the sectors take a class of the profile (0–1)."""
        return self.sector_inputs.table(self.profile_arrays())

    def prior_table(self) -> np.ndarray:
        """``table[cprof, pprof]``: how strongly documented exchanges sent a class of the
        profile to the need's sectors (0–1)."""
        return self.prior_inputs.table(self.profile_arrays())

    def profile_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Classes and weights of each distinct class profile (row = ``cprof`` value)."""
        if self._profile_arrays is None:
            keys = list(self.profiles)
            cls = np.array([k[0] for k in keys], dtype=np.int16).reshape(-1, MAX_CLASSES)
            w = np.array([k[1] for k in keys], dtype=np.float32).reshape(-1, MAX_CLASSES)
            self._profile_arrays = (cls, w)
        return self._profile_arrays
