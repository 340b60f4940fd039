"""A full recompute's reasons built from the scored arrays, many pairs at once.

:func:`symbiose.matching.rows.batch` turns :class:`~.engine.types.Match` objects into rows one
at a time, each match's reasons built by :func:`~.engine.reasons.build_reasons`; with the
matches that was most of a recompute's store stage (about 58 µs a pair of about 100). Here
each kind of reason is decided for all pairs of a part with array operations and built once
per distinct input (with the reason builders' own cached helpers), and each pair's reasons
JSON is joined from every reason's text, kept once per process
(:func:`~.rowtext.reason_text`). :func:`symbiose.matching.rows.from_arrays` makes the rows.

What each side contributes is read once per stream (:class:`SideKeys`, made in the parent
before the builders fork). The reasons are, byte for byte, those ``build_reasons`` gives:
``matching/tests/test_row_batch.py`` compares every pair of synthetic registries and of the
evaluation sets (with and without locations). **A change to ``build_reasons`` needs the same
change here**; that test fails until both agree.
"""

from __future__ import annotations

import math

import numpy as np

from symbiose.matching.engine import reasons as rs
from symbiose.matching.engine.knowledge_reasons import legal_reason, producer_reason
from symbiose.matching.engine.language import abroad
from symbiose.matching.engine.physics import NEARNESS_KM
from symbiose.matching.engine.scoring import (
    BLOCK_DISTANCE,
    BLOCK_HAZARDOUS,
    BLOCK_TEMPERATURE,
    BLOCK_TIME,
    Scored,
)
from symbiose.matching.engine.types import Reason
from symbiose.matching.rowtext import TEXT, reason_text
from symbiose.taxonomy.knowledge import class_knowledge


def _text(r: Reason) -> tuple[str, str]:
    return r.__dict__.get(TEXT) or reason_text(r)


class _Ids:
    """Small integer ids of equal values, and the first slot that had each."""

    def __init__(self) -> None:
        self.ids: dict[object, int] = {}
        self.first: list[int] = []

    def __call__(self, value: object, slot: int) -> int:
        k = self.ids.get(value)
        if k is None:
            k = self.ids[value] = len(self.first)
            self.first.append(slot)
        return k


def _typed(value: object) -> tuple[str, str]:
    """A key that tells apart values JSON writes differently (``60`` and ``60.0``)."""
    return type(value).__name__, repr(value)


class SideKeys:
    """Per engine slot, ids of what the reasons of its pairs read of it (-1: nothing).

    Equal ids mean equal inputs to a reason builder, so a reason is built once per distinct
    pair of ids and shared. Made once per engine (about 10 µs a stream).
    """

    def __init__(self, engine) -> None:  # noqa: ANN001 - a MatchEngine
        self.inputs, self.feats = engine.inputs, engine.feats
        self.cost = (engine.cfg.handling_nok_per_t, engine.cfg.transport_nok_per_tkm)
        size = len(self.inputs)
        cols = (
            "ewc",
            "desc",
            "cat",
            "classes",
            "uses",
            "need",
            "producer",
            "first",
            "tonnes",
            "lang",
            "season",
            "law_o",
            "law_n",
            "status",
            "crm",
            "haz",
            "org",
            "temp",
        )
        self.col = {c: np.full(size, -1, dtype=np.int64) for c in cols}
        self.ids = {c: _Ids() for c in cols}
        self.quantity: list[float | None] = [None] * size
        for s, (x, f) in enumerate(zip(self.inputs, self.feats, strict=True)):
            if x is not None:
                self._read(s, x, f)
        self.values = {c: list(ids.ids) for c, ids in self.ids.items()}
        first = self.values["first"]
        self.reach = np.array([class_knowledge(c).reach_km for c, _s in first] or [0.0])

    def _read(self, s: int, x, f) -> None:  # noqa: ANN001
        put = {c: self.ids[c] for c in self.col}

        def set_(c: str, value: object) -> None:
            self.col[c][s] = put[c](value, s)

        if x.ewc_code:
            set_("ewc", x.ewc_code.replace(" ", ""))
        set_("desc", bool(x.description))
        set_("cat", x.category)
        set_("classes", f.classes)
        set_("uses", f.uses_class)
        set_("need", (f.uses_text, f.uses_title, f.sectors, f.sector_text, bool(x.description)))
        if f.classes and f.classes[0][2] == "sector":
            set_("producer", (f.classes, f.sectors))
        if f.classes:
            set_("first", (f.classes[0][0], f.classes[0][2]))
        set_("tonnes", x.category == "material" and x.unit in ("t/yr", "t"))
        set_("lang", f.lang)
        set_("season", f.season)
        set_("law_o", (f.classes, f.marks, f.uses_class, bool(f.marks)))
        set_("law_n", (f.uses_wanted, rs._wanted_from(x, f), bool(f.uses_wanted)))
        if x.legal_status:
            set_("status", x.legal_status)
        if x.crm:
            set_("crm", tuple(x.crm))
        set_("haz", bool(x.hazardous))
        set_("org", x.org_ref)
        set_("temp", _typed(x.temperature_c))
        self.quantity[s] = x.quantity


