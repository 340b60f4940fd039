"""A stream that hides its owner's identity is matched without the owner's sector.

The engine reads the organisation's NACE code for classes, relations, the flow prior, the
season and the blocking keys, so it shaped the candidates every viewer sees; the pages'
side of this is ``tests/test_permission_matrix_identity.py``.
"""

from __future__ import annotations

import pytest

from symbiose.matching.adapter import stream_input
from symbiose.matching.models import Change
from symbiose.registry.actions import do_mark_sensitive


def test_a_stream_that_names_its_owner_is_matched_with_the_owners_sector(world):
    assert stream_input(world.public_stream).nace == world.org.nace == "24.10"


def test_a_stream_that_hides_its_owner_is_matched_without_the_owners_sector(world):
    stream = do_mark_sensitive(world.public_stream, ["identity"], acting_user=world.owner)
    assert stream_input(stream).nace is None
    assert stream_input(world.secret_stream).nace == "24.10"  # the others keep it


@pytest.mark.parametrize(("marked", "logged"), [(["identity"], 1), (["price"], 0)])
def test_hiding_the_identity_logs_a_change_for_matching(world, marked, logged):
    """The stream's engine input changed, so its candidates are refreshed (a mark that the
    engine does not read logs nothing)."""
    before = Change.objects.filter(stream=world.public_stream).count()
    do_mark_sensitive(world.public_stream, marked, acting_user=world.owner)
    assert Change.objects.filter(stream=world.public_stream).count() == before + logged
