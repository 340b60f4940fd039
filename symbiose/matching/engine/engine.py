"""The matching engine: rank needs for every offer and offers for every need.

Examples
--------
>>> from symbiose.matching.engine import MatchEngine, StreamInput
>>> streams = [
...     StreamInput("o1", "power", "offer", "material",
...                 "FGD gypsum from flue gas desulphurisation", lat=55.68, lon=11.08),
...     StreamInput("n1", "boards", "need", "material", "gips som råstoff til gipsplater",
...                 lat=55.67, lon=11.10),
... ]
>>> [(m.offer_ref, m.need_ref, m.feasible) for m in MatchEngine(streams).match_all()]
[('o1', 'n1', True)]
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
from scipy import sparse

from . import build
from .basis import config_hash, input_hash, inputs_digest, pair_basis
from .blockscore import block_contenders
from .features import FeatureTable, StreamFeatures, stream_features
from .geo import grid_cell
from .index import BlockIndex, split_blocks
from .parallel import fork_map
from .physics import LOCAL
from .reasons import build_reasons
from .scoring import Scored, rank_key, score_pairs
from .text import Vectoriser
from .ties import tiebreak
from .topn import MatchBatch, Selection, side_flags, union_of_blocks
from .types import EngineConfig, Match, StreamInput
from .vectors import VectorStore

MATCH_BATCH = 20_000  # matches built at once by iter_match_all
# Registries from this size use EngineConfig.workers processes (see parallel.py).
PARALLEL_STREAMS = 5_000
PARALLEL_PAIRS = 5_000_000
PARALLEL_SCORED = 100_000  # chosen pairs from which select_all scores them in forks


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector: the engine allocates many objects and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class MatchEngine:
    """Score and rank offer-need pairs; supports incremental adds, edits and removals.

    Parameters
    ----------
    streams : sequence of StreamInput
        The registry; refs must be unique.
    config : EngineConfig, optional
        Weights and limits.
    vectoriser : Vectoriser, optional
        Text weights fitted earlier (kept as they are); by default they are fitted on
        ``streams``. Engines sharing one fit score every pair identically.

    Equal rank keys are ordered by :func:`~.ties.tiebreak` of the counterpart's ref, so
    every engine with the same streams and fit ranks them the same way, whatever their
    slots (``match_all`` and ``candidates_for`` agree). The streams are taken in order of
    ref, so the slots, the fitted vocabulary and every score's last bit do not depend on the
    order they came in (SQLite and PostgreSQL read them in different orders).
    """

    def __init__(self, streams: Sequence[StreamInput], *, config: EngineConfig | None = None,
                 vectoriser: Vectoriser | None = None):  # fmt: skip
        self.cfg = config or EngineConfig()
        self.table = FeatureTable(len(streams) + 16)
        self.index = BlockIndex(cell_km=max(self.cfg.heat_max_km, self.cfg.water_km,
                                            self.cfg.gas_km))  # fmt: skip
        self.slots: dict[str, int] = {}
        self.inputs: list[StreamInput | None] = []
        self.feats: list[StreamFeatures | None] = []
        self.vectors = VectorStore(len(streams) + 16, 64 * (len(streams) + 16))
        self._free: list[int] = []
        self._keys: list[tuple | None] = []
        self._tb = np.zeros(len(streams) + 16, dtype=np.int64)
        self._ih = np.zeros(len(streams) + 16, dtype=np.uint64)  # input_hash per slot
        streams = sorted(streams, key=lambda s: s.ref)
        with _gc_paused():
            workers = self.cfg.workers if len(streams) >= PARALLEL_STREAMS else 1
            build.file_streams(self, streams, vectoriser, workers)

    # -- registry -----------------------------------------------------------------------------
    def _cell(self, s: StreamInput):  # at its site as ranked (shown area of a hidden site)
        return grid_cell(*s.site, self.index.cell_km) if s.category in LOCAL and s.site else None

    def _insert(self, s: StreamInput, f: StreamFeatures, vector=None, hashed=None) -> None:
        """File one stream; ``vector`` is its text vector and ``hashed`` its
        :func:`~.basis.input_hash` when already made (else made here from ``f.doc``)."""
        if s.direction not in ("offer", "need"):
            raise ValueError(f"direction must be 'offer' or 'need', not {s.direction!r}")
        slot = self._free.pop() if self._free else len(self.inputs)
        if slot == len(self.inputs):
            self.inputs.append(None)
            self.feats.append(None)
            self._keys.append(None)
        self.vectors.set(slot, *(vector or self.vectoriser.transform(f.doc)))
        self.inputs[slot], self.feats[slot] = s, (replace(f, doc={}) if f.doc else f)
        self.table.set_row(slot, s, f)
        if slot >= len(self._tb):
            self._tb = np.concatenate([self._tb, np.zeros(len(self._tb) + 16, np.int64)])
            self._ih = np.concatenate([self._ih, np.zeros(len(self._tb) - len(self._ih),
                                                          np.uint64)])  # fmt: skip
        self._tb[slot] = tiebreak(s.ref)
        self._ih[slot] = input_hash(s) if hashed is None else hashed
        place = grid_cell(*s.site, self.index.cell_km) if s.site else None
        key = (slot, s.direction, s.category, f.roots, self._cell(s), place)
        self._keys[slot] = key
        self.index.add(*key)
        self.slots[s.ref] = slot

    def add_or_update(self, stream: StreamInput) -> None:
        """Add a new stream or replace the one with the same ref (no full recompute)."""
        if stream.ref in self.slots:
            self.remove(stream.ref)
        self._insert(stream, stream_features(stream, self.cfg))

    def remove(self, ref: str) -> None:
        """Forget a stream. Raises KeyError for an unknown ref."""
        slot = self.slots.pop(ref)
        self.index.discard(*self._keys[slot])
        self.table.active[slot] = False
        self.inputs[slot] = self.feats[slot] = self._keys[slot] = None
        self.vectors.clear(slot)
        self._free.append(slot)

    def inputs_digest(self) -> str:
        """:func:`~.basis.inputs_digest` of the streams this engine holds."""
        slots = [self.slots[ref] for ref in sorted(self.slots)]
        return inputs_digest(self._ih[slots])

    def stream(self, ref: str) -> StreamInput:
        """The stream with this ref."""
        return self.inputs[self.slots[ref]]

    def features(self, ref: str) -> StreamFeatures:
        """What the engine derived from the stream with this ref."""
        return self.feats[self.slots[ref]]

    # -- text -----------------------------------------------------------------------------------
    def _rows(self, slots) -> sparse.csr_matrix:
        return self.vectors.rows(slots, max(len(self.vectoriser.vocab), 1))

    # -- scoring -------------------------------------------------------------------------------
    def _score(self, o, n, text) -> Scored:
        return score_pairs(self.table, o, n, text, self.cfg)

    def _scored(self, o_slots: np.ndarray, n_slots: np.ndarray) -> Scored:
        """Score aligned 1-D slot arrays (text similarity, components, feasibility)."""
        xo, xn = self._rows(o_slots), self._rows(n_slots)
        text = np.asarray(xo.multiply(xn).sum(axis=1)).ravel()
        return self._score(o_slots, n_slots, text)

    def _matches(self, o_slots, n_slots) -> list[Match]:
        """Build Match objects (with reasons) for aligned 1-D slot arrays."""
        if len(o_slots) == 0:
            return []
        o_slots = np.asarray(o_slots)
        n_slots = np.asarray(n_slots)
        return self._build(o_slots, n_slots, self._scored(o_slots, n_slots))

    def _build(self, o_slots: np.ndarray, n_slots: np.ndarray, sc: Scored) -> list[Match]:
        """Match objects with their reasons for scored aligned slot arrays."""
        names = list(sc.components)
        comp_rows = np.stack([sc.components[k] for k in names], axis=1).tolist()
        cost = (self.cfg.transport_nok_per_tkm, self.cfg.handling_nok_per_t)
        inputs, feats = self.inputs, self.feats
        out = []
        for os_, ns_, comp_row, score, feasible, blocked, dist, limit, rank in zip(
            o_slots.tolist(), n_slots.tolist(), comp_rows, sc.score.tolist(),
            sc.feasible.tolist(), sc.blocked.tolist(), sc.distance_km.tolist(),
            sc.limit_km.tolist(), sc.rank.tolist(), strict=True,
        ):  # fmt: skip
            o, nd = inputs[os_], inputs[ns_]
            comp = {name: v for name, v in zip(names, comp_row, strict=True) if v == v}
            dist = None if dist != dist else dist
            limit = limit if math.isfinite(limit) else None
            reasons = build_reasons(o, nd, feats[os_], feats[ns_], comp, blocked, dist, limit,
                                    *cost)  # fmt: skip
            out.append(Match(
                offer_ref=o.ref, need_ref=nd.ref, score=score, feasible=feasible,
                distance_km=dist, components=comp, reasons=reasons,
                intra_company=o.org_ref == nd.org_ref, rank=rank))  # fmt: skip
        return out

    def candidates_for(
        self,
        ref: str,
        top_n: int = 10,
        include_intra_company: bool = False,
        include_infeasible: bool = True,
    ) -> list[Match]:
        """Rank the counterparts of one stream against everything in the engine.

        Raises KeyError for an unknown ref.
        """
        o, n, key = self._ranked(ref, include_intra_company, include_infeasible)
        return self._matches(o[:top_n], n[:top_n])

    def _ranked(self, ref: str, inc_intra: bool, inc_infeasible: bool):
        slot = self.slots[ref]
        cands = np.fromiter(self.index.candidates(*self._keys[slot]), dtype=np.int64)
        if len(cands) == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        is_offer = self.inputs[slot].direction == "offer"
        mine = np.full(len(cands), slot)
        o, n = (mine, cands) if is_offer else (cands, mine)
        x_self = self._rows([slot])
        text = np.asarray((self._rows(cands) @ x_self.T).todense()).ravel()
        sc = self._score(o, n, text)
        intra = self.table.org[o] == self.table.org[n]
        key = rank_key(sc, intra, self.cfg, inc_intra, inc_infeasible)
        keep = np.flatnonzero(np.isfinite(key))
        keep = keep[np.lexsort((self._tb[cands[keep]], -key[keep]))]
        return o[keep], n[keep], key[keep]

    def ranked(
        self, ref: str, include_intra_company: bool = True, include_infeasible: bool = True
    ) -> list[tuple[str, float]]:
        """Every counterpart of one stream with its rank key, best first (no reasons built).

        The rank key is ``score + 1`` for feasible pairs and ``score`` otherwise; ties are
        ordered by :func:`~.ties.tiebreak` of the counterpart's ref. Raises KeyError for an
        unknown ref.
        """
        o, n, key = self._ranked(ref, include_intra_company, include_infeasible)
        other = n if self.inputs[self.slots[ref]].direction == "offer" else o
        inputs = self.inputs
        return [(inputs[s].ref, k) for s, k in zip(other.tolist(), key.tolist(), strict=True)]

    def pairs(self, pairs: Sequence[tuple[str, str]], salt: int | None = None):
        """Score the given ``(offer_ref, need_ref)`` pairs with their reasons.

        Returns the matches, or with ``salt`` the matches and their :meth:`basis`.
        """
        o = np.fromiter((self.slots[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
        n = np.fromiter((self.slots[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
        if salt is None:
            return self._matches(o, n)
        if len(o) == 0:
            return [], np.zeros(0, dtype=np.int64)
        sc = self._scored(o, n)
        return self._build(o, n, sc), self.basis(o, n, sc, salt)

    def select_all(self, top_n: int = 5, include_intra_company: bool = False,
                   include_infeasible: bool = True,
                   batch: int = MATCH_BATCH) -> Selection:  # fmt: skip
        """Choose and score the pairs of :meth:`match_all` without building any match.

        Holds plain arrays only (a few hundred bytes per pair), so it is cheap to keep while
        :meth:`iter_matches` builds the matches ``batch`` pairs at a time.
        """
        o, n = self._select(top_n, include_intra_company, include_infeasible)
        starts = range(0, len(o), batch)
        # The chosen pairs are scored part by part in forked processes on large registries
        # (they see the engine and the pairs: only a part's start travels to them).
        workers = self.cfg.workers if len(o) >= PARALLEL_SCORED else 1
        scored = fork_map(lambda k: self._scored(o[k : k + batch], n[k : k + batch]), starts,
                          workers, min_items=2, chunks_per_worker=4)  # fmt: skip
        parts = [(o[k : k + batch], n[k : k + batch], sc)
                 for k, sc in zip(starts, scored, strict=True)]  # fmt: skip
        if parts:
            rank = np.concatenate([sc.rank for _o, _n, sc in parts])
            by_offer, by_need = side_flags(o, n, rank, self._tb, top_n)
        else:
            by_offer = by_need = np.zeros(0, dtype=bool)
        return Selection(parts, by_offer, by_need, list(starts))

    def match_batch(self, selection: Selection, k: int, take=None) -> MatchBatch:
        """The matches of part ``k`` of a :meth:`select_all` result, with their flags.

        Leaves the selection as it is, so forked processes can build different parts of
        one selection side by side (the results equal :meth:`iter_matches`' batches).
        ``take`` (positions within the part) builds only those pairs.
        """
        part = selection.parts[k]
        if part is None:
            raise ValueError("this selection's matches were already built")
        o, n, sc = part
        start = selection.starts[k]
        flags = [f[start : start + len(o)] for f in (selection.by_offer, selection.by_need)]
        if take is not None:
            o, n, sc, flags = o[take], n[take], sc.take(take), [f[take] for f in flags]
        with _gc_paused():
            matches = self._build(o, n, sc)
        return MatchBatch(matches, *(f.tolist() for f in flags))

    def basis(self, o_slots: np.ndarray, n_slots: np.ndarray, sc: Scored, salt: int = 0):
        """Each scored pair's :func:`~.basis.pair_basis` (``salt``: the caller's code version).

        Pairs with equal bases build equal matches, reasons included.
        """
        seed = config_hash(self.cfg, salt)
        return pair_basis(seed, self._ih[o_slots], self._ih[n_slots], sc)

    def iter_matches(self, selection: Selection) -> Iterator[MatchBatch]:
        """Build the matches of a :meth:`select_all` result one batch at a time, in order.

        Each part of the selection is dropped once its batch is built, so memory holds one
        batch of matches (plus what the caller keeps).
        """
        for k in range(len(selection.parts)):
            batch = self.match_batch(selection, k)
            selection.parts[k] = None
            yield batch

    def iter_match_all(
        self,
        top_n: int = 5,
        include_intra_company: bool = False,
        include_infeasible: bool = True,
        batch: int = MATCH_BATCH,
    ) -> Iterator[MatchBatch]:
        """:meth:`match_all` in consecutive batches, each with its pairs' top-N flags.

        Concatenated, the batches' matches are exactly ``match_all``'s list, whatever
        ``batch`` is: store them as they come to keep memory flat on large registries.
        """
        selection = self.select_all(top_n, include_intra_company, include_infeasible, batch)
        return self.iter_matches(selection)

    def match_all(
        self, top_n: int = 5, include_intra_company: bool = False, include_infeasible: bool = True
    ) -> list[Match]:
        """For every offer its top-N needs and for every need its top-N offers (union).

        Returned best first: feasible before infeasible, then by score.
        """
        batches = self.iter_match_all(top_n, include_intra_company, include_infeasible)
        return [m for b in batches for m in b.matches]

    def _select(self, top_n: int, inc_intra: bool, inc_infeasible: bool):
        """Offer and need slots of the ``match_all`` result, in its order (no matches built)."""
        empty = np.zeros(0, dtype=np.int64)
        live = [s for s in range(len(self.inputs)) if self.inputs[s] is not None]
        if not live:
            return empty, empty
        x_all = self._rows(range(len(self.inputs)))
        split = split_blocks(self.index.blocks(), self.table.rlat, self.table.rlon)
        blocks = [(o, n) for o, n in split if o and n]
        pairs = sum(len(o) * len(n) for o, n in blocks)

        def block_top(k: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
            out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
            block_contenders(self.table, self.cfg, *blocks[k], x_all, top_n, inc_intra,
                             inc_infeasible, out)  # fmt: skip
            return out

        workers = self.cfg.workers if pairs >= PARALLEL_PAIRS else 1
        o, n = union_of_blocks(block_top, len(blocks), workers, self._tb, len(self.inputs), top_n)
        # Back to int64: the text product's sparse rows (and so the last bit of a score)
        # depend on the index type.
        return o.astype(np.int64), n.astype(np.int64)
