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

#: What a sector's input counts for an offer read only as a broader class of it ("biomass"
#: for the wood a pallet maker takes): as much as a sector's other inputs (0.75), since the
#: offer may be that input or another of its kind; an estimate, not fitted.
NARROWER_INPUT = 0.75


@lru_cache(maxsize=1)
def _class_ids() -> list[str]:
    return [m.id for m in load_materials()]


class InputSets:
    """Distinct weighted class sets (what a sector takes) and their table against profiles.

    ``table(profiles)[cprof, row]`` is the largest weight the set gives a class of the
    profile or one of its ancestors, or ``narrower`` times the weight it gives one of the
    class's narrower classes (an offer read only as "biomass" may be the wood a pallet maker
    takes; 0: never); built for the profiles and sets seen so far and extended when either
    grows.

    >>> wood, broad, plain = (("wood_clean", 1.0),), InputSets(narrower=0.75), InputSets()
    >>> rows = broad.row(wood), plain.row(wood)
    >>> biomass = np.array([[_class_ids().index("biomass")]]), np.array([[1.0]])
    >>> float(broad.table(biomass)[0, rows[0]]), float(plain.table(biomass)[0, rows[1]])
    (0.75, 0.0)
    """

    def __init__(self, narrower: float = 0.0) -> None:
        self.narrower = narrower
        self.sets: dict[tuple[tuple[str, float], ...], int] = {(): 0}
        self._table: np.ndarray | None = None
        self._covered: dict[int, np.ndarray] = {}  # set row -> how much it takes each class

    def _narrower_weights(self, inputs) -> dict[str, float]:
        """``narrower`` times the largest weight of an input below each broader class."""
        out: dict[str, float] = {}
        if self.narrower <= 0:
            return out
        for cls, w in inputs:
            for a in ancestors(cls)[1:]:
                out[a] = max(out.get(a, 0.0), self.narrower * w)
        return out

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
                below = self._narrower_weights(inputs)
                covered = np.array([max(max((weights.get(a, 0.0) for a in ancestors(c)),
                                            default=0.0), below.get(c, 0.0))
                                    for c in ids] + [0.0])  # fmt: skip
                self._covered[j] = covered
            hit = covered[cls[start:]] * (w[start:] > 0)
            table[start:, j] = hit.max(axis=1)
        self._table = table
        return table
