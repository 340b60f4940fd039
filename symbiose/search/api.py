"""Search API: the page's search, saved searches and notifications, for signed-in users.

Thin: filters are checked by :func:`symbiose.search.filters.parse` (a bad one is a 422 naming
it), results come from :mod:`symbiose.search.access`, redacted for the requester exactly as
on the page. Anonymous requests get a 401: search is for signed-in users.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.security import django_auth

from symbiose.registry import access as registry_access
from symbiose.search import access
from symbiose.search.actions import (
    SearchError,
    check_create_watch,
    check_save_search,
    do_delete_watch,
    do_mark_read,
)
from symbiose.search.filters import parse
from symbiose.search.schemas import (
    NotificationOut,
    ProblemsOut,
    SavedSearchIn,
    SavedSearchOut,
    SearchIn,
    SearchOut,
    WatchIn,
    WatchOut,
)
from symbiose.search.tasks import index_being_built

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
        "count": len(hits), "index_building": index_being_built(),
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


@router.post("/notifications/read", response={204: None})
def mark_read(request: HttpRequest):
    do_mark_read(request.user)
    return Status(204, None)


def _watch_out(watch) -> dict:
    lang = translation.get_language() or "nb"
    return {"id": watch.pk, "kind": watch.kind,
            "description": access.describe_watch(watch, lang),
            "created_at": watch.created_at}  # fmt: skip


@router.get("/watches", response=list[WatchOut])
def watches(request: HttpRequest) -> list[dict]:
    return [_watch_out(w) for w in access.watches(request.user)]


@router.post("/watches", response={201: WatchOut, 422: ProblemsOut})
def create_watch(request: HttpRequest, body: WatchIn):
    """Start watching; a saved search must be one's own and a stream one may see (anything
    else reads as missing)."""
    saved = stream = None
    if body.kind == "search" and body.saved_search is not None:
        try:
            saved = access.get_saved_search(request.user, body.saved_search)
        except registry_access.NotFound:
            saved = None
    if body.kind == "stream" and body.stream:
        try:
            stream = registry_access.get_stream(request.user, body.stream)
        except registry_access.NotFound:
            stream = None
    values = body.dict(exclude={"saved_search", "stream"})
    try:
        watch = check_create_watch(values, acting_user=request.user, saved_search=saved,
                                   stream=stream)  # fmt: skip
    except SearchError as exc:
        return Status(422, {"problems": exc.messages})
    return Status(201, _watch_out(watch))


@router.api_operation(["DELETE"], "/watches/{watch_id}", response={204: None, 404: ProblemsOut})
def delete_watch(request: HttpRequest, watch_id: int):
    try:
        watch = access.get_watch(request.user, watch_id)
    except registry_access.NotFound:
        return Status(404, {"problems": [_("No such watch.")]})
    do_delete_watch(watch, acting_user=request.user)
    return Status(204, None)