class _Texts:
    """The reasons of a part's pairs, gathered reason kind by reason kind, then joined once
    per pair in the order they were added."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.idx: list[np.ndarray] = []
        self.txt: list[np.ndarray] = []
        self.ins: list[np.ndarray] = []

    def add(self, idx: np.ndarray, made: list[tuple[Reason, ...]], which: np.ndarray) -> None:
        """Give pair ``idx[j]`` the reasons ``made[which[j]]`` (empty tuples add nothing)."""
        if len(idx) == 0:
            return
        texts = [[_text(r) for r in m] for m in made]
        ok = np.array([bool(t) for t in texts])[which]
        if not ok.all():
            idx, which = idx[ok], which[ok]
        self.idx.append(idx)
        self.txt.append(np.array([", ".join(t[0] for t in ts) for ts in texts], object)[which])
        self.ins.append(np.array([", ".join(t[1] for t in ts) for ts in texts], object)[which])

    def joined(self) -> tuple[list[str], list[str]]:
        """Each pair's reasons JSON, and its ``repr`` insides (:func:`~.rowtext.reason_text`)."""
        if not self.idx:
            return ["[]"] * self.size, [""] * self.size
        idx = np.concatenate(self.idx)
        order = np.argsort(idx, kind="stable")
        bounds = np.searchsorted(idx[order], np.arange(self.size + 1)).tolist()
        spans = list(zip(bounds[:-1], bounds[1:], strict=True))
        txt = np.concatenate(self.txt)[order].tolist()
        ins = np.concatenate(self.ins)[order].tolist()
        join = ", ".join
        return ([f"[{join(txt[a:b])}]" for a, b in spans],
                [join(ins[a:b]) for a, b in spans])  # fmt: skip

    def fixed(self, mask: np.ndarray, r: Reason) -> None:
        """Give every pair of ``mask`` the reason ``r``."""
        idx = np.flatnonzero(mask)
        self.add(idx, [(r,)], np.zeros(len(idx), dtype=np.int64))

    def keyed(self, mask: np.ndarray, key: np.ndarray, make) -> None:  # noqa: ANN001
        """Give every pair of ``mask`` ``make(k)`` of its key ``k`` (a reason or None), made
        once per distinct key."""
        idx = np.flatnonzero(mask)
        if len(idx) == 0:
            return
        uniq, which = np.unique(key[idx], return_inverse=True)
        made = []
        for k in uniq.tolist():
            r = make(k)
            made.append(() if r is None else r if isinstance(r, tuple) else (r,))
        self.add(idx, made, which.ravel())


