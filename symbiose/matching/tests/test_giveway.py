"""A full recompute's store pauses for a save being shown, within a budget (issue 13)."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from symbiose.matching.actions import do_log_change
from symbiose.matching.giveway import GiveWay, refresh_waits
from symbiose.matching.tasks import refresh_candidates

pytestmark = pytest.mark.django_db


def running_refresh() -> None:
    """A refresh task another worker has claimed and runs now."""
    refresh_candidates.enqueue()
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)


def test_it_waits_only_while_a_save_is_pending_and_a_refresh_runs():
    DBTaskResult.objects.all().delete()
    assert not refresh_waits()
    do_log_change(organisation_id=None, stream_id=None)  # a pending change
    assert not refresh_waits()  # nobody is showing it: waiting would not help
    running_refresh()
    assert refresh_waits()
    give_way = GiveWay(active=False)
    give_way()
    assert give_way.paused == 0  # no fit yet: the refresh waits for the recompute instead


def test_its_pauses_stop_at_the_budget():
    DBTaskResult.objects.all().delete()
    do_log_change(organisation_id=None, stream_id=None)
    running_refresh()
    give_way = GiveWay(budget=0.3)
    give_way()
    give_way()
    assert 0.3 <= give_way.paused < 1.0 and give_way.times == 1, give_way.paused
