"""The hub pair rows give every viewer exactly what the candidate table gives, and are used
only while current.

Pages read a hub's candidates from :class:`~symbiose.facilitation.models.HubPair` rows when
they are current (``facilitation/hubpairs.py``). These tests compare the rows, counts, best
rows and the pages' figures read that way with those read from the candidate table, for every
role, on the crowded world (an organisation in two hubs, an archived stream, members-only,
facilitator-only, identity-hidden and disclosed streams), and check that visibility and
sensitive marks changed after the rows were built are still obeyed.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from symbiose.facilitation import access, dashboard, hubpairs, ranking, tasks
from symbiose.facilitation import board as board_module
from symbiose.facilitation.actions import do_add_hub_members, do_remove_hub_member
from symbiose.facilitation.actions.hubpairs import do_build_all_hub_pairs
from symbiose.facilitation.models import HubPair, HubPairState
from symbiose.facilitation.tests.conftest import add_stream
from symbiose.matching.access import rank_rows
from symbiose.matching.actions import do_recompute_all
from symbiose.regional import overview
from symbiose.registry import access as registry_access
from symbiose.registry.actions import check_save_stream, do_mark_sensitive
from symbiose.registry.models import Stream
from tests.world import ROLES

ALL_ROLES = (*ROLES, "hidden_owner")


def _pairs(ranked) -> list[tuple[str, str, float, bool]]:
    return [(c.offer.ref, c.need.ref, f["score"], f["feasible"]) for c, f in ranked]


def _compare(user, hub, ks=(1, 2, 3, 5, 200)) -> int:
    """The stored rows against the candidate table for one viewer and hub."""
    viewer = registry_access.viewer_for(user)
    assert hubpairs.current([hub])
    stored = ranking.hub_rows(viewer, hub)
    assert isinstance(stored, ranking.StoredRows)
    live_rows = access.hub_candidate_rows(viewer, hub)
    live = ranking.LiveRows(viewer, live_rows)
    assert sorted(c.pk for c in stored.every_row()) == sorted(c.pk for c in live_rows)
    assert stored.counts() == live.counts()
    assert stored.plain_feasible() == live.plain_feasible()
    full = rank_rows(viewer, live_rows)
    for k in ks:
        assert _pairs(ranking.top_rows(viewer, stored, k)) == _pairs(full[:k]), k
    return len(full)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_stored_pair_rows_give_every_role_the_rows_counts_and_order_of_the_candidates(
    crowded, role
):
    do_build_all_hub_pairs()
    user = crowded.role(role)
    seen = sum(_compare(user, hub) for hub in (crowded.hub, crowded.other_hub))
    if role in ("facilitator", "admin", "system_facilitator", "owner"):
        assert seen > 3  # compared on rows, not on empty lists
    both = [crowded.hub, crowded.other_hub]
    live = set()
    for hub in both:
        one = {c.pk for c in access.hub_candidate_rows(user, hub)}
        assert ranking.candidate_count(user, [hub]) == len(one)  # counted without DISTINCT
        live |= one
    assert ranking.candidate_count(user, both) == len(live)


@pytest.mark.parametrize("role", ["owner", "outsider", "anonymous", "other_facilitator"])
def test_long_id_lists_read_as_subqueries_give_the_same_rows(crowded, role, monkeypatch):
    """Unseen and hiding streams are read into the query as values while few; past
    ``ID_LIST`` they stay subqueries, with the same answer."""
    do_build_all_hub_pairs()
    monkeypatch.setattr(ranking, "ID_LIST", 0)
    for hub in (crowded.hub, crowded.other_hub):
        _compare(crowded.role(role), hub)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_counts_are_the_kept_counts_less_the_rows_of_refused_and_hiding_streams(crowded, role):
    """A hub's counts start from those kept with its rows and subtract the rows touching a
    stream refused to the viewer or hiding something from them: no pair row is counted,
    and the answer is the one of counting every row (``TOUCHING = 0``) and of the
    candidate table, for every role of the crowded world (unseen, hiding and disclosed
    streams on both sides)."""
    do_build_all_hub_pairs()
    viewer = registry_access.viewer_for(crowded.role(role))
    for hub in (crowded.hub, crowded.other_hub):
        stored = ranking.hub_rows(viewer, hub)
        with CaptureQueriesContext(connection) as ctx:
            found = (stored.counts(), stored.plain_feasible(), stored.distinct_count())
        assert not [q for q in ctx.captured_queries if "facilitation_hubpair\"" in q["sql"]
                    and "COUNT" in q["sql"].upper()]  # fmt: skip
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(ranking, "TOUCHING", 0)
            counted = ranking.hub_rows(viewer, hub)
            assert (counted.counts(), counted.plain_feasible(), counted.distinct_count()) == found
        live = ranking.LiveRows(viewer, access.hub_candidate_rows(viewer, hub))
        assert (live.counts(), live.plain_feasible()) == found[:2]


def test_rows_built_before_counts_were_kept_are_counted(crowded):
    do_build_all_hub_pairs()
    viewer = registry_access.viewer_for(crowded.outsider)
    before = ranking.hub_rows(viewer, crowded.hub)
    found = (before.counts(), before.plain_feasible())
    HubPairState.objects.update(pairs=None, feasible=None)
    after = ranking.hub_rows(viewer, crowded.hub)
    assert after._kept is None
    assert (after.counts(), after.plain_feasible()) == found


def test_a_deleted_stream_makes_every_hubs_rows_stale(crowded):
    do_build_all_hub_pairs()
    assert hubpairs.current([crowded.hub, crowded.other_hub])
    Stream.objects.get(ref="S-OUT-NEED").delete()  # outside every hub: an admin's delete
    assert not hubpairs.current([crowded.hub])
    assert not hubpairs.current([crowded.other_hub])


@pytest.mark.parametrize("category", ["material", "heat"])
def test_the_category_filter_reads_the_same_rows_stored_as_live(crowded, category):
    do_build_all_hub_pairs()
    for role in ("facilitator", "outsider", "owner"):
        viewer = registry_access.viewer_for(crowded.role(role))
        stored = ranking.hub_rows(viewer, crowded.hub, category=category)
        assert isinstance(stored, ranking.StoredRows)
        live = access.hub_candidate_rows(viewer, crowded.hub).filter(offer__category=category)
        assert sorted(c.pk for c in stored.every_row()) == sorted(c.pk for c in live)
        assert stored.counts() == ranking.counts(viewer, live)


def test_the_rows_hold_what_the_hub_query_holds_and_nothing_else(crowded):
    do_build_all_hub_pairs()
    for hub in (crowded.hub, crowded.other_hub):
        stored = set(HubPair.objects.filter(hub=hub).values_list("candidate_id", flat=True))
        assert stored == set(hubpairs.source_rows(hub).values_list("pk", flat=True))
        assert stored  # the comparison ran on rows
    archived = Stream.objects.get(ref="S-OUT-GONE")  # archived after matching: rows kept,
    assert HubPair.objects.filter(need_id=archived.pk).exists()  # ... never shown:
    for role in ALL_ROLES:
        rows = ranking.hub_rows(registry_access.viewer_for(crowded.role(role)), crowded.hub)
        assert not any(c.need_id == archived.pk for c in rows.every_row())


def test_visibility_changed_after_the_rows_were_built_is_obeyed(crowded):
    """Who may see a stream is never stored with the rows: a stream made facilitator-only
    after the build leaves the outsider's rows, counts and best rows at once."""
    do_build_all_hub_pairs()
    stream = Stream.objects.get(ref="S-FJORD-NEED")
    outsider = crowded.outsider
    before = ranking.counts(outsider, ranking.hub_rows(outsider, crowded.hub))[0]
    assert any(c.need_id == stream.pk
               for c in ranking.hub_rows(outsider, crowded.hub).every_row())  # fmt: skip
    data = {f: getattr(stream, f) for f in ("ref", "direction", "category", "title", "unit",
                                            "period", "ewc_code")}  # fmt: skip
    check_save_stream({**data, "organisation_ref": "ORG-FJORD", "quantity": "500",
                       "visibility": "facilitator"}, acting_user=None)  # fmt: skip
    assert hubpairs.current([crowded.hub])  # no matching pass yet: the rows are still used
    rows = ranking.hub_rows(outsider, crowded.hub)
    assert isinstance(rows, ranking.StoredRows)
    assert not any(c.need_id == stream.pk for c in rows.every_row())
    assert ranking.counts(outsider, rows)[0] < before
    for role in ALL_ROLES:
        _compare(crowded.role(role), crowded.hub)


