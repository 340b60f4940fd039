"""Reads of what is one's own: the user's organisations and streams, and requests to join.

Like :mod:`symbiose.registry.access`, a refused object raises
:class:`~symbiose.registry.access.NotFound`, exactly like a missing one. The web pages reach
these through :mod:`symbiose.web.permissions`; the contact app and others read them here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from symbiose.registry import access
from symbiose.registry.models import JoinRequest, Membership, Organisation, Stream


def my_organisations(user: Any) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(membership__user=user).order_by("name")


def get_my_organisation(user: Any, ref: str) -> Organisation:
    org = my_organisations(user).filter(ref=ref).first()
    if org is None:
        raise access.NotFound(ref)
    return org


def _holds_admin_role(user: Any, org: Organisation) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, organisation=org, role="admin").exists()


def is_company_admin(user: Any, org: Organisation) -> bool:
    """The organisation's company admins, and platform admins."""
    return getattr(user, "is_superuser", False) or _holds_admin_role(user, org)


def my_streams(user: Any, *, include_archived: bool = False) -> QuerySet[Stream]:
    qs = Stream.objects.select_related("organisation").filter(
        organisation__in=my_organisations(user)
    )
    return qs if include_archived else qs.active()


def get_my_stream(user: Any, ref: str) -> Stream:
    """A stream of one of the user's organisations (the ones they may edit)."""
    stream = my_streams(user, include_archived=True).filter(ref=ref).first()
    if stream is None or not access.can_edit_stream(user, stream):
        raise access.NotFound(ref)
    return stream


def is_my_stream(user: Any, stream: Stream) -> bool:
    """Whether the stream's own pages (edit it, see its matches) open for the user: the rule
    of :func:`get_my_stream`, so a page offers only links that lead somewhere."""
    return my_organisations(user).filter(
        pk=stream.organisation_id
    ).exists() and access.can_edit_stream(user, stream)


def can_decide_join(user: Any, org: Organisation) -> bool:
    """Only the organisation's company admins (not platform admins) approve or decline
    requests to join it."""
    return _holds_admin_role(user, org)


def pending_join_requests(user: Any, org: Organisation) -> QuerySet[JoinRequest]:
    """Requests to join ``org`` waiting for its company admins (none for anyone else)."""
    if not can_decide_join(user, org):
        return JoinRequest.objects.none()
    return JoinRequest.objects.pending().select_related("user").filter(organisation=org)


def get_join_request_to_decide(user: Any, org: Organisation, pk: int) -> JoinRequest:
    req = pending_join_requests(user, org).filter(pk=pk).first()
    if req is None:
        raise access.NotFound(str(pk))
    return req


def my_join_requests(user: Any) -> QuerySet[JoinRequest]:
    """The user's own requests to join, newest first, so they can follow the answer."""
    if not getattr(user, "is_authenticated", False):
        return JoinRequest.objects.none()
    return JoinRequest.objects.select_related("organisation").filter(user=user)


def find_organisations(user: Any, words: str, *, limit: int = 20) -> list[Organisation]:
    """Organisations the user may see (identity-hidden ones are not), by name or org number,
    leaving out those the user already belongs to."""
    words = (words or "").strip()[:100]
    if len(words) < 2:
        return []
    digits = words.replace(" ", "")
    match = Q(name__icontains=words)
    if digits.isdigit():
        match |= Q(org_number=digits)
    qs = access.visible_organisations(user).filter(match).exclude(membership__user=user)
    return list(qs.order_by("name")[:limit])
