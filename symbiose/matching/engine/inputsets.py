"""Weighted class sets (what a need's sector takes, what documented exchanges sent to it) and
their table against the engine's distinct class profiles.

Examples
--------
>>> sets = InputSets()
>>> sets.row(()), sets.row((("gypsum", 1.0),)), sets.row((("gypsum", 1.0),))
(0, 1, 1)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from symbiose.taxonomy.materials import ancestors, load_materials


@lru_cache(maxsize=1)
def _class_ids() -> list[str]:
    return [m.id for m in load_materials()]


class InputSets:
    """Distinct weighted class sets (what a sector takes) and their table against profiles.

    ``table(profiles)[cprof, row]`` is the largest weight the set gives a class of the
    profile or one of its ancestors; built for the profiles and sets seen so far and extended
    when either grows.
    """

    def __init__(self) -> None:
        self.sets: dict[tuple[tuple[str, float], ...], int] = {(): 0}
        self._table: np.ndarray | None = None
        self._covered: dict[int, np.ndarray] = {}  # set row -> how much it takes each class

    def row(self, inputs: tuple[tuple[str, float], ...]) -> int:
        """The row of a set of ``(class, weight)`` inputs (added when new)."""
        return self.sets.setdefault(inputs, len(self.sets))

    def table(self, profiles: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Weights of every (class profile, input set) pair."""
        cls, w = profiles
        n_c, n_s = len(cls), len(self.sets)
        old = self._table
        if old is not None and old.shape == (n_c, n_s):
            return old
        table = np.zeros((n_c, n_s), dtype=np.float64)
        if old is not None:
            table[: old.shape[0], : old.shape[1]] = old
        ids = _class_ids()
        sets = sorted(self.sets, key=self.sets.__getitem__)
        for j, inputs in enumerate(sets):
            if not inputs:
                continue
            start = 0 if old is None or j >= old.shape[1] else old.shape[0]
            if start >= n_c:
                continue
            # Class rows (plus the "no class" row) whose class or an ancestor is an input.
            covered = self._covered.get(j)
            if covered is None:
                weights = dict(inputs)
                covered = np.array([max((weights.get(a, 0.0) for a in ancestors(c)), default=0.0)
                                    for c in ids] + [0.0])  # fmt: skip
                self._covered[j] = covered
            hit = covered[cls[start:]] * (w[start:] > 0)
            table[start:, j] = hit.max(axis=1)
        self._table = table
        return table
