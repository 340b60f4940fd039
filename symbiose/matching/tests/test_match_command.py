"""``symbiose match`` matches once, prints what it stored, and queues a valuing pass."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from symbiose.impact.models import PairValue
from symbiose.impact.tasks import value_candidates
from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.models import Candidate
from tests.workers import drain, failed

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "listing"


@pytest.fixture
def imported(db):
    call_command("import", str(EXAMPLE), stdout=io.StringIO())


def _printed(*args: str) -> list[dict]:
    out = io.StringIO()
    with translation.override("en"):
        call_command("match", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())["matches"]


def test_storing_chooses_the_pairs_once_and_prints_what_the_engine_ranks_best(
    imported, monkeypatch
):
    selections = []
    original = MatchEngine.select_all

    def counted(self, *args, **kwargs):
        selections.append(args or kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(MatchEngine, "select_all", counted)
    stored = _printed("--top", "3")
    assert len(selections) == 1  # the recompute's; printing reads the stored rows
    assert Candidate.objects.count() >= len(stored) > 0
    asked = _printed("--top", "3", "--no-store")  # the engine's own top 3, matched again
    assert len(selections) == 2
    by_pair = {(r["offer"], r["need"]): r for r in asked}
    assert [(r["offer"], r["need"]) for r in stored] == list(by_pair)  # same pairs, same order
    for mine in stored:
        theirs = by_pair[mine["offer"], mine["need"]]
        assert mine["score"] == pytest.approx(theirs["score"], abs=1e-4)
        assert (mine["feasible"], mine["distance_km"], mine["reasons"]) == (
            theirs["feasible"], theirs["distance_km"], theirs["reasons"]
        )  # fmt: skip
        assert not mine["intra_company"]
    with_own = _printed("--top", "3", "--intra-company")
    assert {(r["offer"], r["need"]) for r in with_own} >= {(r["offer"], r["need"]) for r in stored}


def test_storing_queues_one_valuing_pass_that_prunes_and_a_worker_runs(
    imported, django_capture_on_commit_callbacks
):
    DBTaskResult.objects.all().delete()
    PairValue.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        _printed("--top", "2")
    queued = DBTaskResult.objects.filter(task_path=value_candidates.module_path)
    assert queued.count() == 1
    assert queued.get().status == "READY" and queued.get().args_kwargs["kwargs"] == {
        "full": False,
        "prune": True,
    }
    # the pass waits a moment for more changes; not here
    queued.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    # the pass gives way to any other task waiting (the hub pair rows) and finishes after it
    assert drain() >= 1 and not failed(), failed()
    # a pass that gave way queues, when its rest is done, one pass for what changed meanwhile
    follow_up = list(queued.filter(status="READY"))
    assert len(follow_up) <= 1
    assert all("resume" not in t.args_kwargs["kwargs"] for t in follow_up)
    queued.filter(status="READY").update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    assert drain() >= len(follow_up) and not failed(), failed()
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert PairValue.objects.filter(offer=Candidate.objects.first().offer).exists()


def test_printing_without_storing_queues_nothing(imported, django_capture_on_commit_callbacks):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        _printed("--no-store")
    assert not DBTaskResult.objects.exists()
