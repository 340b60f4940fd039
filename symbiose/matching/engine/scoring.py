"""Vectorised scoring of offer-need pairs: components, feasibility and the final score.

:func:`score_pairs` takes slot indices of offers and needs (any shapes that broadcast: a block
``(m, 1) x (1, k)`` or two aligned 1-D arrays) and returns a :class:`Scored` of arrays.

The score is ``what * distance * quantity * temperature * time`` in [0, 1]; infeasible pairs are
multiplied by ``infeasible_factor`` and always rank below feasible ones (see :func:`rank_key`).
"What" combines the pair's knowledge (:func:`knowledge`: category, classes, uses, sectors,
prior, waste codes) with the wording; the place, size and time factors are
:func:`~.where.where_factors`. The block scorer of ``match_all`` (:mod:`.blockscore`)
computes the same keys with the knowledge part once per distinct profile.

Examples
--------
>>> import numpy as np
>>> from symbiose.matching.engine.types import EngineConfig
>>> float(ewc_similarity(np.array(100105), np.array(100107)))
0.75
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import FeatureTable, class_similarity
from .sectors import SECTOR_RELATION, sector_relation, sector_score, sector_support
from .specificity import named_use_relation
from .types import CATEGORIES, EngineConfig
from .uses import legal_ok, off_use
from .where import LOCAL_OF_CAT, ShownSites, Where, where_factors

# Category compatibility (offer row, need column) in CATEGORIES order:
# material, heat, cold, water, gas, service. Hot water can serve heat needs; CO2 and other
# gases are sometimes listed as materials; organic wastewater and slurries as water.
_C = np.zeros((len(CATEGORIES) + 1, len(CATEGORIES) + 1))
for _i in range(len(CATEGORIES)):
    _C[_i, _i] = 1.0
_C[0, 4] = _C[4, 0] = 0.6
_C[0, 3] = _C[3, 0] = 0.4  # liquid wastes and slurries are listed as either
_C[1, 3] = _C[3, 1] = 0.5
_C[2, 3] = _C[3, 2] = 0.7  # cooling water serves cooling needs
CATEGORY_COMPAT = _C
BRIDGE_COMPAT = 0.8  # a fuel serving a heat, steam or energy need (energy recovery)
BRIDGE_RELATION = 0.7
PRIOR_RELATION = 0.5  # documented exchanges sent this class to the need's sector
NAMED_RELATION = 0.6  # relation's weight for a need that names its material
PRIOR_EVIDENCE = 0.3  # the prior alone weighs as before (0.6 × 0.5): one exchange proposes nothing
PRIOR_SUPPORT = 0.2  # the prior as a third piece of evidence beside a class or relation
FULL_FUEL_MJ_KG = 15.0
UTILITY_TEXT_WEIGHT = 0.1  # wording says little between two heat (cold, water) listings

# Bit flags of why a pair is infeasible, in the order reasons are shown.
BLOCK_CATEGORY, BLOCK_DISTANCE, BLOCK_TEMPERATURE, BLOCK_HAZARDOUS, BLOCK_TIME = 1, 2, 4, 8, 16
BLOCK_NO_LINK = 32  # no shared material, use, sector or waste code: only the wording is alike
BLOCK_LEGAL = 64  # the need asks only for uses the law forbids for the offer's material


def ewc_similarity(a, b):
    """1 same entry, 0.75 same sub-chapter, 0.4 same chapter, 0 different, NaN when unknown."""
    a = np.asarray(a)
    b = np.asarray(b)
    sim = np.where(
        a == b,
        1.0,
        np.where(a // 100 == b // 100, 0.75, np.where(a // 10000 == b // 10000, 0.4, 0)),
    )
    return np.where((a < 0) | (b < 0), np.nan, sim)


def class_score(t: FeatureTable, o, n):
    """Best class similarity between the two streams' (up to three) classes, weighted.

    Computed once per pair of distinct class profiles and gathered for every stream pair.
    """
    cls, w = t.profile_arrays()
    po, pn = np.asarray(t.cprof[o]), np.asarray(t.cprof[n])
    uo, io = np.unique(po.ravel(), return_inverse=True)
    un, inn = np.unique(pn.ravel(), return_inverse=True)
    table = _class_table(cls[uo][:, None], w[uo][:, None], cls[un][None, :], w[un][None, :])
    return table[io.reshape(po.shape), inn.reshape(pn.shape)]


def _class_table(cls_o, w_o, cls_n, w_n):
    s = class_similarity()
    best = None
    for i in range(cls_o.shape[-1]):
        ci, wi = cls_o[..., i], w_o[..., i]
        for j in range(cls_n.shape[-1]):
            v = s[ci, cls_n[..., j]] * np.minimum(wi, w_n[..., j])
            best = v if best is None else np.maximum(best, v)
    return best


def prior_score(t: FeatureTable, o, n):
    """The flow prior: how strongly documented exchanges sent the offer's class to the need's
    sector (``1 − 0.5^k`` for k exchanges, half for a sibling class), 0 when never seen."""
    if not (np.asarray(t.pprof[n]) > 0).any():
        return 0.0
    return t.prior_table()[t.cprof[o], t.pprof[n]]


def relation_score(t: FeatureTable, o, n, bridge=None, prior=0.0):
    """How the offer's material relates to what the need does.

    0.8 to 1.0 if the need names a use of the offer's material's class, by how specific the
    use is to it (for an energy need, in proportion to what the material burns:
    :func:`energy_worth`) (:func:`~.specificity.named_use_relation`; the uses the offer's own words
    name do not count: "Restprodukter fra pektinproduktionen" says where a residue comes
    from, not that it serves pectin production); up to 0.7 for a fuel and an energy
    need (energy recovery, scaled by the fuel's heating value); 0.8 if the need's sector
    profile takes the material as a main input and the need names no use, else 0.6
    (:func:`sector_relation`; 0.45 as another input); 0.5 if only the need
    organisation's NACE code is a known user of it; up to 0.5 from the flow prior
    (``prior``, see :func:`prior_score`).
    """
    nace = (t.uc[o] & t.un[n]) != 0
    rel = np.where(nace, 0.5, 0.0)
    if (t.sprof[n] > 0).any():
        rel = np.maximum(rel, sector_relation(sector_score(t, o, n), t.uo[n] != 0))
    if (off := off_use(t, o, n)) is not None:  # a need that names only feed asks for a feed
        rel = np.where(off, 0.0, rel)
    if np.any(prior):
        rel = np.maximum(rel, PRIOR_RELATION * prior)
    # A named use (0 where none is shared), by how specific it is to the offer's material;
    # every other link is below 0.8, so the maximum is the named use wherever there is one.
    rel = np.maximum(rel, named_use_relation(t.uc[o], t.uo[n]))
    rel = energy_worth(t, o, n, rel)
    if bridge is None or bridge is False:
        return rel
    # Energy recovery is worth what the fuel holds: wet residues (4 MJ/kg) far less than
    # wood (10) or plastics and oils (30+), which is the full relation from 15 MJ/kg.
    lhv = np.clip(np.nan_to_num(t.lhv[o], nan=5.0) / FULL_FUEL_MJ_KG, 0.3, 1.0)
    return np.maximum(rel, np.where(bridge, BRIDGE_RELATION * lhv, 0.0))


def energy_worth(t: FeatureTable, o, n, rel):
    """An energy need's relation to a material, by what the material burns.

    A need for heat, steam or energy that names an energy use ("Biocombustible sólido para
    calderas", "Process energy") relates to every material class that lists energy recovery,
    sludges and wet residues too. Above the sector level (0.6) the relation is kept in
    proportion to the material's heating value as a fuel (full from 15 MJ/kg, as the bridge
    is): a material the knowledge base does not know to burn keeps 0.6, wood at 10 MJ/kg
    keeps two thirds of the rest. Measured on the seven sets, each one park without
    locations: of the pairs of an energy need and a material offer linked by a named use,
    0.3 % are documented exchanges when the material is no fuel, none of 331 when it holds
    under 8 MJ/kg, 0.7–0.9 % above (``docs/benchmarks.md``, issue 12, tenth session).
    Heat, gas and water offers are not touched.

    Examples
    --------
    >>> from symbiose.matching.engine.features import FeatureTable
    >>> t = FeatureTable(4)
    >>> t.eneed[1], t.cat[0], t.fuel[0], t.lhv[0] = True, 0, False, float("nan")
    >>> round(float(energy_worth(t, np.array([0]), np.array([1]), np.array([0.8]))[0]), 2)
    0.6
    >>> t.fuel[0], t.lhv[0] = True, 10.0
    >>> round(float(energy_worth(t, np.array([0]), np.array([1]), np.array([0.8]))[0]), 3)
    0.733
    """
    energy = t.eneed[n] & (t.cat[o] == CATEGORIES.index("material"))
    if not np.any(energy):
        return rel
    burns = np.clip(np.nan_to_num(t.lhv[o], nan=0.0) / FULL_FUEL_MJ_KG, 0.0, 1.0)
    burns = np.where(t.fuel[o], burns, 0.0)
    kept = np.where(rel > SECTOR_RELATION, SECTOR_RELATION + (rel - SECTOR_RELATION) * burns, rel)
    return np.where(energy, kept, rel)


def evidence(klass, rel, prior):
    """How strongly the pair's knowledge says the offer's material serves the need, in [0, 1].

    ``e = 1 − (1 − class)(1 − max(relation, 0.3 × prior))``: a shared material and a relation
    (the need names a use of the offer's material, or its sector takes it) are independent
    pieces of evidence and combine like independent chances. A named use (0.8) then counts as
    much as a material named on both sides at that similarity, so a need that names only
    what it does ("Kiln feed", "Materialer til vejbygning") is not ranked below every need
    that happens to share a broad class with the offer (before, a use counted 0.48, a shared
    top class 0.5).

    The flow prior (documented exchanges sent this class to the need's sector) is the
    relation's floor (``0.3 × prior``) and, when the pair has a shared class or a relation,
    also a third, weaker piece of evidence: ``1 − (1 − e)(1 − 0.2 × prior)``. Among the many
    offers that share a class or serve a named use ("Substrat für die Biogasanlage"), those
    that documented exchanges sent to such needs come first. Alone it still weighs only
    ``0.3 × prior``, so a single documented exchange (slag once sent to a food company)
    proposes nothing. At full weight (noisy-OR with the prior itself) it lifted the sets it
    learned from and lowered the held-out fifth; at 0.2, beside other evidence only, it
    lowers none of the held-out sets' recall@5 but the fifth's need side
    (``docs/benchmarks.md``).

    Examples
    --------
    >>> round(float(evidence(0.0, 0.8, 0.0)), 2), round(float(evidence(0.5, 0.0, 0.0)), 2)
    (0.8, 0.5)
    >>> round(float(evidence(0.5, 0.6, 0.875)), 2), round(float(evidence(0.0, 0.0, 0.5)), 2)
    (0.84, 0.15)
    """
    e = 1.0 - (1.0 - klass) * (1.0 - np.maximum(rel, PRIOR_EVIDENCE * prior))
    other = (np.asarray(klass) > 0) | (np.asarray(rel) > 0)
    return np.where(other, 1.0 - (1.0 - e) * (1.0 - PRIOR_SUPPORT * prior), e)


@dataclass
class Scored:
    """Arrays of one scoring pass (all of the broadcast shape)."""

    score: np.ndarray
    feasible: np.ndarray
    blocked: np.ndarray
    what: np.ndarray
    components: dict[str, np.ndarray]
    distance_km: np.ndarray
    limit_km: np.ndarray
    #: The rank key: score plus 1 when feasible, both with every stream that hides its site
    #: at its shown area's centre (``components["distance_shown"]``: that distance factor,
    #: NaN for pairs hiding no site).
    rank: np.ndarray

    def take(self, idx: np.ndarray) -> Scored:
        """The same arrays for the pairs at positions ``idx`` only (1-D passes)."""
        comps = {k: v[idx] for k, v in self.components.items()}
        return Scored(self.score[idx], self.feasible[idx], self.blocked[idx], self.what[idx],
                      comps, self.distance_km[idx], self.limit_km[idx],
                      self.rank[idx])  # fmt: skip


def _compat_by_key() -> np.ndarray:
    """Category compatibility by (category, first class's category) keys of both sides."""
    n = len(CATEGORIES) + 1  # the last index is "unknown" (-1)
    table = np.zeros((n * n, n * n))
    for co in range(n):
        for cco in range(n):
            for cn in range(n):
                for ccn in range(n):
                    table[co * n + cco, cn * n + ccn] = max(
                        _C[co, cn], 0.9 * _C[cco, cn], 0.9 * _C[co, ccn])  # fmt: skip
    return table


COMPAT_BY_KEY = _compat_by_key()


#: Every :class:`~.features.FeatureTable` column :func:`knowledge` reads, of either side:
#: two streams equal in all of them have equal knowledge against any counterpart, so the block
#: scorer (:mod:`.blockscore`) computes it once per distinct profile. A test checks the list.
KNOWLEDGE_COLUMNS = ("ckey", "fuel", "eneed", "ewc", "cprof", "uc", "un", "uo", "sprof",
                     "pprof", "named", "cat", "lhv", "lf", "lw")  # fmt: skip


@dataclass
class Knowledge:
    """What a pass's pairs are to each other, before wording and place: the category fit,
    the class, relation and prior evidence and the weights of the "what" score."""

    bridge: np.ndarray | None  # fuel to energy need (None: no such pair)
    cat: np.ndarray
    ewc: np.ndarray
    klass: np.ndarray
    prior: np.ndarray | float
    rel: np.ndarray
    base: np.ndarray
    has_ewc: np.ndarray
    ewc0: np.ndarray
    w_text: np.ndarray | float
    link: np.ndarray  # a shared class, a relation or a waste code alike
    legal: np.ndarray | None = None  # False: the law forbids what the need asks (None: all ok)


def knowledge(t: FeatureTable, o, n, cfg: EngineConfig) -> Knowledge:
    """The knowledge part of offers ``o`` against needs ``n`` (see :class:`Knowledge`)."""
    fuel, eneed = t.fuel[o], t.eneed[n]
    bridge = fuel & eneed if fuel.any() and eneed.any() else None  # None: no bridged pair
    # A listing's category, or its class's category at 0.9 (exhaust gas listed as gas is heat).
    cat = COMPAT_BY_KEY[t.ckey[o], t.ckey[n]]
    if bridge is not None:
        cat = np.where(bridge, np.maximum(cat, BRIDGE_COMPAT), cat)
    ewc = ewc_similarity(t.ewc[o], t.ewc[n])
    klass = class_score(t, o, n)
    prior = prior_score(t, o, n)
    if np.any(prior) and (off := off_use(t, o, n)) is not None:  # not what its words ask
        prior = np.where(off, 0.0, prior)
    rel_own = relation_score(t, o, n, bridge)
    rel = np.maximum(rel_own, PRIOR_RELATION * prior)  # as shown: the prior alone is a relation
    # A need that names its material: what it names outweighs what its process could also take.
    base = evidence(klass, np.where(t.named[n], NAMED_RELATION * rel_own, rel_own), prior)
    base = sector_support(t, o, n, klass, rel_own, base)
    has_ewc = ~np.isnan(ewc)
    ewc0 = np.where(has_ewc, ewc, 0.0)
    local_o = LOCAL_OF_CAT[t.cat[o]] >= 0
    w_text = cfg.w_text
    if local_o.any():  # wording says little between two heat (cold, water, gas) listings
        w_text = np.where(local_o & (t.cat[o] == t.cat[n]), UTILITY_TEXT_WEIGHT, cfg.w_text)
    link = (klass > 0) | (rel > 0) | (ewc0 >= 0.75)
    return Knowledge(bridge, cat, ewc, klass, prior, rel, base, has_ewc, ewc0, w_text, link,
                     legal_ok(t, o, n))  # fmt: skip


def score_pairs(t: FeatureTable, o, n, text_cos, cfg: EngineConfig) -> Scored:
    """Score offers ``o`` against needs ``n`` (slot indices) given their text cosine."""
    shape = np.broadcast_shapes(np.shape(o), np.shape(n))
    k = knowledge(t, o, n, cfg)
    text = np.clip(np.asarray(text_cos, dtype=np.float64), 0.0, 1.0)
    num = cfg.w_class * k.base + k.w_text * text + cfg.w_ewc * k.ewc0
    what = k.cat * num / (cfg.w_class + k.w_text + cfg.w_ewc * k.has_ewc)
    w = where_factors(t, o, n, k.bridge, shape, cfg)
    ok_cat = k.cat > 0

    blocked = (~ok_cat) * BLOCK_CATEGORY
    for ok, flag in ((w.ok_dist, BLOCK_DISTANCE), (w.ok_t, BLOCK_TEMPERATURE),
                     (w.ok_haz, BLOCK_HAZARDOUS), (w.ok_time, BLOCK_TIME),
                     (k.link, BLOCK_NO_LINK), (k.legal, BLOCK_LEGAL)):  # fmt: skip
        if ok is not None:
            blocked = blocked + (~ok) * flag
    blocked = np.broadcast_to(blocked, shape)
    feasible = blocked == 0
    score = _score(what, w, feasible, cfg)
    rank, shown = score + feasible.astype(np.float64), np.nan
    hid = t.hid[o] | t.hid[n]
    if np.any(hid):  # ranked at the shown sites: pairs kept and rank hide the exact site
        ws = where_factors(ShownSites(t), o, n, k.bridge, shape, cfg)
        feasible_s = (blocked & ~BLOCK_DISTANCE) + (~ws.ok_dist) * BLOCK_DISTANCE == 0
        rank = _score(what, ws, feasible_s, cfg) + feasible_s.astype(np.float64)
        shown = np.where(hid, ws.f_dist, np.nan)
    comps = {
        "category": k.cat,
        "ewc": k.ewc,
        "class": k.klass,
        "relation": k.rel,
        "prior": k.prior,
        "bridge": 0.0 if k.bridge is None else k.bridge.astype(np.float64),
        "text": text,
        "what": what,
        "distance": w.f_dist,
        "quantity": w.f_q,
        "temperature": w.f_t,
        "time": w.f_time,
        "season": w.f_season,
        "distance_shown": shown,
    }
    comps = {k: np.broadcast_to(v, shape) for k, v in comps.items()}
    return Scored(score, feasible, blocked, np.broadcast_to(what, shape), comps,
                  w.dist, w.limit, np.broadcast_to(rank, shape))  # fmt: skip


def _score(what, w: Where, feasible, cfg: EngineConfig):
    """A pass's scores from its "what" similarity and place factors (as the block scorer)."""
    raw = what * w.f_dist * w.f_q
    if w.ok_t is not None:  # else f_t is 1 for every pair
        raw = raw * w.f_t
    raw = np.clip(raw * w.f_time * w.f_season, 0.0, 1.0)
    return np.where(feasible, raw, raw * cfg.infeasible_factor)


def rank_key(scored: Scored, intra, cfg: EngineConfig, include_intra: bool,
             include_infeasible: bool):  # fmt: skip
    """Sort key: feasible pairs first (score + 1), excluded pairs at -inf; both at the
    shown sites (:attr:`Scored.rank`)."""
    key = scored.rank
    drop = (scored.what < cfg.min_what) | ((scored.blocked & BLOCK_NO_LINK) != 0)
    if not include_intra:
        drop = drop | intra
    if not include_infeasible:
        drop = drop | ~scored.feasible
    return np.where(drop, -np.inf, key)
