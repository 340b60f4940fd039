"""The best few of a hub's candidates as one viewer ranks them, without reading them all.

A viewer ranks candidates on what they may see (:func:`symbiose.matching.access.rank_rows`):
the score, feasibility and distance are recomputed when a field they read is hidden from the
viewer. For a pair where neither stream hides anything from the viewer but its analysis (the
viewer is an insider of the organisation, or the stream marks nothing else sensitive), the
visible figures are the stored ones, so the database can order those pairs. :func:`top_rows`
therefore reads

* every pair where a side hides more from the viewer (ranked in Python, as before), and
* the best ``k`` of the other pairs in the stored order (and any tied with the ``k``-th),

then ranks the two together and keeps ``k``. Each row read is ranked by the same
:func:`~symbiose.matching.access.ranking_figures` as the full ranking. This rests on what the
engine stores: a pair is feasible exactly when it has no blocking reason, so a pair hiding
nothing is ranked on its stored score and flag (``test_ranking.py`` checks that invariant on
the stored candidates). Should a row read of the second kind come out with other figures, the
stored order cannot be trusted and every row is ranked instead. The result then equals
``rank_rows(viewer, rows)[:k]`` (``facilitation/tests/test_ranking.py``, every role).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from symbiose.matching.access import rank_rows, ranking_figures
from symbiose.matching.models import Candidate
from symbiose.registry import access as registry_access

#: Sensitive-field lists that hide nothing a ranking reads (every new stream marks its
#: analysis: composition rows, which no score, reason or distance reads).
PLAIN_MARKS: tuple[list[str], ...] = ([], ["analysis"])


def plain_q(viewer: Any) -> Q:
    """Pairs whose two streams hide nothing a ranking reads from ``viewer``."""
    if viewer.is_admin:
        return Q()
    insiders = viewer.own_org_ids | viewer.facilitated_org_ids
    out = Q()
    for side in ("offer", "need"):
        plain = Q()
        for marks in PLAIN_MARKS:
            plain |= Q(**{f"{side}__sensitive_fields": marks})
        if insiders:
            plain |= Q(**{f"{side}__organisation_id__in": insiders})
        out &= plain
    return out


def counts(user: Any, rows: QuerySet[Candidate]) -> tuple[int, int]:
    """(rows, rows that hide something a ranking reads from the viewer) in one pass."""
    plain = plain_q(registry_access.viewer_for(user))
    if not plain:
        return rows.count(), 0
    found = rows.aggregate(total=Count("pk"), hiding=Count("pk", filter=~plain))
    return found["total"], found["hiding"]


def top_rows(
    user: Any, rows: QuerySet[Candidate], k: int, *, hiding: int | None = None
) -> list[tuple[Candidate, dict]]:
    """``rank_rows(user, rows)[:k]``: the best ``k`` rows with their figures, reading only
    the rows that hide something from the viewer and the best ``k`` (plus ties) of the rest
    (``hiding``: how many rows hide something, from :func:`counts`; 0 skips reading them)."""
    viewer = registry_access.viewer_for(user)
    if k <= 0:
        return []
    plain = plain_q(viewer)
    ranked = rank_rows(viewer, rows.exclude(plain)) if plain and hiding != 0 else []
    best = _best_stored(rows.filter(plain), k)
    for cand in best:
        fig = ranking_figures(viewer, cand)
        if (fig["score"], fig["feasible"], fig["distance_km"]) != (
            cand.score,
            cand.feasible,
            cand.distance_km,
        ):
            return rank_rows(viewer, rows)[:k]  # the stored order does not hold: rank all
    ranked += rank_rows(viewer, best)
    ranked.sort(
        key=lambda r: (not r[1]["feasible"], -r[1]["score"], r[0].offer.ref, r[0].need.ref)
    )  # fmt: skip  (the order of rank_rows)
    return ranked[:k]


def _best_stored(rows: QuerySet[Candidate], k: int) -> list[Candidate]:
    """The first ``k`` rows in the stored order, and every row tied with the ``k``-th."""
    ordered = rows.order_by("-feasible", "-score", "pk")
    n = k + 20
    while True:
        got = list(ordered[:n])
        if len(got) < n or _key(got[-1]) != _key(got[k - 1]):
            return [c for c in got if _key(c) <= _key(got[min(k, len(got)) - 1])]
        n *= 2


def _key(cand: Candidate) -> tuple[bool, float]:
    return (not cand.feasible, -cand.score)
