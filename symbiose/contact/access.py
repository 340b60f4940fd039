"""What a user may see of contact requests: the only way views read them.

A request is seen by the members of its two organisations; a refused one raises
:class:`~symbiose.registry.access.NotFound`, exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from symbiose.contact.models import ContactRequest, SavedSearch
from symbiose.registry import access
from symbiose.registry.own import my_organisations, my_streams

#: Fields shown in an anonymous contact request about the requester's stream.
ANONYMOUS_FIELDS = (*access.STREAM_SUMMARY_FIELDS, "legal_status")


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
    from symbiose.contact import display as contact

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
        "can_answer": mine == "target" and req.is_pending,
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


def my_alert(user: Any, stream: Any) -> SavedSearch | None:
    """The user's alert on one of their streams, if they switched it on."""
    if not getattr(user, "is_authenticated", False):
        return None
    return SavedSearch.objects.filter(user=user, stream=stream).first()
