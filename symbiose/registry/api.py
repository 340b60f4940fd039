"""Registry API: the streams the requester may see (session sign-in; anonymous sees public).

Thin: every value comes from :mod:`symbiose.registry.access`, so the API shows exactly what
the pages show, and a stream one may not see is a 404 like a missing one.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router

from symbiose.registry import access
from symbiose.registry.schemas import StreamFilterIn, StreamOut

router = Router(tags=["registry"])


@router.get("/streams", response=list[StreamOut])
def list_streams(request: HttpRequest, filters: Query[StreamFilterIn]) -> list[dict]:
    """Streams visible to the requester, redacted; filter by direction, category, words."""
    viewer = access.viewer_for(request.user)
    qs = access.visible_streams(viewer).order_by("ref")
    if filters.direction:
        qs = qs.filter(direction=filters.direction)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.q:
        qs = qs.filter(title__icontains=filters.q[:100])
    limit = max(1, min(filters.limit, 500))
    offset = max(0, filters.offset)
    return [access.redacted(viewer, s) for s in qs[offset : offset + limit]]


@router.get("/streams/{ref}", response=StreamOut)
def get_stream(request: HttpRequest, ref: str) -> dict:
    try:
        stream = access.get_stream(request.user, ref)
    except access.NotFound:
        raise Http404 from None
    return access.redacted(request.user, stream)
