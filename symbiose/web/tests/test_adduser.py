"""The ``symbiose adduser`` command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from symbiose.registry.access import viewer_for


def test_adduser_makes_a_company_member_who_can_sign_in(world, client):
    call_command("adduser", "ny@example.no", "--password", "Pw-12345-long", "--org", "ORG-FJORD")
    assert client.login(username="ny@example.no", password="Pw-12345-long")
    assert world.org.members.filter(username="ny@example.no").exists()


def test_adduser_makes_hub_and_system_facilitators(world):
    call_command("adduser", "hf@example.no", "--role", "hub-facilitator", "--hub", "testpark")
    call_command("adduser", "sf@example.no", "--role", "system-facilitator", "--hub", "testpark")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    assert viewer_for(users.get(username="hf@example.no")).is_facilitator
    assert users.get(username="sf@example.no").overseen_hubs.filter(slug="testpark").exists()


def test_adduser_makes_an_admin(db):
    call_command("adduser", "boss@example.no", "--password", "Pw-12345-long", "--role", "admin")
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="boss@example.no").is_superuser


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "NOPE"], "no organisation with reference NOPE"),
        ([], "--org REF is required"),
        (["--role", "hub-facilitator", "--hub", "nope"], "no hub with slug nope"),
    ],
)
def test_adduser_explains_what_is_missing(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("adduser", "x@example.no", *args)
