"""The annual update round: opened by facilitators, answered by companies on their home page,
reminded through the background queue and the outbox (never mailed in the request)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from symbiose.facilitation import history
from symbiose.mail.models import OutgoingMail
from symbiose.regional.actions import (
    RoundRefused,
    check_open_round,
    check_send_reminders,
    do_close_round,
)
from symbiose.regional.models import RoundRequest, UpdateRound
from symbiose.registry.models import AuditEvent, Stream
from tests.workers import drain, failed

DEADLINE = datetime.date.today() + datetime.timedelta(days=30)


@pytest.fixture
def opened(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        found = check_open_round(world.hub, 2026, DEADLINE, acting_user=world.facilitator)
    return found


def test_opening_a_round_asks_every_member_and_mails_them_only_from_a_worker(world, opened):
    asked = set(opened.requests.values_list("organisation__ref", flat=True))
    assert asked == set(world.hub.members.values_list("ref", flat=True)) == {"ORG-FJORD"}
    assert not OutgoingMail.objects.exists(), "the request itself writes no mail"
    assert drain() >= 1 and not failed()
    queued = OutgoingMail.objects.get()
    assert set(queued.to) == {world.owner.email, world.colleague.email}
    assert "2026" in queued.body and "bekrefte" in queued.body and "confirm" in queued.body
    event = AuditEvent.objects.get(verb="round-opened")
    with translation.override("nb"):
        assert "oppdateringsrunden for 2026" in history.describe(event)


def test_a_second_round_for_the_same_hub_and_year_is_refused(world, opened):
    with pytest.raises(RoundRefused, match="already open"):
        check_open_round(world.hub, 2026, DEADLINE, acting_user=world.facilitator)
    assert UpdateRound.objects.count() == 1


@pytest.mark.parametrize("lang,text", [("nb", "Bekreft strømmene dine for 2026"),
                                       ("en", "Confirm your streams for 2026")])  # fmt: skip
def test_the_company_sees_the_task_on_its_home_page(client, world, opened, lang, text):
    client.force_login(world.colleague)
    page = client.get("/streams/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert text in page
    client.force_login(world.outsider)
    assert text not in client.get("/streams/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_confirming_stamps_each_streams_freshness_and_ends_the_task(client, world, opened):
    old = datetime.date.today() - datetime.timedelta(days=500)
    Stream.objects.filter(organisation=world.org).update(confirmed_at=old)
    request = opened.requests.get()
    client.force_login(world.colleague)
    response = client.post(f"/region/confirm/{request.pk}/")
    assert response.status_code == 302
    streams = Stream.objects.active().filter(organisation=world.org)
    assert streams.count() == 3
    assert set(streams.values_list("confirmed_at", flat=True)) == {timezone.localdate()}
    request.refresh_from_db()
    assert request.confirmed_by == world.colleague and request.streams_confirmed == 3
    assert AuditEvent.objects.filter(verb="confirmed").count() == 3
    assert "Confirm your streams" not in client.get("/streams/").content.decode()


@pytest.mark.parametrize("role", ["outsider", "facilitator", "system_facilitator",
                                  "pending_member"])  # fmt: skip
def test_only_the_company_confirms_its_own_request(client, world, opened, role):
    request = opened.requests.get()
    client.force_login(world.role(role))
    assert client.post(f"/region/confirm/{request.pk}/").status_code == 404
    request.refresh_from_db()
    assert request.confirmed_at is None


def test_reminders_go_only_to_those_who_have_not_answered_and_not_twice_a_day(
    world, opened, django_capture_on_commit_callbacks
):
    drain()
    OutgoingMail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert check_send_reminders(opened, acting_user=world.system_facilitator) == 1
    assert not OutgoingMail.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        drain()  # the worker writes the reminder to the outbox ...
    drain()  # ... and delivers it
    assert not failed()
    reminder = OutgoingMail.objects.get()
    assert reminder.status == "sent" and [m.to for m in mail.outbox] == [reminder.to]
    assert reminder.subject.startswith("Symbiose: Påminnelse")
    assert RoundRequest.objects.get().reminders_sent == 1
    with pytest.raises(RoundRefused, match="less than a day ago"):
        check_send_reminders(opened, acting_user=world.facilitator)
    RoundRequest.objects.update(confirmed_at=timezone.now(), last_reminded_at=None)
    with pytest.raises(RoundRefused, match="no one to remind"):
        check_send_reminders(opened, acting_user=world.facilitator)


def test_a_closed_round_takes_no_answers_and_sends_no_reminders(client, world, opened):
    do_close_round(opened, acting_user=world.facilitator)
    with pytest.raises(RoundRefused, match="closed"):
        check_send_reminders(opened, acting_user=world.facilitator)
    client.force_login(world.owner)
    client.post(f"/region/confirm/{opened.requests.get().pk}/")
    assert opened.requests.get().confirmed_at is None
    assert "Confirm your streams" not in client.get("/streams/").content.decode()


@pytest.mark.parametrize(
    "role,list_status,detail_status",
    [("facilitator", 200, 200), ("system_facilitator", 200, 200), ("admin", 200, 200),
     ("other_facilitator", 200, 404), ("owner", 403, 404), ("outsider", 403, 404),
     ("anonymous", 302, 302)],
)  # fmt: skip
def test_rounds_are_for_the_hubs_workspace(client, world, opened, role, list_status,
                                           detail_status):  # fmt: skip
    if role != "anonymous":
        client.force_login(world.role(role))
    assert client.get("/region/rounds/").status_code == list_status
    assert client.get(f"/region/rounds/{opened.pk}/").status_code == detail_status
    remind = client.post(f"/region/rounds/{opened.pk}/remind/")
    assert remind.status_code == (302 if detail_status == 200 else detail_status)


def test_the_progress_page_lists_who_confirmed_and_who_not(client, world, opened):
    client.force_login(world.facilitator)
    page = client.get(f"/region/rounds/{opened.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "0 of 1 organisations have confirmed" in page and "Fjordmetall AS" in page
    client.force_login(world.owner)
    client.post(f"/region/confirm/{opened.requests.get().pk}/")
    client.force_login(world.facilitator)
    page = client.get(f"/region/rounds/{opened.pk}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "1 av 1 organisasjoner har bekreftet" in page


@pytest.mark.parametrize("lang,message", [
    ("en", "Answer by: Give a date from today and within a year."),
    ("nb", "Svar innen: Oppgi en dato fra i dag og innen ett år."),
])  # fmt: skip
def test_a_bad_deadline_is_shown_at_its_field(client, world, lang, message):
    client.force_login(world.facilitator)
    response = client.post(
        "/region/rounds/", {"hubs": [world.hub.pk], "year": "2026", "deadline": "2020-01-01"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not UpdateRound.objects.exists()


def test_a_facilitator_cannot_open_a_round_in_a_hub_outside_their_workspace(client, world):
    client.force_login(world.other_facilitator)
    response = client.post(
        "/region/rounds/", {"hubs": [world.hub.pk], "year": "2026",
                            "deadline": DEADLINE.isoformat()},
    )  # fmt: skip
    assert response.status_code == 400
    assert not UpdateRound.objects.exists()


def test_opening_rounds_in_several_hubs_is_all_or_nothing(client, world, opened):
    from symbiose.facilitation.actions import do_add_hub_members

    do_add_hub_members(world.other_hub, [world.outsider_org], acting_user=None)
    client.force_login(world.admin)  # works in both hubs; "Annen park" comes first
    response = client.post(
        "/region/rounds/", {"hubs": [world.hub.pk, world.other_hub.pk], "year": "2026",
                            "deadline": DEADLINE.isoformat()}, HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 400
    assert "already open in Testpark" in response.content.decode()
    assert list(UpdateRound.objects.all()) == [opened]  # Annen park's round was undone
