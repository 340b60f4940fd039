"""Report jobs: queued by the request, rendered by a worker as the requester, kept private."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import get_language

from symbiose.registry import access as registry_access
from symbiose.reports import jobs
from symbiose.reports.models import ReportJob
from tests.workers import drain, failed
from tests.world import SECRET

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NB = {"HTTP_ACCEPT_LANGUAGE": "nb"}
#: Raised by ``broken`` so a test can see the worker survive a failing report.
BROKEN = RuntimeError("the renderer fell over")
#: Users the checks below refuse, set by a test.
REFUSED: set[int] = set()


def _check(user, *, ref: str) -> str:
    if user.pk in REFUSED:
        raise Http404(ref)
    return f"What you see of {ref}"


@jobs.report(check=_check)
def what_i_see(user, *, ref: str) -> jobs.File:
    """The stream's description as the requester may see it, and the language rendered in."""
    stream = registry_access.visible_streams(user).get(ref=ref)
    shown = registry_access.redacted(user, stream)["description"]
    return jobs.File(f"{ref}.txt", f"{get_language()}:{shown}".encode(), "text/plain")


@jobs.report(check=_check)
def broken(user, *, ref: str) -> jobs.File:
    raise BROKEN


@pytest.fixture(autouse=True)
def _nobody_refused():
    REFUSED.clear()
    yield
    REFUSED.clear()


def start(client, world, user, fn=what_i_see, lang="en", capture=None):
    """Start ``fn`` for ``user`` as a view would, in ``lang``; the job's page URL."""
    request = RequestFactory().get("/")
    request.user = user
    with capture(execute=True), translation.override(lang):
        response = jobs.start(request, fn, ref=world.secret_stream.ref)
    assert response.status_code == 302
    return response["Location"]


def test_a_report_is_prepared_by_a_worker_and_downloaded_by_its_requester(
    client, world, django_capture_on_commit_callbacks
):
    url = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    client.force_login(world.owner)
    page = client.get(url, **EN).content.decode()
    assert "Preparing the report" in page and 'hx-trigger="every 2s"' in page
    assert client.get(url + "file").status_code == 404  # nothing to download yet
    fragment = client.get(url, HTTP_HX_REQUEST="true", **EN).content.decode()
    assert fragment.lstrip().startswith("<div") and "<html" not in fragment
    assert drain() == 1 and not failed()
    page = client.get(url, **EN).content.decode()
    assert 'id="report-download"' in page and "hx-trigger" not in page
    download = client.get(url + "file")
    assert download["Content-Type"] == "text/plain"
    assert 'filename="S-FJORD-SLAG.txt"' in download["Content-Disposition"]
    assert download.content.decode() == f"en:{SECRET['description']}"


def test_the_file_shows_only_what_the_requester_may_see(
    client, world, django_capture_on_commit_callbacks
):
    url = start(client, world, world.outsider, capture=django_capture_on_commit_callbacks)
    drain()
    client.force_login(world.outsider)
    assert client.get(url + "file").content.decode() == "en:None"


def test_nobody_else_opens_or_downloads_the_job(client, world, django_capture_on_commit_callbacks):
    url = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    drain()
    for other in (world.colleague, world.facilitator, world.admin):
        client.force_login(other)
        assert client.get(url).status_code == 404
        assert client.get(url + "file").status_code == 404
    client.logout()
    assert client.get(url + "file").status_code == 302  # to sign in
    assert client.get("/reports/not-a-uuid/").status_code in (302, 404)


def test_losing_access_before_rendering_fails_the_job_and_after_it_blocks_the_download(
    client, world, django_capture_on_commit_callbacks
):
    url = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    REFUSED.add(world.owner.pk)
    assert drain() == 1
    job = ReportJob.objects.get()
    assert job.status == "failed" and job.error == "gone" and job.content is None
    REFUSED.clear()
    client.force_login(world.owner)
    assert "no longer see" in client.get(url, **EN).content.decode()
    ReportJob.objects.all().delete()
    url = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    drain()
    REFUSED.add(world.owner.pk)
    assert client.get(url + "file").status_code == 404


def test_a_job_is_rendered_in_the_language_it_was_asked_in(
    client, world, django_capture_on_commit_callbacks
):
    url = start(client, world, world.owner, lang="nb", capture=django_capture_on_commit_callbacks)
    drain()
    client.force_login(world.owner)
    assert client.get(url + "file").content.decode().startswith("nb:")
    assert "Last ned" in client.get(url, **NB).content.decode()


def test_asking_again_while_it_is_prepared_gives_the_same_job(
    client, world, django_capture_on_commit_callbacks
):
    first = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    again = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    other = start(client, world, world.colleague, capture=django_capture_on_commit_callbacks)
    assert first == again != other and ReportJob.objects.count() == 2


def test_a_failing_report_is_logged_and_shown_as_failed(
    client, world, caplog, django_capture_on_commit_callbacks
):
    url = start(client, world, world.owner, fn=broken, capture=django_capture_on_commit_callbacks)
    assert drain() == 1
    assert "the renderer fell over" in caplog.text
    client.force_login(world.owner)
    assert "could not be prepared" in client.get(url, **EN).content.decode()


def test_a_job_whose_worker_died_is_shown_as_failed_not_forever_preparing(
    client, world, django_capture_on_commit_callbacks
):
    url = start(client, world, world.owner, capture=django_capture_on_commit_callbacks)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ReportJob.objects.update(status="running", created_at=long_ago)
    client.force_login(world.owner)
    assert "could not be prepared" in client.get(url, **EN).content.decode()


def test_only_functions_marked_as_reports_are_run():
    with pytest.raises(ValueError, match="is not a report"):
        jobs.resolve("symbiose.reports.tests.test_report_jobs._check")


def test_the_check_refuses_at_the_start_as_the_page_would(world):
    def refuse(user, **params):
        raise PermissionDenied

    @jobs.report(check=refuse)
    def secret(user) -> jobs.File:
        return jobs.File("x.pdf", b"")

    request = RequestFactory().get("/")
    request.user = world.outsider
    with pytest.raises(PermissionDenied):
        jobs.start(request, secret)
    assert not ReportJob.objects.exists()
