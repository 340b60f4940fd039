"""The engine's result does not depend on the order its streams come in.

SQLite and PostgreSQL hand the live streams over in different orders (their ids differ), and
the two databases once stored different pairs from the same files: the order decided the
slots and the fitted vocabulary, and so the last bit of scores and which pair a tie kept.
"""

from __future__ import annotations

import random

import pytest

from symbiose.matching.engine import MatchEngine
from symbiose.matching.engine.synthetic import synthetic_streams


def _result(streams, top_n: int) -> list[tuple]:
    """Every field of every match, with the scores' exact bits (``float.hex``)."""
    engine = MatchEngine(streams)
    matches = engine.match_all(top_n=top_n, include_intra_company=True)
    return sorted(
        (m.offer_ref, m.need_ref, m.score.hex(), m.feasible, m.distance_km,
         {k: float(v).hex() for k, v in m.components.items()}, m.reasons)
        for m in matches
    )  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_input_gives_the_same_pairs_scores_and_reasons(seed):
    streams = synthetic_streams(700, seed=seed)
    shuffled = list(streams)
    random.Random(seed).shuffle(shuffled)
    assert [s.ref for s in shuffled] != [s.ref for s in streams]
    expected = _result(streams, top_n=3)
    assert len(expected) > 500
    assert _result(shuffled, top_n=3) == expected
    assert _result(list(reversed(streams)), top_n=3) == expected
