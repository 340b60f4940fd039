"""The facilitator-or-overseer rule is written once (``hubs_worked_by``) and both readers of it
agree: the hubs whose work a user sees, and the organisations they are insiders of."""

from __future__ import annotations

import pytest

from symbiose.facilitation.access import (
    facilitated_organisation_ids,
    hubs_worked_by,
    workspace_hubs,
)
from symbiose.facilitation.actions import do_add_facilitator
from symbiose.facilitation.models import Hub

pytestmark = pytest.mark.django_db


def _slugs(hubs) -> set[str]:
    return {hub.slug for hub in hubs}


def test_facilitators_and_overseers_work_their_own_hubs_only(world):
    assert _slugs(hubs_worked_by(world.facilitator)) == {world.hub.slug}
    assert _slugs(hubs_worked_by(world.system_facilitator)) == {world.hub.slug}
    assert _slugs(hubs_worked_by(world.other_facilitator)) == {world.other_hub.slug}
    assert not hubs_worked_by(world.owner).exists()
    # Admin rights are not part of the rule: workspace_hubs adds them.
    assert not hubs_worked_by(world.admin).exists()
    assert _slugs(workspace_hubs(world.admin)) == _slugs(Hub.objects.all())


@pytest.mark.parametrize(
    "role", ["facilitator", "system_facilitator", "other_facilitator", "owner", "outsider"]
)
def test_workspace_and_insider_organisations_follow_the_same_hubs(world, role):
    user = getattr(world, role)
    hubs = list(workspace_hubs(user))
    assert _slugs(hubs) == _slugs(hubs_worked_by(user))
    members = {org.id for hub in hubs for org in hub.members.all()}
    assert set(facilitated_organisation_ids(user)) == members


def test_a_user_who_both_facilitates_and_oversees_a_hub_lists_it_once(world):
    do_add_facilitator(world.hub, world.facilitator, acting_user=None, system=True)
    assert hubs_worked_by(world.facilitator).count() >= 1
    assert [hub.slug for hub in workspace_hubs(world.facilitator)] == [world.hub.slug]
