"""Writes for hubs: creation, members, facilitators. One transaction and one audit row each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from symbiose.facilitation.models import Hub, HubAssessment
from symbiose.registry.actions import audit, do_verify_organisation, signed_in
from symbiose.registry.models import Organisation

HUB_FIELDS = ("name", "kind", "description", "center_lat", "center_lon", "radius_km")


@transaction.atomic
def do_save_hub(values: Mapping[str, Any], *, acting_user: Any) -> tuple[Hub, bool]:
    """Create or update the hub with ``values["slug"]``."""
    hub, created = Hub.objects.get_or_create(
        slug=values["slug"], defaults={f: values[f] for f in HUB_FIELDS if f in values}
    )
    if not created:
        for name in HUB_FIELDS:
            if name in values:
                setattr(hub, name, values[name])
        hub.save()
    audit(acting_user, "created" if created else "updated", hub, slug=hub.slug)
    return hub, created


@transaction.atomic
def do_create_hub(values: Mapping[str, Any], *, acting_user: Any) -> Hub:
    """Create the hub ``values["slug"]`` (the form has checked it is free) with its creator as
    its first hub facilitator: one transaction, so there is never a hub nobody runs."""
    hub = Hub.objects.create(
        slug=values["slug"], **{f: values[f] for f in HUB_FIELDS if f in values}
    )
    audit(acting_user, "created", hub, slug=hub.slug)
    do_add_facilitator(hub, acting_user, acting_user=acting_user)
    return hub


@transaction.atomic
def do_add_hub_members(hub: Hub, organisations: list[Organisation], *, acting_user: Any) -> None:
    """Add members (trusted: after consent, or the platform's own data). Joining a hub is the
    facilitator's approval, so each organisation is verified if its number checks out."""
    hub.members.add(*organisations)
    audit(acting_user, "members-added", hub, refs=[o.ref for o in organisations])
    for org in organisations:
        do_verify_organisation(org, acting_user=acting_user)


@transaction.atomic
def do_add_facilitator(hub: Hub, user: Any, *, acting_user: Any, system: bool = False) -> None:
    """Make ``user`` a hub facilitator, or (``system=True``) a system facilitator overseeing it."""
    (hub.overseers if system else hub.facilitators).add(user)
    audit(
        acting_user,
        "overseer-added" if system else "facilitator-added",
        hub,
        user=user.get_username(),
    )


@transaction.atomic
def do_remove_hub_member(hub: Hub, organisation: Organisation, *, acting_user: Any) -> None:
    hub.members.remove(organisation)
    audit(acting_user, "member-removed", hub, ref=organisation.ref)


@transaction.atomic
def do_assess_hub(hub: Hub, scores: Mapping[str, tuple[int, str]], *, acting_user: Any) -> None:
    """Record portfolio scores: criterion -> (score 0–5, evidence)."""
    user = signed_in(acting_user)
    for criterion, (score, evidence) in scores.items():
        HubAssessment.objects.create(
            hub=hub, criterion=criterion, score=score, evidence=evidence, assessed_by=user
        )
    audit(acting_user, "assessed", hub, scores={k: v[0] for k, v in scores.items()})
