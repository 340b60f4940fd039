"""Writes of the matching app: stored candidates, recomputed whole or per stream.

Candidates are derived data (the engine's output), so these actions write no audit rows.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from symbiose.matching.adapter import (
    TOP_N,
    candidate_rows,
    get_engine,
    live_streams,
    lock,
    mark_current,
    reset_engine,
    stream_input,
)
from symbiose.matching.models import Candidate
from symbiose.registry.models import Stream


@transaction.atomic
def do_recompute_all(top_n: int = TOP_N) -> int:
    """Recompute and store every stream's candidates; returns how many pairs were stored."""
    reset_engine()
    engine = get_engine()
    matches = engine.match_all(top_n=top_n, include_intra_company=True)
    streams = {s.ref: s for s in live_streams()}
    Candidate.objects.all().delete()
    Candidate.objects.bulk_create(candidate_rows(matches, streams), batch_size=1000)
    return len(matches)


@transaction.atomic
def do_refresh_stream(stream_id: int, top_n: int = TOP_N) -> int:
    """Recompute one stream's candidates incrementally (after it was created, edited, archived)."""
    stream = Stream.objects.select_related("organisation").filter(pk=stream_id).first()
    if stream is None:
        return 0
    engine = get_engine()
    with lock():
        if stream.archived_at is None:
            engine.add_or_update(stream_input(stream))
        elif stream.ref in engine.slots:
            engine.remove(stream.ref)
        mark_current()
    Candidate.objects.filter(Q(offer=stream) | Q(need=stream)).delete()
    if stream.archived_at is not None:
        return 0
    matches = engine.candidates_for(stream.ref, top_n=top_n, include_intra_company=True)
    refs = {m.offer_ref for m in matches} | {m.need_ref for m in matches}
    streams = {s.ref: s for s in live_streams().filter(ref__in=refs)}
    rows = candidate_rows(matches, streams)
    Candidate.objects.bulk_create(rows)
    return len(rows)
