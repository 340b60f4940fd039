"""Evaluation of rankers against a truth table of documented exchanges.

Examples
--------
>>> from symbiose.matching.engine.types import StreamInput
>>> streams = [StreamInput("o1", "a", "offer", "material", "FGD gypsum", ewc_code="100105"),
...            StreamInput("n1", "b", "need", "material", "Gips til gipsplater")]
>>> res = evaluate_rankers(streams, [("o1", "n1")])
>>> res["engine"]["offer"]["recall@1"]
1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .baseline import BaselineRanker
from .engine import MatchEngine
from .metrics import evaluate_side, truth_by_query
from .scale import attention_score
from .types import StreamInput


def rankings(
    streams: Sequence[StreamInput], truth: Iterable[tuple[str, str]], top_n: int = 10
) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Ranked counterpart refs per ranker ("engine", "baseline"), side and truth query."""
    truth = list(truth)
    engine = MatchEngine(streams)
    base = BaselineRanker(streams)
    out: dict[str, dict[str, dict[str, list[str]]]] = {"engine": {}, "baseline": {}}
    for side in ("offer", "need"):
        out["engine"][side], out["baseline"][side] = {}, {}
        for q in truth_by_query(truth, side):
            ms = engine.candidates_for(q, top_n=top_n)
            out["engine"][side][q] = [m.need_ref if side == "offer" else m.offer_ref for m in ms]
            out["baseline"][side][q] = [r for r, _s in base.rank(q, top_n)]
    return out


def evaluate_rankers(
    streams: Sequence[StreamInput], truth: Iterable[tuple[str, str]], top_n: int = 10
) -> dict[str, dict[str, dict[str, float]]]:
    """recall@1, recall@5 and MRR per ranker and side (the engine never sees ``truth``)."""
    truth = list(truth)
    ranked = rankings(streams, truth, top_n)
    return {
        ranker: {side: evaluate_side(ranked[ranker][side], truth, side) for side in sides}
        for ranker, sides in ranked.items()
    }


def documented_scores(
    streams: Sequence[StreamInput], truth: Iterable[tuple[str, str]]
) -> list[tuple[float, bool]]:
    """The score each documented exchange gets as a threshold reads it
    (:func:`~.scale.attention_score`; 0 when the engine finds the pair infeasible), and
    whether its distance is known: the figures the score thresholds are set from."""
    engine = MatchEngine(streams)
    out = []
    for m in engine.pairs(sorted(set(truth))):
        known = m.distance_km is not None
        out.append((attention_score(m.score, known) if m.feasible else 0.0, known))
    return out
