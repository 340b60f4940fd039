"""Matching runs in task workers: a web save only logs the change and queues a refresh."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from symbiose.matching import worker
from symbiose.matching.models import Candidate, Change
from symbiose.matching.tasks import refresh_candidates
from symbiose.registry.models import Stream
from symbiose.web.tests.test_registration import STREAM
from tests.workers import drain, failed

NEED = {**STREAM, "direction": "need", "title": "Wood chips for our boiler", "ewc_code": ""}


def test_a_web_save_queues_one_refresh_and_builds_no_engine(
    client, world, django_capture_on_commit_callbacks
):
    worker.reset()
    before = Change.objects.pending().count()  # the world's own streams
    client.force_login(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisations/ORG-FJORD/streams/new/", STREAM)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisations/ORG-FJORD/streams/new/", NEED)
    assert worker._me.engine is None  # the web process built none
    queued = DBTaskResult.objects.ready().filter(task_path=refresh_candidates.module_path)
    assert queued.count() == 1  # the second save found the first refresh still waiting
    assert Change.objects.pending().count() == before + 2
    page = client.get(f"/streams/{Stream.objects.get(title=NEED['title']).ref}/matches/")
    assert b'http-equiv="refresh"' in page.content


def test_the_worker_refreshes_and_the_matches_page_shows_them(
    client, world, django_capture_on_commit_callbacks
):
    worker.reset()
    client.force_login(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisations/ORG-FJORD/streams/new/", STREAM)
    client.force_login(world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisations/ORG-OUT/streams/new/", NEED)
    assert drain() >= 1 and not failed()
    need = Stream.objects.get(title=NEED["title"])
    assert not Change.objects.pending().exists()
    assert Candidate.objects.filter(need=need, offer__title=STREAM["title"]).exists()
    page = client.get(f"/streams/{need.ref}/matches/", HTTP_ACCEPT_LANGUAGE="en")
    assert b'http-equiv="refresh"' not in page.content
    assert STREAM["title"] in page.content.decode()
    worker.reset()
