"""Rank keys of a whole block of pairs, the knowledge part computed once per distinct profile.

``match_all`` scores every entry of every block (162 million at 100 000 streams) only to keep
each row's and column's best keys. The knowledge part of a pair's score
(:func:`~.scoring.knowledge`: category fit, classes, uses, sectors, prior, waste codes) depends
only on a few columns of each stream (:data:`~.scoring.KNOWLEDGE_COLUMNS`), and a block's
streams share few distinct combinations of them (about 6 % as many as the block has pairs in
the synthetic registry). :class:`BlockKeys` computes that part once per pair of distinct
profiles and gathers it; the wording and place parts are computed per pair as before
(:func:`~.where.where_factors`). Every value is made by the same operations in the same order
as :func:`~.scoring.score_pairs` and :func:`~.scoring.rank_key`, so the keys are identical
(``tests/test_block_keys.py``).

Examples
--------
>>> import numpy as np
>>> _flat(np.full((2, 3), 0.5)), _flat(np.array([[0.5, 1.0]])).tolist()
(np.float64(0.5), [0.5, 1.0])
"""

from __future__ import annotations

import numpy as np

from .features import FeatureTable
from .scoring import KNOWLEDGE_COLUMNS, knowledge
from .types import EngineConfig
from .where import ShownSites, where_factors

BLOCK_ENTRIES = 1_000_000  # pairs scored at once in match_all (bounds memory)
#: The profile table is used when it has at most this share of the block's entries (and at
#: most this many entries in all); otherwise the knowledge is computed per chunk, as before.
TABLE_SHARE = 0.5
TABLE_ENTRIES = 1_000_000
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd constant: the hash's multiplier


def _flat(x) -> np.ndarray | np.generic:
    """``x`` as a flat array, or as one scalar when all its values have the same bits (then
    an operation with it gives what it gives with each of them)."""
    a = np.ascontiguousarray(x).reshape(-1)
    if a.size and (a.view(np.uint8).reshape(a.size, -1) == a.view(np.uint8)[: a.itemsize]).all():
        return a[0]
    return a


