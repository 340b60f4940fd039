"""After a deploy that changes the code values are computed from, the first worker to start
queues one valuing pass, so pages stop valuing every pair in the request."""

from __future__ import annotations

import io

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from symbiose.impact import stored
from symbiose.impact.stored import PageValues
from symbiose.impact.tasks import after_deploy, value_candidates
from symbiose.impact.tests.test_stored_values import user, valued_world, visible_pairs  # noqa: F401


def _computed_in_request(viewer) -> int:
    pairs = visible_pairs(viewer)
    values = PageValues(viewer).load(pairs)
    for offer, need in pairs:
        values.get(offer, need)
    assert pairs
    return values.computed


def _passes() -> list[str]:
    return list(
        DBTaskResult.objects.filter(task_path=value_candidates.module_path).values_list(
            "status", flat=True
        )
    )


def test_a_worker_start_without_a_deploy_queues_nothing(valued_world):  # noqa: F811
    DBTaskResult.objects.all().delete()
    assert after_deploy() is False and _passes() == []
    assert _computed_in_request(user("owner")) == 0


def test_workers_starting_together_after_a_deploy_queue_one_pass(valued_world, monkeypatch):  # noqa: F811
    DBTaskResult.objects.all().delete()
    monkeypatch.setattr(stored, "code_version", lambda: "deployed")
    assert after_deploy() is True
    assert after_deploy() is False  # a second worker finds it waiting
    assert _passes() == ["READY"]


def test_after_a_deploy_the_first_worker_values_everything_once(
    transactional_db,
    valued_world,  # noqa: F811
    monkeypatch,
):
    # transactional: the worker loop closes connections (see matching's test_snapshot)
    owner = user("owner")
    DBTaskResult.objects.all().delete()
    assert _computed_in_request(owner) == 0
    monkeypatch.setattr(stored, "code_version", lambda: "deployed")  # the new code
    assert _computed_in_request(owner) > 0  # every stored value is stale now
    for _worker in range(2):  # two workers start on the new code, one after the other
        call_command("task_worker", batch=True, reload=False, startup_delay=False, nice=0,
                     stdout=io.StringIO(), queue_name="*")  # fmt: skip
    assert _passes() == ["SUCCESSFUL"]
    assert _computed_in_request(owner) == 0
