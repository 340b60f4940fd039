"""Search API: the page's search, saved searches and notifications, for signed-in users.

Thin: filters are checked by :func:`symbiose.search.filters.parse` (a bad one is a 422 naming
it), results come from :mod:`symbiose.search.access`, redacted for the requester exactly as
on the page. Anonymous requests get a 401: search is for signed-in users.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.security import django_auth

from symbiose.search import access
from symbiose.search.actions import SearchError, check_save_search
from symbiose.search.filters import parse
from symbiose.search.schemas import (
    NotificationOut,
    ProblemsOut,
    SavedSearchIn,
    SavedSearchOut,
    SearchIn,
    SearchOut,
)

router = Router(tags=["search"], auth=django_auth)


@router.get("/streams", response={200: SearchOut, 422: ProblemsOut})
def search_streams(request: HttpRequest, filters: Query[SearchIn]):
    """Streams the requester may see that pass every filter, redacted; filters act only on
    visible values (see the search page)."""
    params = {
        k: v for k, v in filters.dict().items() if v is not None and k not in ("limit", "offset")
    }
    parsed, problems = parse(params)
    if problems:
        return Status(422, {"problems": problems})
    hits = access.search_streams(request.user, parsed)
    page = hits[filters.offset : filters.offset + filters.limit]
    return Status(200, {
        "count": len(hits),
        "results": [{"stream": h.row, "distance_km": h.distance_km,
                     "distance_coarse": h.distance_coarse} for h in page],
    })  # fmt: skip


@router.get("/saved", response=list[SavedSearchOut])
def saved_searches(request: HttpRequest) -> list:
    return list(access.saved_searches(request.user))


@router.post("/saved", response={201: SavedSearchOut, 422: ProblemsOut})
def save_search(request: HttpRequest, body: SavedSearchIn):
    try:
        saved = check_save_search(body.name, body.query, acting_user=request.user)
    except SearchError as exc:
        return Status(422, {"problems": exc.messages})
    return Status(201, saved)


@router.get("/notifications", response=list[NotificationOut])
def notifications(request: HttpRequest) -> list[dict]:
    return [
        {"id": n.pk, "kind": n.kind, "stream_ref": n.stream_ref, "message": n.message(),
         "created_at": n.created_at, "read": n.read_at is not None}
        for n in access.notifications(request.user)[:200]
    ]  # fmt: skip
