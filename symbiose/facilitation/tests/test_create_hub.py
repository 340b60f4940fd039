"""Creating a hub and making its creator the facilitator is one action, all or nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from symbiose.facilitation.actions import do_create_hub
from symbiose.facilitation.models import Hub
from symbiose.registry.models import AuditEvent


def test_the_creator_runs_the_new_hub_and_both_steps_are_audited(world):
    hub = do_create_hub({"slug": "nypark", "name": "Ny park"}, acting_user=world.facilitator)
    assert list(hub.facilitators.all()) == [world.facilitator]
    events = AuditEvent.objects.filter(object_type="hub", object_ref=str(hub.pk))
    verbs = set(events.values_list("verb", flat=True))
    assert verbs == {"created", "facilitator-added"}


def test_a_failure_after_creating_leaves_no_hub_behind(world):
    before = AuditEvent.objects.filter(object_type="hub").count()
    with pytest.raises((TypeError, ValueError)):  # nobody signed in to run the hub
        do_create_hub({"slug": "nypark", "name": "Ny park"}, acting_user=AnonymousUser())
    assert not Hub.objects.filter(slug="nypark").exists()
    assert AuditEvent.objects.filter(object_type="hub").count() == before