def test_a_sensitive_mark_added_after_the_build_ranks_its_pairs_on_what_is_seen(crowded):
    """The stored order holds stored scores; a pair whose stream now hides its location or
    quantity from the viewer is ranked on the visible figures instead, as before."""
    do_build_all_hub_pairs()
    stream = Stream.objects.get(ref="S-FJORD-NEED")
    do_mark_sensitive(stream, ["location", "quantity"], acting_user=None)
    assert hubpairs.current([crowded.hub])
    viewer = registry_access.viewer_for(crowded.outsider)
    stored = ranking.hub_rows(viewer, crowded.hub)
    assert any(c.need_id == stream.pk for c in stored.hiding_rows())
    for role in ("outsider", "facilitator", "anonymous", "owner", "other_facilitator"):
        _compare(crowded.role(role), crowded.hub)


def test_rows_are_stale_after_a_matching_pass_or_a_change_of_members(crowded):
    hub = crowded.hub
    do_build_all_hub_pairs()
    assert hubpairs.current([hub, crowded.other_hub])
    do_remove_hub_member(hub, crowded.hidden_org, acting_user=None)
    assert not hubpairs.current([hub])
    assert isinstance(ranking.hub_rows(crowded.facilitator, hub), ranking.LiveRows)
    assert hubpairs.current([crowded.other_hub])  # the other hub's streams did not change
    do_build_all_hub_pairs()
    assert hubpairs.current([hub])
    add_stream("S-NEW-NEED", "ORG-FJORD", "need", "Slag for a new plant")
    assert not hubpairs.current([hub])  # a new stream of a member
    do_build_all_hub_pairs()
    do_recompute_all()
    assert not hubpairs.current([hub, crowded.other_hub])  # candidates written again
    do_build_all_hub_pairs()
    for role in ALL_ROLES:
        _compare(crowded.role(role), hub)


