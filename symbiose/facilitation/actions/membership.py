"""Writes for hub membership by consent: invite, ask to join, accept or decline, leave.

An organisation becomes a hub member (and the hub's facilitators its insiders) only when the
other side accepts: a company admin accepts the hub's invitation, or a hub facilitator accepts
the organisation's own request. Who may call which is decided in ``facilitation/access.py``;
these functions check only what is about the rows themselves.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from symbiose.facilitation.actions.hubs import do_add_hub_members, do_remove_hub_member
from symbiose.facilitation.models import Hub, HubMembershipRequest
from symbiose.registry.actions import audit, signed_in
from symbiose.registry.models import Organisation


class MembershipRefused(ValueError):
    """A membership request that may not be made; the message says why."""


def _check_open(hub: Hub, organisation: Organisation) -> None:
    if hub.members.filter(pk=organisation.pk).exists():
        raise MembershipRefused(
            _("%(organisation)s is already a member of %(hub)s.")
            % {"organisation": organisation.name, "hub": hub.name}
        )
    pending = HubMembershipRequest.objects.filter(
        hub=hub, organisation=organisation, status="pending"
    ).first()
    if pending is not None:
        raise MembershipRefused(
            _("An invitation or request is already waiting for an answer.")
            if pending.initiated_by == "hub"
            else _("%(organisation)s has already asked to join; accept or decline it below.")
            % {"organisation": organisation.name}
        )


@transaction.atomic
def check_invite_organisation(
    hub: Hub, organisation: Organisation, *, acting_user: Any, message: str = ""
) -> HubMembershipRequest:
    """The hub invites ``organisation``; it joins only when one of its company admins accepts."""
    _check_open(hub, organisation)
    req = HubMembershipRequest.objects.create(
        hub=hub, organisation=organisation, initiated_by="hub", message=message[:500],
        created_by=signed_in(acting_user),
    )  # fmt: skip
    audit(acting_user, "member-invited", hub, ref=organisation.ref, request=req.pk)
    return req


@transaction.atomic
def check_ask_to_join_hub(
    hub: Hub, organisation: Organisation, *, acting_user: Any, message: str = ""
) -> HubMembershipRequest:
    """A company admin asks for ``organisation`` to join ``hub``; a hub facilitator decides."""
    _check_open(hub, organisation)
    req = HubMembershipRequest.objects.create(
        hub=hub, organisation=organisation, initiated_by="organisation", message=message[:500],
        created_by=signed_in(acting_user),
    )  # fmt: skip
    audit(acting_user, "member-asked", hub, ref=organisation.ref, request=req.pk)
    return req


@transaction.atomic
def do_decide_hub_membership(
    req: HubMembershipRequest, *, accept: bool, acting_user: Any
) -> HubMembershipRequest:
    """Accept (the organisation joins the hub) or decline a pending request."""
    req.decide("accepted" if accept else "declined", by=signed_in(acting_user))
    req.save(update_fields=["status", "decided_by", "decided_at"])
    verb = "member-accepted" if accept else "member-declined"
    audit(acting_user, verb, req.hub, ref=req.organisation.ref, side=req.initiated_by)
    if accept:
        do_add_hub_members(req.hub, [req.organisation], acting_user=acting_user)
    return req


@transaction.atomic
def do_leave_hub(hub: Hub, organisation: Organisation, *, acting_user: Any) -> None:
    """A company admin takes the organisation out of the hub (withdrawing its consent)."""
    do_remove_hub_member(hub, organisation, acting_user=acting_user)
