"""Writes for requests to join an organisation: ask, and a company admin's decision.

Same rules as every ``actions.py``: one transaction each, the acting user keyword-only, an
audit row per write (verbs ``join-requested``, ``join-approved``, ``join-declined``), e-mails
queued in the transaction and sent after it. Reads are in :mod:`symbiose.registry.own`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from symbiose.mail.actions import do_queue_mail
from symbiose.registry.actions import audit, do_add_member
from symbiose.registry.models import JoinRequest, Membership, Organisation


class JoinRefused(ValueError):
    """A request to join that may not be made; the message says why."""


#: A user may wait for this many organisations at once; a declined request may be repeated
#: after the cool-off period.
MAX_PENDING_JOINS = 5
JOIN_COOL_OFF = datetime.timedelta(days=30)


@transaction.atomic
def check_request_to_join(org: Organisation, message: str, *, acting_user: Any) -> JoinRequest:
    """Ask to become a member of ``org``; its company admins get an e-mail after commit."""
    mine = JoinRequest.objects.filter(user=acting_user)
    if Membership.objects.filter(user=acting_user, organisation=org).exists():
        raise JoinRefused(_("You are already a member of this organisation."))
    if mine.pending().filter(organisation=org).exists():
        raise JoinRefused(_("You have already asked to join; wait for their answer."))
    since = timezone.now() - JOIN_COOL_OFF
    if mine.filter(organisation=org, status="declined", decided_at__gte=since).exists():
        raise JoinRefused(_("Your request was declined recently; ask again after 30 days."))
    if mine.pending().count() >= MAX_PENDING_JOINS:
        raise JoinRefused(
            _("You are waiting for answers from %(n)d organisations; wait for one first.")
            % {"n": MAX_PENDING_JOINS}
        )
    req = JoinRequest.objects.create(user=acting_user, organisation=org, message=message[:500])
    audit(acting_user, "join-requested", org, request=req.pk)
    admins = list(
        Membership.objects.filter(organisation=org, role="admin").values_list(
            "user__email", flat=True
        )
    )
    who, name, text = acting_user.email, org.name, message[:500]
    _send_join_request(admins, who, name, org.ref, text)
    return req


@transaction.atomic
def do_decide_join(req: JoinRequest, *, approve: bool, acting_user: Any) -> JoinRequest:
    """A company admin approves (the requester becomes a member) or declines a request."""
    req.decide("approved" if approve else "declined", by=acting_user)
    req.save(update_fields=["status", "decided_by", "decided_at"])
    audit(acting_user, f"join-{req.status}", req.organisation, user=req.user.get_username())
    if approve:
        do_add_member(req.organisation, req.user, acting_user=acting_user, role="member")
    email, name, status = req.user.email, req.organisation.name, req.status
    _send_join_answer(email, name, status)
    return req


def _send_join_request(admins: list[str], who: str, org_name: str, ref: str, text: str) -> None:
    from django.urls import reverse

    url = reverse("web:org_detail", args=[ref])
    do_queue_mail(
        admins,
        f"Symbiose: {org_name}",
        f"{who} asks to join {org_name} on Symbiose. Approve or decline under Members: {url}\n"
        f"{who} ber om å bli med i {org_name} på Symbiose. Godkjenn eller avslå under "
        f"Medlemmer: {url}\n\n{text}",
    )


def _send_join_answer(email: str, org_name: str, status: str) -> None:
    en = {"approved": "approved", "declined": "declined"}[status]
    nb = {"approved": "godkjent", "declined": "avslått"}[status]
    do_queue_mail(
        [email],
        f"Symbiose: {org_name}",
        f"Your request to join {org_name} was {en}.\n"
        f"Forespørselen din om å bli med i {org_name} er {nb}.",
    )
