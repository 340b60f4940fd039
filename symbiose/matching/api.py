"""Matching API: ranked candidates of one of the requester's own streams."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router

from symbiose.matching.access import matches_for_stream
from symbiose.matching.schemas import MatchFilterIn, MatchOut
from symbiose.registry import access

router = Router(tags=["matching"])


@router.get("/streams/{ref}/matches", response=list[MatchOut])
def stream_matches(request: HttpRequest, ref: str, filters: Query[MatchFilterIn]) -> list:
    """Candidates for a stream the requester may edit (their own, or their hub's)."""
    try:
        stream = access.get_stream(request.user, ref)
    except access.NotFound:
        raise Http404 from None
    if not access.can_edit_stream(request.user, stream):
        raise Http404
    return matches_for_stream(
        request.user,
        stream,
        feasible_only=filters.feasible_only,
        category=filters.category,
        max_km=filters.max_km,
        limit=max(1, min(filters.limit, 100)),
    )
