"""The regional overview's figures counted by the database equal those read stream by stream.

The overview counts new streams per quarter with one grouped query and reads contained
critical raw materials only from streams with composition rows; these tests compare both with
the stream-by-stream reading they replaced, for every role that may open the page, with
streams created in several quarters (one at a quarter's turn in Norwegian time).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from symbiose.regional import overview, resource_totals
from symbiose.regional.tests.test_overview import add_member
from symbiose.registry import access as registry_access
from symbiose.registry.models import Stream
from symbiose.resources.access import contained_tonnes

UTC = datetime.UTC


def _trends_read_row_by_row(user, hubs, today):
    """The quarters' new-stream tables as the overview read them before (one row a stream)."""
    viewer = registry_access.viewer_for(user)
    table: dict = {}
    for created, org in (
        registry_access.visible_streams(viewer).filter(organisation__hubs__in=hubs).distinct()
        .values_list("created_at", "organisation_id")
    ):  # fmt: skip
        overview._add(table, overview.quarter(timezone.localtime(created).date()), org, 1)
    return {q: table.get(q, {}) for q in overview.last_quarters(today)}


@pytest.mark.parametrize("role", ["system_facilitator", "admin"])
def test_new_streams_per_quarter_counted_in_sql_equal_reading_each_stream(world, role, monkeypatch):
    for k, ref in enumerate(("ORG-A", "ORG-B", "ORG-C", "ORG-D")):
        add_member(world, ref, 1000 + k)
    times = {
        "S-ORG-A": datetime.datetime(2026, 3, 31, 22, 30, tzinfo=UTC),  # 1 April in Oslo: Q2
        "S-ORG-B": datetime.datetime(2026, 3, 31, 21, 30, tzinfo=UTC),  # still Q1 in Oslo
        "S-ORG-C": datetime.datetime(2025, 11, 2, 12, 0, tzinfo=UTC),
        "S-ORG-D": datetime.datetime(2023, 1, 5, 12, 0, tzinfo=UTC),  # before the 8 quarters
    }
    for ref, when in times.items():
        Stream.objects.filter(ref=ref).update(created_at=when)
    user = world.role(role)
    from symbiose.regional import access

    hubs = list(access.overview_hubs(user))
    today = datetime.date(2026, 12, 6)
    # the tables before suppression (a cell of one organisation would hide any difference)
    monkeypatch.setattr(overview, "cell", lambda table, amounts=True: dict(table))
    got = overview.trends(user, hubs, [], today)
    want = _trends_read_row_by_row(user, hubs, today)
    labels = [row["label"] for row in got]
    assert len(labels) == len(want) == overview.QUARTERS
    for row, (q, orgs) in zip(got, want.items(), strict=True):
        assert row["streams"] == orgs, q
    shown = {q: sum(orgs.values()) for q, orgs in want.items()}
    assert shown[(2026, 2)] >= 1 and shown[(2026, 1)] >= 1 and shown[(2025, 4)] >= 1


def test_contained_materials_are_read_only_from_streams_with_an_analysis(world):
    from symbiose.resources.actions import check_set_composition

    for ref, tonnes in (("ORG-A", 3000), ("ORG-B", 3500), ("ORG-C", 4000), ("ORG-D", 10)):
        add_member(world, ref, tonnes)
    for ref in ("ORG-A", "ORG-B", "ORG-C"):
        check_set_composition(Stream.objects.get(ref=f"S-{ref}"),
                              [{"substance": "Mn", "content": "10", "unit": "%"}],
                              acting_user=None)  # fmt: skip
    user = world.system_facilitator
    from symbiose.regional import access

    hubs = list(access.overview_hubs(user))
    _viewer, streams = resource_totals._streams(user, hubs)
    every = contained_tonnes(user, [s for s in streams if not hasattr(s, "deposit")])
    rows = resource_totals.crm_table(user, hubs)
    manganese = next(r for r in rows if "(Mn)" in r.label)
    assert manganese.cells["flow"].value == pytest.approx(every["Mn"].tonnes)
    assert every["Mn"].tonnes == pytest.approx((3000 + 3500 + 4000) * 0.10)


@pytest.mark.parametrize("role", ["system_facilitator", "admin"])
def test_stream_tables_read_as_values_for_insiders_equal_the_redacted_reading(
    world, role, monkeypatch
):
    from symbiose.registry.actions import do_mark_sensitive

    for k, ref in enumerate(("ORG-A", "ORG-B", "ORG-C")):
        add_member(world, ref, 1000 + 100 * k, ewc="10 02 02" if k else "17 05 04")
    do_mark_sensitive(Stream.objects.get(ref="S-ORG-A"), ["quantity", "ewc_code"],
                      acting_user=None)  # fmt: skip
    user = world.role(role)
    from symbiose.regional import access

    hubs = list(access.overview_hubs(user))
    viewer = registry_access.viewer_for(user)
    assert overview.insider_of_every_member(viewer, hubs)
    fast = overview.streams_tables(user, hubs)
    monkeypatch.setattr(overview, "insider_of_every_member", lambda viewer, hubs: False)
    slow = overview.streams_tables(user, hubs)
    assert fast == slow
    assert fast["stream_count"] >= 3


def test_a_viewer_outside_some_member_reads_streams_redacted(world):
    """Someone who is not an insider of every member (here a member company, who is of its
    own organisation only) gets the redacted reading: a hidden quantity adds no tonnes."""
    from symbiose.registry.actions import do_mark_sensitive

    add_member(world, "ORG-A", 1000)
    hubs = [world.hub]
    viewer = registry_access.viewer_for(world.outsider)
    assert not overview.insider_of_every_member(viewer, hubs)
    before = overview.streams_tables(world.outsider, hubs)
    do_mark_sensitive(Stream.objects.get(ref="S-ORG-A"), ["quantity"], acting_user=None)
    after = overview.streams_tables(world.outsider, hubs)
    tonnes = [r.cells["tonnes"] for r in before["category"]["rows"] if r.key == "material"]
    tonnes_after = [r.cells["tonnes"] for r in after["category"]["rows"] if r.key == "material"]
    assert tonnes != tonnes_after


def test_new_streams_kept_for_insiders_follow_a_new_stream_and_an_archive(world, monkeypatch):
    from symbiose.regional import access
    from symbiose.registry.actions import do_archive_stream

    add_member(world, "ORG-A", 1000)
    user = world.system_facilitator
    hubs = list(access.overview_hubs(user))
    today = timezone.localdate()
    monkeypatch.setattr(overview, "cell", lambda table, amounts=True: dict(table))

    def this_quarter() -> int:
        got = overview.trends(user, hubs, [], today)
        want = _trends_read_row_by_row(user, hubs, today)
        assert [row["streams"] for row in got] == list(want.values())
        return sum(got[-1]["streams"].values())

    before = this_quarter()
    add_member(world, "ORG-B", 1000)  # a member joins with a stream created today
    assert this_quarter() == before + 1
    do_archive_stream(Stream.objects.get(ref="S-ORG-B"), acting_user=None)
    assert this_quarter() == before