def test_a_candidate_changed_past_the_actions_is_not_trusted_in_the_stored_order(crowded):
    """A raw write that skips the matching pass leaves the rows' stamp as it was; the best
    rows read are checked against their candidates and every row is ranked instead."""
    from symbiose.matching.models import Candidate

    do_build_all_hub_pairs()
    viewer = registry_access.viewer_for(crowded.admin)
    last = access.hub_candidate_rows(viewer, crowded.hub).last()
    Candidate.objects.filter(pk=last.pk).update(score=0.9999, feasible=True)
    full = rank_rows(viewer, access.hub_candidate_rows(viewer, crowded.hub))
    assert _pairs(full[:1])[0][:2] == (last.offer.ref, last.need.ref)
    stored = ranking.hub_rows(viewer, crowded.hub)
    assert isinstance(stored, ranking.StoredRows)
    n = len(full)
    assert _pairs(ranking.top_rows(viewer, stored, n)) == _pairs(full)


def test_writes_of_candidates_and_members_queue_one_rebuild(
    crowded, django_capture_on_commit_callbacks
):
    path = tasks.build_hub_pairs.module_path
    DBTaskResult.objects.filter(task_path=path).delete()
    with django_capture_on_commit_callbacks(execute=True):
        do_recompute_all()  # a command's write: candidates_stored, after commit
    assert DBTaskResult.objects.filter(task_path=path).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        do_add_hub_members(crowded.other_hub, [crowded.outsider_org], acting_user=None)
    assert DBTaskResult.objects.filter(task_path=path).count() == 1  # one is waiting already
    DBTaskResult.objects.filter(task_path=path).delete()
    with django_capture_on_commit_callbacks(execute=True):
        do_remove_hub_member(crowded.other_hub, crowded.outsider_org, acting_user=None)
    assert DBTaskResult.objects.filter(task_path=path).count() == 1
    assert tasks.build_hub_pairs.call() > 0  # the task itself: rows written
    assert hubpairs.current([crowded.hub, crowded.other_hub])


@pytest.mark.parametrize("role", ["facilitator", "admin", "system_facilitator"])
def test_the_facilitator_pages_show_the_same_with_stored_rows(crowded, role):
    """The board's first page and total, the dashboard's candidates and the regional
    overview's count and values, with the rows stale (candidate table) and current."""
    user, hub = crowded.role(role), crowded.hub

    def seen():
        page = board_module.board(user, hub, board_module.Filters())
        shown = [(i["cand"].pk, i["fig"]["score"]) for i in page["page"].object_list]
        dash = dashboard.build(user, hub)
        listed = [(m.offer["ref"], m.need["ref"], m.score) for m in dash["candidates"]]
        out = {"board": (page["total"], shown), "dashboard": listed,
               "count": dash["candidate_count"]}  # fmt: skip
        if role != "facilitator":
            region = overview.build(user)
            impact = [(r["status"], r["pairs"]) for r in region["impact"]["rows"]]
            out["region"] = (region["candidate_count"], impact)
        return out

    HubPair.objects.all().delete()
    assert not hubpairs.current([hub])
    before = seen()
    do_build_all_hub_pairs()
    assert hubpairs.current([hub])
    assert seen() == before
    assert before["board"][0] > 0


def test_the_dashboards_stream_table_counted_by_the_database_equals_reading_every_stream(
    crowded,
):
    for role in ("facilitator", "system_facilitator", "admin"):
        streams = access.hub_streams(crowded.role(role), crowded.hub)
        assert len(streams) > 3
        assert dashboard.stream_table_of(streams) == dashboard.stream_table(list(streams))


def test_the_dashboard_map_draws_at_most_its_cap_and_says_so(crowded, monkeypatch, client):
    from django.utils import translation

    hub, user = crowded.hub, crowded.facilitator
    count = access.hub_streams(user, hub).count()
    data = dashboard.build(user, hub)
    assert data["stream_count"] == count and not data["map_capped"]
    monkeypatch.setattr(dashboard, "MAP_POINTS", 2)
    data = dashboard.build(user, hub)
    assert data["map_capped"] and len(data["points"]) <= 2
    client.force_login(user)
    with translation.override("en"):
        page = client.get(f"/hub/{hub.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the tables above count them all" in page
    assert f"<strong>{count}</strong>" in page
