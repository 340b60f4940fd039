"""Hub figures kept per process for insiders follow every change and reach no one else."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from symbiose.facilitation import dashboard, shared
from symbiose.facilitation.actions.hubs import do_add_hub_members, do_remove_hub_member
from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_archive_stream,
    do_mark_sensitive,
)
from symbiose.registry.models import Stream
from symbiose.registry.viewers import viewer_for

pytestmark = pytest.mark.django_db


def _points(client: Client) -> list[dict]:
    """The points on the hub dashboard's map, as its page draws them."""
    html = client.get("/hub/testpark/").content.decode()
    assert "hub-points" in html  # the dashboard, not the member's page
    start = html.index('<script id="hub-points" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


def _titles(client: Client) -> set[str]:
    return {p["title"] for p in _points(client)}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _stream(ref: str, org_ref: str, title: str) -> Stream:
    stream, _ = check_save_stream(
        {"ref": ref, "organisation_ref": org_ref, "direction": "offer", "category": "material",
         "ewc_code": "10 02 02", "title": title, "quantity": "100", "unit": "t",
         "period": "year", "visibility": "public"},
        acting_user=None,
    )  # fmt: skip
    return stream


def test_the_dashboard_map_follows_edits_archives_and_membership(world):
    client = _client(world.facilitator)
    stream = _stream("S-SHARED-1", "ORG-FJORD", "Slagg fra ovn 1")
    assert "Slagg fra ovn 1" in _titles(client)
    _stream("S-SHARED-1", "ORG-FJORD", "Slagg fra ovn 2")  # an edit
    titles = _titles(client)
    assert "Slagg fra ovn 2" in titles and "Slagg fra ovn 1" not in titles
    do_archive_stream(Stream.objects.get(pk=stream.pk), acting_user=None)
    assert "Slagg fra ovn 2" not in _titles(client)
    # an organisation joining brings its streams; leaving takes them away
    _stream("S-SHARED-OUT", "ORG-OUT", "Utenfra-slagg")
    assert "Utenfra-slagg" not in _titles(client)
    do_add_hub_members(world.hub, [world.outsider_org], acting_user=None)
    assert "Utenfra-slagg" in _titles(client)
    do_remove_hub_member(world.hub, world.outsider_org, acting_user=None)
    assert "Utenfra-slagg" not in _titles(client)


def test_an_organisation_renamed_is_named_anew_on_the_map(world):
    client = _client(world.system_facilitator)
    _stream("S-SHARED-3", "ORG-FJORD", "Slagg")
    assert {p["org"] for p in _points(client)} == {"Fjordmetall AS"}
    check_save_organisation({"ref": "ORG-FJORD", "name": "Fjordstål AS"}, acting_user=None)
    assert {p["org"] for p in _points(client)} == {"Fjordstål AS"}


def test_insiders_share_one_computation_and_no_one_else_reads_or_fills_it(world):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    hubs = [world.hub]
    for user in (world.facilitator, world.system_facilitator, world.admin):
        assert shared.for_insiders(viewer_for(user), "t", hubs, compute) == 1
    assert len(calls) == 1
    # a member company's user is no insider of every member: computed for it alone
    do_add_hub_members(world.hub, [world.outsider_org], acting_user=None)
    assert not shared.insider_of_every_member(viewer_for(world.owner), hubs)
    kept = dict(shared._kept)
    assert shared.for_insiders(viewer_for(world.owner), "t", hubs, compute) == 2
    assert shared.for_insiders(viewer_for(world.owner), "t", hubs, compute) == 3
    assert shared._kept == kept
    # the membership changed: the insiders' figures are computed again
    assert shared.for_insiders(viewer_for(world.facilitator), "t", hubs, compute) == 4


def test_a_hidden_field_marked_on_a_member_stream_is_a_change(world):
    stream = _stream("S-SHARED-2", "ORG-FJORD", "Støv")
    calls = []
    viewer = viewer_for(world.facilitator)
    shared.for_insiders(viewer, "t", [world.hub], lambda: calls.append(1))
    do_mark_sensitive(Stream.objects.get(pk=stream.pk), ["quantity"], acting_user=None)
    shared.for_insiders(viewer, "t", [world.hub], lambda: calls.append(1))
    assert len(calls) == 2


def test_the_process_keeps_a_bounded_number_of_figures(world):
    viewer = viewer_for(world.admin)
    for i in range(shared.ENTRIES + 10):
        shared.for_insiders(viewer, f"kind {i}", [world.hub], lambda: "x" * 1000)
    assert len(shared._kept) == shared.ENTRIES


def _to_confirm(client: Client) -> tuple[int, list[str]]:
    """The dashboard's count of streams not confirmed in 12 months, and those it lists."""
    context = client.get("/hub/testpark/").context
    return context["stale_count"], [s["title"] for s in context["stale"]]


def test_streams_to_confirm_follow_a_confirmation_and_the_day(world, monkeypatch):
    client = _client(world.facilitator)
    stream = _stream("S-SHARED-OLD", "ORG-FJORD", "Gammel slagg")
    count, titles = _to_confirm(client)
    assert "Gammel slagg" not in titles
    # a year and a day on, the stream is to be confirmed: the kept figures are of another day
    later = timezone.localdate() + datetime.timedelta(days=367)
    monkeypatch.setattr(dashboard.timezone, "localdate", lambda: later)
    later_count, titles = _to_confirm(client)
    assert "Gammel slagg" in titles and later_count > count
    # confirmed again (an edit confirms it that day): gone from the list at once
    Stream.objects.filter(pk=stream.pk).update(confirmed_at=later, updated_at=timezone.now())
    assert _to_confirm(client) == (later_count - 1, [t for t in titles if t != "Gammel slagg"])
    # what the page shows equals the streams' own dates, for the facilitator and an admin
    for user in (world.facilitator, world.admin):
        expected = Stream.objects.filter(organisation__hubs=world.hub, archived_at=None)
        assert _to_confirm(_client(user))[0] == expected.stale(later).count()