def _pair(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One key per pair of ids (each below 2**31)."""
    return (a + 1) * (1 << 32) + (b + 1)


def _get(sc: Scored, name: str, default: float) -> np.ndarray:
    """``comp.get(name, default)`` for every pair: a missing or NaN component reads as
    ``default``."""
    v = sc.components.get(name)
    if v is None:
        return np.full(len(sc.score), default)
    return np.where(np.isnan(v), default, v)


def reasons_text(keys: SideKeys, o: np.ndarray, n: np.ndarray, sc: Scored) -> _Texts:
    """The reasons of each pair, in :func:`~.engine.reasons.build_reasons`' order."""
    size = len(o)
    out = _Texts(size)
    col, val = keys.col, keys.values
    inputs, feats = keys.inputs, keys.feats
    blocked = sc.blocked.astype(np.int64)
    dist, limit = sc.distance_km, sc.limit_km
    located, no_limit = ~np.isnan(dist), ~np.isfinite(limit)

    # Blocking, pair by pair (a few pairs).
    idx = np.flatnonzero(blocked)
    made = []
    for j in idx.tolist():
        a, b, d, lim = int(o[j]), int(n[j]), float(dist[j]), float(limit[j])
        made.append(tuple(rs.blocking_reasons(
            inputs[a], inputs[b], feats[a], feats[b], int(blocked[j]),
            None if d != d else d, lim if math.isfinite(lim) else None)))  # fmt: skip
    out.add(idx, made, np.arange(len(idx)))

    # What it is.
    eo, en = col["ewc"][o], col["ewc"][n]
    out.keyed(
        (eo >= 0) & (en >= 0),
        _pair(eo, en),
        lambda k: rs._ewc_reason(val["ewc"][(k >> 32) - 1], val["ewc"][(k & 0xFFFFFFFF) - 1]),
    )
    co, cn = col["classes"][o], col["classes"][n]
    out.keyed(_get(sc, "class", 0) > 0, _pair(co, cn),
              lambda k: rs._class_reason(val["classes"][(k >> 32) - 1],
                                         val["classes"][(k & 0xFFFFFFFF) - 1]))  # fmt: skip
    bridge = _get(sc, "bridge", 0) > 0
    relation = _get(sc, "relation", 0)
    level = np.select([bridge, relation >= 0.8, relation >= 0.5, relation > 0], [4, 3, 2, 1], 0)
    co_uses = _pair(co, col["uses"][o])
    need = col["need"][n]

    def relation_reason(k: int) -> Reason | None:
        j = int(rel_first[k >> 3])  # a pair with the same inputs
        a, b = int(o[j]), int(n[j])
        fo, x = feats[a], inputs[b]
        return rs.relation_reason(fo.classes, fo.uses_class, feats[b], x.description or "",
                                  bool(bridge[j]), float(relation[j]))  # fmt: skip

    key, rel_first = _first_of([co_uses, need], level)
    out.keyed(level > 0, key, relation_reason)

    def prior(k: int) -> Reason | None:
        j = int(prior_first[k >> 3])
        a, b = int(o[j]), int(n[j])
        fn = feats[b]
        return rs.prior_reason(feats[a].classes, fn.sectors, fn.sector_text,
                               inputs[b].description or "")  # fmt: skip

    has_prior = _get(sc, "prior", 0) > 0
    key, prior_first = _first_of([co, need], np.zeros(size, dtype=np.int64))
    out.keyed(has_prior, key, prior)
    po = col["producer"][o]
    out.keyed(po >= 0, po, lambda k: producer_reason(*val["producer"][k]))
    do, dn = col["desc"][o], col["desc"][n]
    similar = _get(sc, "text", 0) >= 0.3
    out.keyed(similar, _pair(do, dn), lambda k: rs.R_SIMILAR[
        val["desc"][(k >> 32) - 1], val["desc"][(k & 0xFFFFFFFF) - 1]])  # fmt: skip

    # Where.
    near = located & ((blocked & BLOCK_DISTANCE) == 0)
    _where(out, keys, o, n, sc, near, no_limit)
    lo, ln = col["lang"][o], col["lang"][n]
    out.keyed(
        ~located,
        _pair(lo, ln),
        lambda k: (
            rs.R_ABROAD
            if abroad(val["lang"][(k >> 32) - 1], val["lang"][(k & 0xFFFFFFFF) - 1])
            else rs.R_NO_LOCATION
        ),
    )

    # Physics.
    _physics(out, keys, o, n, sc, blocked)

    # Law and who.
    lo, ln = col["law_o"][o], col["law_n"][n]
    marks = np.array([v[3] for v in val["law_o"]] or [False])[lo]
    wanted = np.array([v[2] for v in val["law_n"]] or [False])[ln]

    def law(k: int) -> Reason | None:
        (classes, marks_, uses, _m) = val["law_o"][(k >> 32) - 1]
        (wanted_, where, _w) = val["law_n"][(k & 0xFFFFFFFF) - 1]
        return legal_reason(classes, marks_, wanted_ & uses, "conditional", where)

    out.keyed((marks | wanted) & (blocked == 0), _pair(lo, ln), law)
    st = col["status"][o]
    out.keyed(st >= 0, st, lambda k: rs.status_reason(val["status"][k]))
    haz = np.array(val["haz"] or [False])[col["haz"][o]]
    out.fixed(haz & ((blocked & BLOCK_HAZARDOUS) == 0), rs.R_HAZ_OK)
    crm = col["crm"][o]
    out.keyed(crm >= 0, crm, lambda k: rs.crm_reason(val["crm"][k]))
    out.fixed(col["org"][o] == col["org"][n], rs.R_SAME_ORG)
    return out


def _first_of(ids: list[np.ndarray], low: np.ndarray):  # noqa: ANN202
    """Keys ``8 * group + low`` of equal id tuples, and the first pair of each group."""
    stacked = np.stack(ids + [low], axis=1)
    _u, first, group = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    return group.ravel() * 8 + low, first


def _where(out: _Texts, keys: SideKeys, o, n, sc: Scored, near, no_limit) -> None:  # noqa: ANN001
    """Distance, nearness, the material's reach and the road cost of located pairs."""
    idx = np.flatnonzero(near)
    dist = sc.distance_km
    if len(idx):
        kind = _get(sc, "distance", 1)[idx] >= 0.7
        km = [round(d, 1) for d in dist[idx].tolist()]
        made, which, seen = [], [], {}
        for d, k in zip(km, kind.tolist(), strict=True):
            slot = seen.get((d, k))
            if slot is None:
                slot = seen[d, k] = len(made)
                made.append((rs._km_reason(d, "positive" if k else "negative"),))
            which.append(slot)
        out.add(idx, made, np.array(which, dtype=np.int64))
    with np.errstate(invalid="ignore"):
        close = dist <= NEARNESS_KM
    out.keyed(
        near & no_limit,
        close.astype(np.int64),
        lambda k: rs.R_NEARNESS["positive" if k else "info"],
    )
    col, val = keys.col, keys.values
    material = np.array([c == "material" for c in val["cat"]])[col["cat"][o]]
    fo, fn = col["first"][o], col["first"][n]
    first = np.where(fo >= 0, fo, fn)
    side = (fo < 0).astype(np.int64)  # 0: the offer's class, 1: the need's
    with np.errstate(invalid="ignore"):
        within = dist <= keys.reach[np.maximum(first, 0)]
    reach = near & no_limit & material & (first >= 0)

    def reach_reason(k: int) -> Reason | None:
        c, src = val["first"][k >> 2]
        return rs.reach_reason(c, src, "need" if k & 2 else "offer", bool(k & 1))

    out.keyed(reach, first * 4 + side * 2 + within, reach_reason)
    tonnes = np.array(val["tonnes"] or [False])[col["tonnes"][o]]
    handling, per_tkm = keys.cost
    cost = np.rint(handling + np.where(near, dist, 0.0) * per_tkm).astype(np.int64)
    out.keyed(near & tonnes, cost, rs._cost_reason)


def _physics(out: _Texts, keys: SideKeys, o, n, sc: Scored, blocked) -> None:  # noqa: ANN001
    """Quantity, heat pump, time and season reasons."""
    inputs = keys.inputs
    low = _get(sc, "quantity", 1) < 0.8
    out.fixed(low, rs.R_QUANTITY)
    q = keys.quantity
    idx = [j for j in np.flatnonzero(low).tolist() if q[o[j]] and q[n[j]]]
    pct = [round(100 * min(q[o[j]] / q[n[j]], 1.0)) for j in idx]
    out.keyed(_mask(len(o), idx), _at(len(o), idx, pct), rs.pct_reason)
    temp = _get(sc, "temperature", 1)
    idx = [
        j
        for j in np.flatnonzero((temp < 1) & ((blocked & BLOCK_TEMPERATURE) == 0)).tolist()
        if rs._lifted(inputs[o[j]], inputs[n[j]], {"temperature": float(temp[j])})
    ]
    ta, tb = keys.col["temp"][o], keys.col["temp"][n]

    def lifted(k: int) -> tuple[Reason, ...]:
        j = int(temp_first[k])  # a pair with the same two temperatures
        return rs.R_HEAT_PUMP, rs._temps(inputs[o[j]], inputs[n[j]])

    sel = _mask(len(o), idx)
    key, temp_first = _first_of([ta, tb], np.zeros(len(o), dtype=np.int64))
    out.keyed(sel, key // 8, lifted)
    out.fixed((_get(sc, "time", 1) < 1) & ((blocked & BLOCK_TIME) == 0), rs.R_PARTLY)
    season = sc.components.get("season")
    if season is not None:
        so, sn = keys.col["season"][o], keys.col["season"][n]
        names = keys.values["season"]
        out.keyed(~np.isnan(season), _pair(so, sn), lambda k: rs.season_pair(
            names[(k >> 32) - 1], names[(k & 0xFFFFFFFF) - 1]))  # fmt: skip


def _mask(size: int, idx: list[int]) -> np.ndarray:
    m = np.zeros(size, dtype=bool)
    m[idx] = True
    return m


def _at(size: int, idx: list[int], values: list[int]) -> np.ndarray:
    a = np.zeros(size, dtype=np.int64)
    a[idx] = values
    return a
