"""Who may do what in the web pages: the one place pages ask, never templates.

Reads of other people's streams still go through :mod:`symbiose.registry.access` and
:mod:`symbiose.matching.access`; this module adds the rules that belong to the pages
(my organisations, company admins, contact requests). A refused object raises
:class:`~symbiose.registry.access.NotFound`, exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from symbiose.matching.contact_models import ContactRequest
from symbiose.registry import access
from symbiose.registry.models import JoinRequest, Membership, Organisation, Stream

#: Fields shown in an anonymous contact request about the requester's stream.
ANONYMOUS_FIELDS = (*access.STREAM_SUMMARY_FIELDS, "legal_status")


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


def is_facilitator(user: Any) -> bool:
    return access.viewer_for(user).is_facilitator or getattr(user, "is_superuser", False)


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


def contact_requests(user: Any) -> QuerySet[ContactRequest]:
    """Requests the user's organisations sent or received."""
    orgs = my_organisations(user)
    return ContactRequest.objects.select_related(
        "requester_stream", "target_stream", "requester_org", "target_org"
    ).filter(Q(requester_org__in=orgs) | Q(target_org__in=orgs))


def get_contact_request(user: Any, pk: int) -> ContactRequest:
    req = contact_requests(user).filter(pk=pk).first()
    if req is None:
        raise access.NotFound(str(pk))
    return req


def side(user: Any, req: ContactRequest) -> str:
    """``"requester"`` or ``"target"``: which side of the request the user is on."""
    orgs = set(my_organisations(user).values_list("id", flat=True))
    return "requester" if req.requester_org_id in orgs else "target"


def contact_view(user: Any, req: ContactRequest) -> dict[str, Any]:
    """What the user may see of a request: the counterpart anonymous until it is accepted.

    The receiver of a pending request sees only :data:`ANONYMOUS_FIELDS` of the requester's
    stream (never who asks, whatever the stream's own setting); the requester sees the target
    stream as it is shown to them (its owner named only if its identity is not hidden).
    """
    mine = side(user, req)
    own_stream = req.requester_stream if mine == "requester" else req.target_stream
    other_stream = req.target_stream if mine == "requester" else req.requester_stream
    other_org = req.target_org if mine == "requester" else req.requester_org
    accepted = req.status == "accepted"
    other = access.redacted(user, other_stream)
    if not access.can_see_stream(user, other_stream):
        other = {k: other[k] for k in ("direction", "category")}
    elif mine == "target" and not accepted:
        other = {k: other[k] for k in ANONYMOUS_FIELDS}
    contacts = []
    if accepted:
        contacts = list(other_org.members.order_by("email").values_list("email", flat=True))
    from symbiose.web import contact

    return {
        "decision": contact.decision(user, req) if mine == "target" and not accepted else None,
        "people": contact.people(req, mine),
        "side": mine,
        "request": req,
        "own_stream": own_stream,
        "other": other,
        "other_org": other_org if accepted else None,
        "contacts": contacts,
        "accepted": accepted,
        "can_answer": mine == "target" and req.status == "pending",
        # not "messages": that name is Django's messages framework in templates
        "thread": list(req.messages.select_related("author_org")) if accepted else [],
    }


def named_own_streams(user: Any) -> dict[str, str]:
    """My streams that show our name to other members (ref -> title): a receiver who sees
    such a stream in their matches could guess who sent an anonymous request about it."""
    return {
        s.ref: s.title
        for s in my_streams(user).filter(visibility__in=("public", "members"))
        if not s.is_sensitive("identity")
    }


def can_decide_join(user: Any, org: Organisation) -> bool:
    """Only the organisation's company admins (not platform admins) approve or decline
    requests to join it."""
    return _holds_admin_role(user, org)


def pending_join_requests(user: Any, org: Organisation) -> QuerySet[JoinRequest]:
    """Requests to join ``org`` waiting for its company admins (none for anyone else)."""
    if not can_decide_join(user, org):
        return JoinRequest.objects.none()
    return JoinRequest.objects.select_related("user").filter(organisation=org, status="pending")


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
