"""``rows.round6`` rounds every float exactly as Python's ``round(v, 6)`` does.

The stored components of a full recompute are rounded by :func:`~symbiose.matching.rows.round6`
and those of a refresh by ``round``; the two must give the same text, so the comparison is
by ``repr`` (``-0.0`` and ``0.0`` differ there), on values chosen where a shortcut would
slip: just below, at and just above a half at the sixth decimal, large and tiny magnitudes.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from symbiose.matching.rows import round6


def _same(values: list[float]) -> None:
    got = round6(np.array(values, dtype=np.float64))
    want = [round(v, 6) for v in values]
    assert [repr(g) for g in got] == [repr(w) for w in want], values


def _near_halves(k: int, scale: int) -> list[float]:
    """Floats next to (k + 0.5) / 10**6 (times 10**scale), where rounding turns."""
    centre = (k + 0.5) / 1e6 * 10.0**scale
    below, above = math.nextafter(centre, -math.inf), math.nextafter(centre, math.inf)
    return [centre, below, above, math.nextafter(below, -math.inf),
            math.nextafter(above, math.inf), -centre, -below, -above]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, width=64), max_size=50))
def test_any_float_rounds_as_python_does(values: list[float]) -> None:
    _same(values)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=-3, max_value=3))
def test_floats_next_to_a_half_round_as_python_does(k: int, scale: int) -> None:
    _same(_near_halves(k, scale))


def test_scores_and_edge_values_round_as_python_does() -> None:
    rng = np.random.default_rng(7)
    unit = rng.random(200_000).tolist()  # scores and factors lie in [0, 1]
    edges = [0.0, -0.0, 1.0, -1e-9, 1e-7, 5e-7, 0.0078125, 1e9, -1e9, 1e15, 1e300, 5e-324,
             math.inf, -math.inf, 0.1234565, 0.9999995, 2.5e-6]  # fmt: skip
    _same(unit + edges)


def test_not_a_number_stays_not_a_number() -> None:
    assert math.isnan(round6(np.array([math.nan]))[0])
