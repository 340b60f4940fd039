"""A large upload is checked and saved by a task worker; its page shows each stage."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from symbiose.facilitation.models import ImportJob
from symbiose.facilitation.tests.test_hubs_and_import import csv_upload
from symbiose.registry.models import Stream
from tests.workers import drain, failed

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def large(settings):
    settings.SYMBIOSE_IMPORT_TASK_BYTES = 10  # every test upload counts as large


def test_a_large_upload_is_checked_confirmed_and_saved_by_the_worker(
    client, world, large, django_capture_on_commit_callbacks
):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    body = "S-BIG-1,ORG-FJORD,offer,material,Spent lining,120,t,year\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, csv_upload(body))
    job = ImportJob.objects.get()
    page_url = reverse("facilitation:import-job", args=["testpark", job.pk])
    assert response.status_code == 302 and response["Location"] == page_url
    page = client.get(page_url, **EN).content.decode()
    assert "checking the file" in page and 'http-equiv="refresh"' in page
    assert drain() == 1 and not failed()
    page = client.get(page_url, **EN).content.decode()
    assert "S-BIG-1" in page and 'id="confirm"' in page and 'http-equiv="refresh"' not in page
    assert not Stream.objects.filter(ref="S-BIG-1").exists()  # nothing before confirming
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url)
    assert "saving" in client.get(page_url, **EN).content.decode()
    assert drain() >= 1 and not failed()
    assert Stream.objects.filter(ref="S-BIG-1").exists()
    page = client.get(page_url, **EN).content.decode()
    assert "Imported: 1 new, 0 updated, 0 unchanged." in page


def test_a_large_upload_with_problems_lists_them_and_cannot_be_confirmed(
    client, world, large, django_capture_on_commit_callbacks
):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, csv_upload("S-BAD-9,ORG-FJORD,sideways,material,Thing,12,t,year\n"))
    drain()
    job = ImportJob.objects.get()
    page_url = reverse("facilitation:import-job", args=["testpark", job.pk])
    page = client.get(page_url, **EN).content.decode()
    assert "Nothing was saved" in page and "direction" in page and 'id="confirm"' not in page
    client.post(page_url)
    job.refresh_from_db()
    assert job.status == "checked" and not Stream.objects.filter(ref="S-BAD-9").exists()


def test_another_hubs_facilitator_cannot_see_the_job(client, world, large):
    client.force_login(world.facilitator)
    client.post(reverse("facilitation:hub-import", args=["testpark"]),
                csv_upload("S-BIG-2,ORG-FJORD,offer,material,Ash,1,t,year\n"))  # fmt: skip
    job = ImportJob.objects.get()
    client.force_login(world.other_facilitator)
    page_url = reverse("facilitation:import-job", args=["testpark", job.pk])
    assert client.get(page_url).status_code in (403, 404)


@override_settings(SYMBIOSE_IMPORT_TASK_BYTES=10_000_000)
def test_a_small_upload_is_still_previewed_at_once(client, world):
    client.force_login(world.facilitator)
    url = reverse("facilitation:hub-import", args=["testpark"])
    page = client.post(url, csv_upload("S-SMALL-1,ORG-FJORD,offer,material,Ash,1,t,year\n"), **EN)
    assert "S-SMALL-1" in page.content.decode() and not ImportJob.objects.exists()


def test_the_worker_records_how_many_rows_it_has_checked(
    client, world, large, django_capture_on_commit_callbacks
):
    client.force_login(world.facilitator)
    body = "".join(
        f"S-PROG-{k},ORG-FJORD,offer,material,Ash {k},{k + 1},t,year\n" for k in range(5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("facilitation:hub-import", args=["testpark"]), csv_upload(body))
    job = ImportJob.objects.get()
    page_url = reverse("facilitation:import-job", args=["testpark", job.pk])
    assert "Reading the file" in client.get(page_url, **EN).content.decode()
    drain()
    job.refresh_from_db()
    assert (job.done, job.total) == (5, 5) and job.percent == 100
    job.status, job.done = "checking", 2
    job.save()
    page = client.get(page_url, **EN).content.decode()
    assert "40% — 2 of 5 rows checked" in page and '<progress value="2" max="5">' in page
    page = client.get(page_url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "40 % — 2 av 5 rader kontrollert" in page


def test_a_large_upload_asks_the_same_nace_question_as_the_quick_preview(
    client, world, large, django_capture_on_commit_callbacks
):
    from symbiose.registry.models import Organisation

    client.force_login(world.facilitator)
    upload = {"file": SimpleUploadedFile(
        "organisations.csv", b"ref,name,nace\nORG-GJEN,Gjenvinning AS,38.32\n",
        content_type="text/csv")}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("facilitation:hub-import", args=["testpark"]), upload)
    drain()
    job = ImportJob.objects.get()
    page_url = reverse("facilitation:import-job", args=["testpark", job.pk])
    page = client.get(page_url, **EN).content.decode()
    assert "Recovery of sorted materials" in page and 'name="nace:2"' in page
    assert '<option value="38.32">' in page and 'id="confirm"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url, {"nace_choice": "1", "nace:2": "38.21"})
    assert "checking the file" in client.get(page_url, **EN).content.decode()
    assert drain() == 1 and not failed()
    page = client.get(page_url, **EN).content.decode()
    assert 'id="confirm"' in page and 'name="nace:2"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page_url)
    drain()
    assert Organisation.objects.get(ref="ORG-GJEN").nace == "38.21"
