"""The hub's candidate query, split for speed, returns exactly the rows of the old query.

The old query tested visibility with ``offer_id IN (visible ids) AND need_id IN (visible
ids)`` and the hub side through the streams' organisations; the new one tests visibility on
the joined stream rows and the hub side with one id list per side. Both are compared here for
every role, on a world where an organisation is in two hubs, a stream is archived, streams are
visible to members or facilitators only, one hides its identity and one was disclosed.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from symbiose.facilitation import access, dashboard, reports
from symbiose.facilitation import board as board_module
from symbiose.facilitation.actions import do_add_hub_members
from symbiose.facilitation.tests.conftest import add_stream
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate
from symbiose.regional import overview
from symbiose.registry import access as registry_access
from symbiose.registry.actions import (
    check_save_organisation,
)
from tests.world import ROLES

ALL_ROLES = (*ROLES, "hidden_owner")


def before(user, hub):
    """The query as it was before the split (the reference the new one must equal)."""
    visible = registry_access.visible_streams(user).values("id")
    members = hub.members.values("id")
    return Candidate.objects.filter(
        Q(offer__organisation__in=members) | Q(need__organisation__in=members),
        offer_id__in=visible,
        need_id__in=visible,
        intra_company=False,
    ).order_by("-feasible", "-score")


def _ids(qs) -> list[int]:
    return list(qs.values_list("id", flat=True))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_split_query_returns_the_rows_of_the_old_one_for_every_role(crowded, role):
    user = crowded.role(role)
    seen = 0
    for hub in (crowded.hub, crowded.other_hub):
        old, new = before(user, hub), access.hub_candidate_rows(user, hub)
        assert sorted(_ids(new)) == sorted(_ids(old))
        key = [(c.feasible, c.score) for c in new]  # the same order, ties aside
        assert key == [(c.feasible, c.score) for c in old]
        for cand in old:  # one pair at a time, as the opportunity form asks
            got = access.get_candidate(user, hub, cand.offer.ref, cand.need.ref)
            assert got.pk == cand.pk
        seen += len(key)
    if role in ("facilitator", "admin", "system_facilitator"):
        assert seen > 0  # the comparison ran on rows, not on two empty lists


def test_the_fixture_covers_the_cases_it_promises(crowded):
    hub = crowded.hub
    rows = {(c.offer.ref, c.need.ref) for c in before(crowded.admin, hub)}
    assert ("S-QZ-OFFER", "S-BOTH-NEED") in rows  # a pair inside both hubs
    assert any(n == "S-OUT-NEED" for _o, n in rows)  # a side outside every hub
    assert not any("S-OUT-GONE" in pair for pair in rows)  # archived
    owner_rows = {(c.offer.ref, c.need.ref) for c in before(crowded.owner, hub)}
    assert any(o == "S-OUT-SECRET" for o, _n in owner_rows)  # seen through the disclosure
    colleague_of_none = {(c.offer.ref, c.need.ref) for c in before(crowded.other_facilitator, hub)}
    assert not any(o == "S-OUT-SECRET" for o, _n in colleague_of_none)  # no disclosure to them
    assert before(crowded.anonymous, hub).count() < before(crowded.admin, hub).count()


def test_a_pair_outside_the_hub_or_out_of_sight_is_not_found(crowded):
    assert access.get_candidate(crowded.admin, crowded.hub, "S-OUT-SECRET", "S-FJORD-NEED")
    with pytest.raises(access.NotFound):  # a stream for facilitators only
        access.get_candidate(crowded.anonymous, crowded.hub, "S-OUT-SECRET", "S-FJORD-NEED")
    with pytest.raises(access.NotFound):  # both sides outside Annen park
        access.get_candidate(crowded.admin, crowded.other_hub, "S-FJORD-SLAG", "S-OUT-NEED")


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_facilitator_pages_queries_do_not_grow_with_the_hubs_candidates(crowded):
    """Queries counted on the hub, then again after the hub gains members and candidates:
    the dashboard, the board (by fit, and by value, which values every row), the mapping
    report and the regional overview."""
    hub, user = crowded.hub, crowded.facilitator

    def pages():
        dashboard.build(user, hub)
        board_module.board(user, hub, board_module.Filters())
        board_module.board(user, hub, board_module.Filters(sort="value"))
        reports.mapping_data(user, hub)
        overview.build(crowded.system_facilitator)

    small = _queries(pages)
    rows_small = access.hub_candidate_rows(user, hub).count()
    for k in range(6):
        ref = f"ORG-MORE{k}"
        org, _ = check_save_organisation(
            {"ref": ref, "name": f"Mer {k} AS", "municipality": "Grimstad", "lat": "58.34",
             "lon": str(8.5 + k / 100)}, acting_user=None)  # fmt: skip
        do_add_hub_members(hub, [org], acting_user=None)
        add_stream(f"S-MORE{k}", ref, "need" if k % 2 else "offer", "Manganese slag")
    do_recompute_all()
    assert access.hub_candidate_rows(user, hub).count() > rows_small + 6
    assert _queries(pages) == small