def profiles(t: FeatureTable, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One representative slot per distinct knowledge profile of ``slots`` and each slot's
    profile number (its position among the representatives)."""
    cols = []
    for name in KNOWLEDGE_COLUMNS:
        v = getattr(t, name)[slots]
        cols.append(v.view(np.int64) if v.dtype == np.float64 else v.astype(np.int64))
    table = np.stack(cols, axis=1)
    # One 64-bit hash per row, then the distinct hashes (a tenth of the cost of comparing
    # whole rows); a collision is caught by the check and the rows are compared instead.
    h = np.zeros(len(slots), dtype=np.uint64)
    for col in table.T:
        h = h * _MIX + col.view(np.uint64)
    _u, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    if not (table[first[inverse]] == table).all():
        _u, first, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
    return slots[first], inverse.reshape(-1)


def _parts(t: FeatureTable, o, n, cfg: EngineConfig) -> list:
    """The knowledge arrays the key needs: category fit, ``w_class × base``, text weight,
    ``w_ewc × ewc0``, the denominator of "what", the link, the bridge and what the law
    allows (None: none, every pair)."""
    k = knowledge(t, o, n, cfg)
    den = cfg.w_class + k.w_text + cfg.w_ewc * k.has_ewc
    bridge = None if k.bridge is None or not k.bridge.any() else k.bridge
    return [k.cat, cfg.w_class * k.base, k.w_text, cfg.w_ewc * k.ewc0, den, k.link, bridge,
            k.legal]  # fmt: skip


class BlockKeys:
    """Rank keys of one block's entries (offers ``o_slots`` against needs ``n_slots``),
    chunk by chunk of offers (:meth:`keys`)."""

    def __init__(self, t: FeatureTable, o_slots: np.ndarray, n_slots: np.ndarray,
                 cfg: EngineConfig) -> None:  # fmt: skip
        self.t, self.cfg, self.o, self.n = t, cfg, o_slots, n_slots
        self.table = None
        po, self.io = profiles(t, o_slots)
        pn, self.inn = profiles(t, n_slots)
        self.width = len(pn)
        size = len(po) * len(pn)
        if size <= TABLE_ENTRIES and size <= TABLE_SHARE * len(o_slots) * len(n_slots):
            shape = (len(po), len(pn))
            parts = _parts(t, po[:, None], pn[None, :], cfg)
            self.table = [None if p is None else _flat(np.broadcast_to(p, shape)) for p in parts]

    def _knowledge(self, rows: np.ndarray, o: np.ndarray) -> list:
        if self.table is None:
            return _parts(self.t, o[:, None], self.n[None, :], self.cfg)
        g = self.io[rows][:, None] * self.width + self.inn[None, :]
        return [p if p is None or np.ndim(p) == 0 else p.take(g) for p in self.table]

    def keys(self, rows: np.ndarray, text, intra, inc_intra: bool,
             inc_infeasible: bool) -> np.ndarray:  # fmt: skip
        """The rank keys (:func:`~.scoring.rank_key`, at the shown sites) of the block's
        offers at positions ``rows`` against all its needs, given their text cosines (and
        ``intra``: same organisation, read only without ``inc_intra``)."""
        t, cfg, n = self.t, self.cfg, self.n
        o = self.o[rows]
        shape = (len(o), len(n))
        cat, a, wt, c, den, link, bridge, legal = self._knowledge(rows, o)
        text = np.clip(np.asarray(text, dtype=np.float64), 0.0, 1.0)
        num = a + wt * text + c
        what = cat * num / den
        w = where_factors(ShownSites(t), o[:, None], n[None, :], bridge, shape, cfg)
        feasible = (cat > 0) & w.ok_dist & w.ok_haz & link
        for ok in (w.ok_t, w.ok_time, legal):
            if ok is not None:
                feasible = feasible & ok
        feasible = np.broadcast_to(feasible, shape)
        raw = what * w.f_dist * w.f_q
        if w.ok_t is not None:  # else f_t is 1 for every pair
            raw = raw * w.f_t
        raw = np.clip(raw * w.f_time * w.f_season, 0.0, 1.0)
        score = np.where(feasible, raw, raw * cfg.infeasible_factor)
        key = score + feasible.astype(np.float64)
        drop = (what < cfg.min_what) | ~link
        if not inc_intra:
            drop = drop | intra
        if not inc_infeasible:
            drop = drop | ~feasible
        return np.where(drop, -np.inf, key)


def block_contenders(t: FeatureTable, cfg: EngineConfig, o_slots, n_slots, x_all, top_n: int,
                     inc_intra: bool, inc_infeasible: bool, acc: list) -> None:  # fmt: skip
    """Append to ``acc`` the contenders of one block as ``(o, n, key)`` arrays: each row's and
    each column's top ``top_n`` keys of every chunk of offers, ties at the N-th key included
    (so the final tie-break, by ref, sees every contender). ``x_all`` holds every slot's text
    vector (rows of a CSR matrix)."""
    o_arr = np.asarray(o_slots)
    n_arr = np.asarray(n_slots)
    xn_t = x_all[n_arr].T.tocsc()
    step = max(1, BLOCK_ENTRIES // max(len(n_arr), 1))
    block = BlockKeys(t, o_arr, n_arr, cfg)
    for start in range(0, len(o_arr), step):
        rows = slice(start, start + step)
        o = o_arr[rows]
        text = (x_all[o] @ xn_t).toarray()
        intra = None if inc_intra else t.org[o][:, None] == t.org[n_arr][None, :]
        key = block.keys(rows, text, intra, inc_intra, inc_infeasible)
        keep = np.zeros(key.shape, dtype=bool)
        for axis in (1, 0):
            if key.shape[axis] > top_n:  # the N-th largest key of each row (column)
                at = key.shape[axis] - top_n
                kth = np.partition(key, at, axis=axis)
                kth = kth[:, at : at + 1] if axis == 1 else kth[at : at + 1, :]
                keep |= key >= kth
            else:
                keep[:] = True
        rows_k, cols = np.nonzero(keep & np.isfinite(key))
        acc.append((o[rows_k], n_arr[cols], key[rows_k, cols]))
