"""A flat, growable store of the engine's sparse text vectors, one per slot.

Rows for any set of slots are gathered into a CSR matrix without a Python loop, which keeps
:meth:`~symbiose.matching.engine.engine.MatchEngine.candidates_for` fast at 100k streams.

Examples
--------
>>> import numpy as np
>>> vs = VectorStore()
>>> vs.set(0, np.array([1, 3], np.int32), np.array([0.6, 0.8], np.float32))
>>> vs.set(1, np.array([2], np.int32), np.array([1.0], np.float32))
>>> (vs.rows([1, 0], n_cols=4).toarray() * 10).round().astype(int).tolist()
[[0, 0, 10, 0], [0, 6, 0, 8]]
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


class VectorStore:
    """Sparse vectors appended to flat index/value arrays; a slot points at its latest one.

    Replaced or cleared vectors leave garbage behind until the engine is rebuilt.
    """

    def __init__(self, slots: int = 1024, entries: int = 65_536) -> None:
        self.idx = np.zeros(entries, dtype=np.int32)
        self.val = np.zeros(entries, dtype=np.float32)
        self.used = 0
        self.start = np.zeros(slots, dtype=np.int64)
        self.length = np.zeros(slots, dtype=np.int64)

    def set(self, slot: int, idx: np.ndarray, val: np.ndarray) -> None:
        """Store the vector ``(idx, val)`` for ``slot``."""
        if slot >= len(self.start):
            new = max(slot + 1, 2 * len(self.start))
            self.start = np.concatenate([self.start, np.zeros(new - len(self.start), np.int64)])
            self.length = np.concatenate([self.length, np.zeros(new - len(self.length), np.int64)])
        end = self.used + len(idx)
        if end > len(self.idx):
            new = max(end, 2 * len(self.idx))
            self.idx = np.concatenate([self.idx, np.zeros(new - len(self.idx), np.int32)])
            self.val = np.concatenate([self.val, np.zeros(new - len(self.val), np.float32)])
        self.idx[self.used : end] = idx
        self.val[self.used : end] = val
        self.start[slot], self.length[slot] = self.used, len(idx)
        self.used = end

    def clear(self, slot: int) -> None:
        """Forget the vector of ``slot`` (it becomes empty)."""
        if slot < len(self.length):
            self.length[slot] = 0

    def rows(self, slots, n_cols: int) -> sparse.csr_matrix:
        """CSR matrix whose row ``k`` is the vector of ``slots[k]``."""
        slots = np.asarray(slots, dtype=np.int64).ravel()
        inside = slots < len(self.length)
        lens = np.where(inside, self.length[np.where(inside, slots, 0)], 0)
        starts = self.start[np.where(inside, slots, 0)]
        indptr = np.zeros(len(slots) + 1, dtype=np.int64)
        np.cumsum(lens, out=indptr[1:])
        pos = np.arange(indptr[-1], dtype=np.int64) - np.repeat(indptr[:-1] - starts, lens)
        return sparse.csr_matrix((self.val[pos], self.idx[pos], indptr), shape=(len(slots), n_cols))
