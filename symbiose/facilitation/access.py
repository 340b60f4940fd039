"""What a user may see and do in facilitation: the only way views, API and reports read it.

* Platform admins see every hub. A hub facilitator sees everything in the hubs they
  facilitate, a system facilitator everything in the hubs they oversee, and neither sees
  anything of other hubs: such a hub looks exactly like a missing one.
* Hub facilitators and admins change a hub's work; system facilitators read it and score the
  hub's portfolio assessment.
* A company member sees the hubs their organisation belongs to (name, description, the
  members they may see) and the opportunities that include their organisation, never the
  facilitators' notes.
* Membership needs consent: a hub invites an organisation and one of its company admins
  accepts, or a company admin asks and a hub facilitator accepts. Until then the hub's
  facilitators see the organisation as any outsider does (they are not its insiders).
* Hubs are created by platform admins and hub facilitators; a system facilitator only reads.
* The Bank of Opportunities holds anonymised entries; every facilitator may search it, so one
  hub can pick up another's idea.
* Follow-up tasks belong to the hub's workspace: its facilitators, the system facilitators
  overseeing it and admins see and change them (overseers too: taking on follow-up work is
  not changing the hub's pipeline); companies never see them.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from symbiose.facilitation.models import (
    BankEntry,
    FollowUpTask,
    Hub,
    HubMembershipRequest,
    Opportunity,
    Workshop,
)
from symbiose.matching.access import VisibleMatch, ranked
from symbiose.matching.models import Candidate
from symbiose.registry import access as registry_access
from symbiose.registry.access import NotFound, viewer_for
from symbiose.registry.models import Membership, Organisation, Stream
from symbiose.registry.viewers import NoRoleViewer

__all__ = ["NotFound"]


def hubs_worked_by(user: Any) -> QuerySet[Hub]:
    """Hubs ``user`` facilitates or oversees, without admin rights counted: the one place the
    facilitator-or-overseer rule is written. May repeat a hub; callers add ``distinct()`` where
    they list rows."""
    return Hub.objects.filter(Q(facilitators=user) | Q(overseers=user))


def facilitated_organisation_ids(user: Any) -> QuerySet:
    """Ids of the organisations in hubs ``user`` facilitates or oversees: they are insiders of
    those organisations (registered with the registry's viewer in ``apps.py``)."""
    hubs = hubs_worked_by(user)
    return Organisation.objects.filter(hubs__in=hubs).values_list("id", flat=True).distinct()


def workspace_hubs(user: Any) -> QuerySet[Hub]:
    """Hubs whose work the user sees in full."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Hub.objects.all()
    if not viewer.is_authenticated:
        return Hub.objects.none()
    return hubs_worked_by(viewer.user).distinct()


def hub_workspaces(user: Any) -> list[tuple[str, frozenset[int]]]:
    """The hubs whose work ``user`` sees in full, as (name, member organisation ids): what
    ``resources.access.workspaces`` asks (registered in ``FacilitationConfig.ready``)."""
    return [
        (hub.name, frozenset(o.id for o in hub.members.all()))
        for hub in workspace_hubs(user).prefetch_related("members")
    ]


def member_hubs(user: Any) -> QuerySet[Hub]:
    """Hubs the user's organisations belong to."""
    viewer = viewer_for(user)
    if not viewer.own_org_ids:
        return Hub.objects.none()
    return Hub.objects.filter(members__id__in=viewer.own_org_ids).distinct()


def get_workspace_hub(user: Any, slug: str) -> Hub:
    hub = workspace_hubs(user).filter(slug=slug).first()
    if hub is None:
        raise NotFound(slug)
    return hub


def get_hub(user: Any, slug: str) -> Hub:
    """A hub for its page: workspace users and member companies; others get NotFound."""
    hub = (workspace_hubs(user) | member_hubs(user)).filter(slug=slug).distinct().first()
    if hub is None:
        raise NotFound(slug)
    return hub


def in_workspace(user: Any, hub: Hub) -> bool:
    return workspace_hubs(user).filter(pk=hub.pk).exists()


def can_edit(user: Any, hub: Hub) -> bool:
    """Hub facilitators and admins change the hub's work."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return True
    return viewer.is_authenticated and hub.facilitators.filter(pk=viewer.user.pk).exists()


def can_assess(user: Any, hub: Hub) -> bool:
    """Portfolio scores: the hub's facilitators, its system facilitators and admins."""
    viewer = viewer_for(user)
    return can_edit(user, hub) or (
        viewer.is_authenticated and hub.overseers.filter(pk=viewer.user.pk).exists()
    )


def can_create_hub(user: Any) -> bool:
    """Platform admins and hub facilitators create hubs; system facilitators only read.

    A new hub has no members: organisations join only by consent, so creating a hub gives its
    facilitator no view of anyone's data.
    """
    viewer = viewer_for(user)
    return viewer.is_admin or (viewer.is_authenticated and viewer.user.facilitated_hubs.exists())


def admin_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations in which the user is a company admin (they answer for it to hubs)."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        return Organisation.objects.none()
    ids = Membership.objects.filter(user=viewer.user, role="admin").values("organisation_id")
    return Organisation.objects.filter(id__in=ids).order_by("name")


def hub_pending_requests(user: Any, hub: Hub) -> QuerySet[HubMembershipRequest]:
    """The hub's pending invitations and requests, for those who change the hub's work."""
    if not can_edit(user, hub):
        return HubMembershipRequest.objects.none()
    return hub.membership_requests.pending().select_related("organisation")


def organisation_pending_requests(user: Any) -> QuerySet[HubMembershipRequest]:
    """Pending invitations to, and requests by, the organisations the user is company admin of."""
    return HubMembershipRequest.objects.filter(
        organisation__in=admin_organisations(user), status="pending"
    ).select_related("hub", "organisation")


def can_decide_membership(user: Any, req: HubMembershipRequest) -> bool:
    """The side that did not start the request decides it: the organisation's company admins
    answer an invitation (platform admins do not consent for a company), the hub's
    facilitators and admins answer a company's request."""
    if req.status != "pending":
        return False
    if req.initiated_by == "hub":
        return admin_organisations(user).filter(pk=req.organisation_id).exists()
    return can_edit(user, req.hub)


def get_membership_request(user: Any, pk: int) -> HubMembershipRequest:
    """A pending request the user may decide; any other looks missing."""
    req = HubMembershipRequest.objects.filter(pk=pk).select_related("hub", "organisation").first()
    if req is None or not can_decide_membership(user, req):
        raise NotFound(str(pk))
    return req


def get_invitable_organisation(user: Any, ref: str) -> Organisation:
    """The organisation a hub may invite by ``ref``: one the user may see, or one whose
    identity no stream hides (its name is no secret). An organisation hiding who it is looks
    exactly like a missing reference, so an invitation cannot confirm that it exists."""
    org = Organisation.objects.filter(ref=ref).first()
    if org is None:
        raise NotFound(ref)
    if registry_access.visible_organisations(user).filter(pk=org.pk).exists():
        return org
    marks = org.streams.values_list("sensitive_fields", flat=True)
    if any("identity" in (m or []) for m in marks):
        raise NotFound(ref)
    return org


def visible_hub_members(user: Any, hub: Hub) -> QuerySet[Organisation]:
    """The hub's members the user may see (a member hiding its identity is left out)."""
    return hub.members.filter(id__in=registry_access.visible_organisations(user).values("id"))


def can_use_bank(user: Any) -> bool:
    viewer = viewer_for(user)
    return viewer.is_admin or viewer.is_facilitator


def hub_streams(user: Any, hub: Hub) -> QuerySet[Stream]:
    return registry_access.visible_streams(user).filter(organisation__hubs=hub)


def hub_candidate_rows(user: Any, hub: Hub) -> QuerySet[Candidate]:
    """Stored candidates with a side in the hub whose two streams the user may see; not
    redacted, so only for computations whose output is redacted (e.g. impact with a viewer).

    One query whose only id lists are the hub's streams, one per side (``offer_id IN`` or
    ``need_id IN``: two index searches), and whose visibility is tested on the two joined
    stream rows. Testing it as ``offer_id IN (visible ids) AND need_id IN (visible ids)``
    let SQLite probe the pair index once per visible offer and need: about 70 s of CPU for a
    hub of 2 000 streams in a 20 000-stream registry (docs/benchmarks.md).
    """
    return _hub_pairs(user, hub).filter(intra_company=False).order_by("-feasible", "-score")


def _hub_pairs(user: Any, hub: Hub) -> QuerySet[Candidate]:
    """Candidates with a side in the hub and both streams visible to ``user`` (unordered)."""
    viewer = viewer_for(user)
    streams = Stream.objects.filter(organisation__hubs=hub).values("id")
    return Candidate.objects.select_related("offer__organisation", "need__organisation").filter(
        Q(offer_id__in=streams) | Q(need_id__in=streams),
        registry_access.visible_stream_q(viewer, "offer__"),
        registry_access.visible_stream_q(viewer, "need__"),
    )


def hub_candidates(user: Any, hub: Hub, *, limit: int = 200) -> list[VisibleMatch]:
    """Candidates with at least one side in the hub whose two streams the user may see."""
    viewer = viewer_for(user)
    return ranked(viewer, hub_candidate_rows(viewer, hub), limit=limit)


def get_candidate(user: Any, hub: Hub, offer_ref: str, need_ref: str) -> Candidate:
    cand = _hub_pairs(user, hub).filter(offer__ref=offer_ref, need__ref=need_ref).first()
    if cand is None:
        raise NotFound(f"{offer_ref}->{need_ref}")
    return cand


def visible_opportunities(user: Any) -> QuerySet[Opportunity]:
    viewer = viewer_for(user)
    allowed = Q(hub__in=workspace_hubs(viewer))
    if viewer.own_org_ids:
        allowed |= Q(organisations__id__in=viewer.own_org_ids)
    return Opportunity.objects.filter(allowed).distinct().select_related("hub", "owner")


def get_opportunity(user: Any, ref: str) -> Opportunity:
    opp = visible_opportunities(user).filter(ref=ref).first()
    if opp is None:
        raise NotFound(ref)
    return opp


def can_see_notes(user: Any, opp: Opportunity) -> bool:
    """Facilitators' notes and history are for the hub's workspace only, never companies."""
    return in_workspace(user, opp.hub)


def opportunity_streams(user: Any, opp: Opportunity) -> list[dict[str, Any]]:
    """The opportunity's streams redacted for the user (invisible ones are left out)."""
    streams = registry_access.visible_streams(user).filter(opportunities=opp)
    out = []
    for s in streams:
        row = registry_access.redacted(user, s)
        row["direction_label"] = s.get_direction_display()
        out.append(row)
    return out


def opportunity_organisations(user: Any, opp: Opportunity) -> list[dict[str, Any]]:
    """The opportunity's organisations as ``user`` may see them: by name and ref when the user
    may see the organisation, else as "an organisation" without a ref (an opportunity made
    from a match may include a company outside the hub that hides who it is)."""
    visible = set(
        registry_access.visible_organisations(user)
        .filter(opportunities=opp)
        .values_list("id", flat=True)
    )
    out = []
    for org in opp.organisations.order_by("name"):
        if org.id in visible:
            out.append({"ref": org.ref, "name": org.name})
        else:
            out.append({"ref": None, "name": gettext("an organisation")})
    return sorted(out, key=lambda o: o["ref"] is None)


def visible_bank(user: Any, query: str = "") -> QuerySet[BankEntry]:
    if not can_use_bank(user):
        return BankEntry.objects.none()
    qs = BankEntry.objects.select_related("hub")
    for word in query.split():
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(reason__icontains=word)
            | Q(region__icontains=word)
        )
    return qs


