"""``symbiose demo`` sets off a watch that fires through the task queue."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command

from symbiose.search.models import Notification, SavedSearch
from tests.workers import drain, failed


@pytest.mark.django_db
def test_the_demo_saves_searches_and_its_watch_fires_when_a_worker_runs(
    django_capture_on_commit_callbacks,
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=out)
    assert SavedSearch.objects.count() == 2
    assert "Mangan i Agder" in out.getvalue()
    assert Notification.objects.count() == 0  # nothing fires inside the command
    while True:
        with django_capture_on_commit_callbacks(execute=True):
            if not drain():
                break
    assert failed() == []
    notes = set(Notification.objects.values_list("user__email", "kind", "stream_ref"))
    assert notes == {
        ("fasilitator@demo.symbiose.no", "composition", "S-DEMO-SKARVIK-DUST"),
        ("fasilitator@demo.symbiose.no", "threshold", "S-DEMO-SKARVIK-DUST"),
    }
    assert "S-DEMO-SKARVIK-DUST" in out.getvalue()
    assert any("fasilitator@demo.symbiose.no" in m.to for m in mail.outbox)
