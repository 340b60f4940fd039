"""Alerts: e-mail me when a new stream matches mine, once per new partner, never a secret."""

from __future__ import annotations

from django.core import mail
from django.test import TestCase

from symbiose.matching.actions import do_refresh_stream
from symbiose.registry.actions import check_save_stream
from symbiose.web.management.commands.send_alerts import send_due_alerts
from tests.workers import drain
from tests.world import SECRET


def test_an_alert_mails_new_matches_once_and_without_secrets(client, world):
    # The need's site is near the slag's area (Agder): a pair 300 km apart stays under the
    # alert threshold, for an outsider too, since a hidden site is scored at its shown area.
    need, _ = check_save_stream(
        {"ref": "S-OUT-NEED", "organisation_ref": "ORG-OUT", "direction": "need",
         "category": "material", "title": "Manganese slag for cement", "ewc_code": "10 02 02",
         "visibility": "public", "lat": "58.45", "lon": "8.0"},
        acting_user=world.outsider,
    )  # fmt: skip
    client.force_login(world.outsider)
    assert client.post(f"/streams/{need.ref}/alert/", {"max_km": ""}).status_code == 302
    do_refresh_stream(need.pk)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_due_alerts() == 1
    assert not mail.outbox  # queued, not sent by the command itself
    drain()  # a task worker sends it
    body = mail.outbox[0].body
    assert "Manganese slag" in body
    assert not any(v in body for v in SECRET.values())
    assert send_due_alerts() == 0


def test_alerts_can_be_switched_off(client, world):
    client.force_login(world.owner)
    client.post("/streams/S-FJORD-HEAT/alert/")
    assert "Stop e-mails" in client.get("/streams/S-FJORD-HEAT/matches/",
                                        HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    client.post("/streams/S-FJORD-HEAT/alert/", {"off": "1"})
    assert send_due_alerts() == 0


def test_someone_else_cannot_set_an_alert_on_my_stream(client, world):
    client.force_login(world.outsider)
    assert client.post("/streams/S-FJORD-HEAT/alert/").status_code == 404


def test_owners_of_a_stale_stream_are_reminded_once(world):
    import datetime

    from symbiose.registry.models import Stream
    from symbiose.web.management.commands.send_alerts import send_stale_reminders

    Stream.objects.filter(ref="S-FJORD-HEAT").update(  # write-ok: test setup of old data
        confirmed_at=datetime.date(2020, 1, 1)
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_stale_reminders() == 1
    drain()
    assert set(mail.outbox[0].to) == {"owner@example.no", "colleague@example.no"}
    assert send_stale_reminders() == 0


def test_an_alert_judges_a_partner_without_a_place_as_at_the_usual_distance(client, world):
    from symbiose.contact.models import SavedSearch
    from symbiose.matching.engine.scale import attention_score
    from symbiose.matching.models import Candidate
    from symbiose.registry.actions import check_save_organisation, do_verify_organisation
    from symbiose.registry.models import Stream

    org, _ = check_save_organisation(
        {"ref": "ORG-NOPLACE", "name": "Stedløs AS", "org_number": "912345688"},
        acting_user=None,
    )
    do_verify_organisation(org, acting_user=None)
    for ref, org_ref, direction, title in (
        ("S-NOPLACE-SLAG", "ORG-NOPLACE", "offer", "Manganese slag"),
        ("S-OUT-NEED", "ORG-OUT", "need", "Manganese slag for cement"),
    ):
        check_save_stream(
            {"ref": ref, "organisation_ref": org_ref, "direction": direction,
             "category": "material", "title": title, "ewc_code": "10 02 02",
             "visibility": "public"},
            acting_user=world.outsider if org_ref == "ORG-OUT" else None,
        )  # fmt: skip
    client.force_login(world.outsider)
    client.post("/streams/S-OUT-NEED/alert/", {"max_km": ""})
    do_refresh_stream(Stream.objects.get(ref="S-OUT-NEED").pk)
    pair = Candidate.objects.get(offer__ref="S-NOPLACE-SLAG", need__ref="S-OUT-NEED")
    assert pair.distance_km is None and pair.feasible
    judged = attention_score(pair.score, known_distance=False)
    # A minimum between its ranking score and its judged score: only the judged one passes.
    SavedSearch.objects.filter(stream__ref="S-OUT-NEED").update(
        min_score=(pair.score + judged) / 2
    )  # write-ok: test setup
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_due_alerts() == 1
    drain()
    assert "Stedløs AS" in mail.outbox[0].body
