"""A stream's matches test the counterpart's visibility on the joined row: same rows as the
``IN (visible ids)`` query they replaced, for every role and every stream it may see."""

from __future__ import annotations

import pytest

from symbiose.matching.access import matches_for_stream
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate
from symbiose.registry import access as registry_access
from tests.world import ROLES


def before(viewer, stream) -> set[tuple[str, str]]:
    visible = registry_access.visible_streams(viewer).values("id")
    side, other = ("offer", "need") if stream.direction == "offer" else ("need", "offer")
    rows = Candidate.objects.filter(**{side: stream, f"{other}_id__in": visible},
                                    intra_company=False)  # fmt: skip
    return {(c.offer.ref, c.need.ref) for c in rows.select_related("offer", "need")}


@pytest.mark.parametrize("role", (*ROLES, "hidden_owner"))
def test_a_streams_matches_are_the_rows_of_the_old_query(hidden_world, role):
    do_recompute_all()
    viewer = registry_access.viewer_for(hidden_world.role(role))
    compared = 0
    for stream in registry_access.visible_streams(viewer):
        got = matches_for_stream(viewer, stream, limit=10_000)
        assert {(m.offer["ref"], m.need["ref"]) for m in got} == before(viewer, stream)
        compared += len(got)
    if role in ("admin", "owner", "facilitator"):
        assert compared > 0
