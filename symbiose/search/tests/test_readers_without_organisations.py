"""Readers made up by the code (the registry's ``NoRoleViewer`` family and the search index's
insider reader) share one "no organisations" mixin: whatever user they carry, they belong to
no organisation, facilitate none, and see nothing disclosed in private. The insider reader
stays admin-like; the no-role readers stay without a role."""

from __future__ import annotations

import pytest

from symbiose.registry.actions import do_disclose
from symbiose.registry.viewers import (
    AnonymousViewer,
    NoOrganisations,
    NoRoleViewer,
    OutsiderViewer,
    Viewer,
)
from symbiose.search.index import _InsiderViewer

pytestmark = pytest.mark.django_db

EMPTY = ("own_org_ids", "facilitated_org_ids", "disclosed")


def test_the_empty_overrides_are_written_once():
    for cls in (NoRoleViewer, _InsiderViewer):
        assert issubclass(cls, NoOrganisations) and issubclass(cls, Viewer)
        assert not set(EMPTY) & set(vars(cls)), cls.__name__


@pytest.mark.parametrize("cls", [OutsiderViewer, AnonymousViewer, _InsiderViewer])
def test_a_made_up_reader_has_no_organisations_whatever_user_it_carries(world, cls):
    do_disclose(world.secret_stream, world.outsider_org, ["quantity"], acting_user=None)
    do_disclose(world.secret_stream, world.org, ["price"], acting_user=None)
    for user in (world.outsider, world.facilitator, world.owner):
        real = Viewer(user=user)
        assert real.own_org_ids or real.facilitated_org_ids  # the user does have some
        made_up = cls(user=user)
        assert made_up.own_org_ids == frozenset()
        assert made_up.facilitated_org_ids == frozenset()
        assert made_up.disclosed == {}
    assert Viewer(user=world.outsider).disclosed  # the disclosure is there for the real one


def test_the_insider_reader_is_admin_like_and_the_no_role_readers_are_not(world):
    insider = _InsiderViewer(user=world.outsider)
    assert insider.is_admin and insider.is_insider(world.org.pk)
    for cls in (OutsiderViewer, AnonymousViewer):
        reader = cls(user=world.facilitator)
        assert not reader.is_admin and not reader.is_facilitator
        assert not reader.is_insider(world.org.pk)
