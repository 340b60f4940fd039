"""Who may see and do what in regional work; the only way views and reports read it.

* The regional overview, targets and the results report are for system facilitators (over
  the hubs they oversee) and platform admins (over every hub). Hub facilitators see their
  hubs on the hub dashboard; here they, companies and visitors are refused (403).
* An update round is opened, followed and reminded by the hub's facilitators, the system
  facilitators overseeing it and admins. Anyone else sees no round: it looks missing (404).
* A company sees only its own open requests ("confirm your streams for 2026") and answers
  them as a member of the organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from symbiose.facilitation.access import workspace_hubs
from symbiose.facilitation.models import Hub
from symbiose.regional.models import RoundRequest, Target, UpdateRound
from symbiose.registry.access import NotFound, viewer_for

__all__ = ["NotFound"]


def overview_hubs(user: Any) -> QuerySet[Hub]:
    """The hubs a user's regional overview covers: overseen ones, or every hub for admins."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Hub.objects.all()
    if not viewer.is_authenticated:
        return Hub.objects.none()
    return Hub.objects.filter(overseers=viewer.user).distinct()


def is_system_facilitator(user: Any) -> bool:
    """True for platform admins and users who oversee at least one hub."""
    return overview_hubs(user).exists()


def visible_targets(user: Any) -> QuerySet[Target]:
    """Targets whose every hub the user's overview covers (a partial view would mislead)."""
    if not is_system_facilitator(user):
        return Target.objects.none()
    covered = overview_hubs(user).values("id")
    outside = Target.objects.filter(hubs__isnull=False).exclude(hubs__in=covered)
    return Target.objects.exclude(pk__in=outside.values("pk")).prefetch_related("hubs")


def get_target(user: Any, pk: int) -> Target:
    target = visible_targets(user).filter(pk=pk).first()
    if target is None:
        raise NotFound(pk)
    return target


def round_hubs(user: Any) -> QuerySet[Hub]:
    """Hubs whose update rounds the user opens and follows: their workspace."""
    return workspace_hubs(user)


def visible_rounds(user: Any) -> QuerySet[UpdateRound]:
    return UpdateRound.objects.filter(hub__in=round_hubs(user)).select_related("hub")


def get_round(user: Any, pk: int) -> UpdateRound:
    found = visible_rounds(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(pk)
    return found


def my_open_requests(user: Any) -> QuerySet[RoundRequest]:
    """Open rounds' unanswered requests to the user's organisations (their home-page task)."""
    viewer = viewer_for(user)
    if not viewer.own_org_ids:
        return RoundRequest.objects.none()
    return (
        RoundRequest.objects.filter(
            organisation_id__in=viewer.own_org_ids,
            round__closed_at__isnull=True,
            confirmed_at__isnull=True,
        )
        .select_related("round__hub", "organisation")
        .order_by("round__deadline", "organisation__name")
    )


def get_my_request(user: Any, pk: int) -> RoundRequest:
    """One of the user's organisations' requests (answered or not), else NotFound."""
    viewer = viewer_for(user)
    found = (
        RoundRequest.objects.filter(Q(organisation_id__in=viewer.own_org_ids or []), pk=pk)
        .select_related("round__hub", "organisation")
        .first()
    )
    if found is None:
        raise NotFound(pk)
    return found