def get_bank_entry(user: Any, ref: str) -> BankEntry:
    entry = visible_bank(user).filter(ref=ref).first()
    if entry is None:
        raise NotFound(ref)
    return entry


def get_workshop(user: Any, hub: Hub, pk: int) -> Workshop:
    workshop = Workshop.objects.filter(hub=hub, pk=pk).first()
    if workshop is None or not in_workspace(user, hub):
        raise NotFound(str(pk))
    return workshop


def workshop_participants(workshop: Workshop) -> QuerySet[Organisation]:
    """The workshop's invited organisations that are (still) members of its hub: only they
    get match sheets and are listed (an organisation that left is not shown again)."""
    return workshop.invited.filter(hubs=workshop.hub).order_by("name")


def can_work_tasks(user: Any, hub: Hub) -> bool:
    """See, generate and change the hub's follow-up tasks: the whole workspace."""
    return in_workspace(user, hub)


def workspace_users(hub: Hub) -> QuerySet:
    """The hub's facilitators and the system facilitators overseeing it (each once): who may
    own an opportunity or take a follow-up task."""
    users = get_user_model().objects
    return (users.filter(facilitated_hubs=hub) | users.filter(overseen_hubs=hub)).distinct()


def hub_tasks(user: Any, hub: Hub) -> QuerySet[FollowUpTask]:
    """The hub's follow-up tasks, open first, for the hub's workspace; nothing for others."""
    if not can_work_tasks(user, hub):
        return FollowUpTask.objects.none()
    return hub.tasks.select_related(
        "assignee", "workshop", "opportunity", "organisation", "offer__organisation",
        "need__organisation",
    )  # fmt: skip


def get_task(user: Any, hub: Hub, pk: int) -> FollowUpTask:
    task = hub_tasks(user, hub).filter(pk=pk).first()
    if task is None:
        raise NotFound(str(pk))
    return task


class ParticipantViewer(NoRoleViewer):
    """Sees what a member of ``organisation`` would see: for match sheets handed to them.

    No role of its own (the registry's ``NoRoleViewer``), only the organisation. The
    facilitator prints the sheet, so what other organisations disclosed to this one in
    private (contact requests) is left out: the sheet shows what both may see.
    """

    def __init__(self, organisation: Organisation) -> None:
        super().__init__()
        self.organisation = organisation

    @cached_property
    def own_org_ids(self) -> frozenset[int]:
        return frozenset({self.organisation.pk})

    @cached_property
    def disclosed(self) -> dict[int, frozenset[str]]:
        return {}
