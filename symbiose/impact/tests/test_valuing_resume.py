"""A valuing pass that gives way to a waiting task goes on where it stopped.

It used to queue a fresh pass, which walked again every pair the first part had looked at
(tens of seconds at 100 000 streams before it reached new work), so a pass giving way to
each of a series of saves might never finish. The rest now starts after the last offer the
first part finished, with the first part's start time and marks, and the two parts together
store what one pass stores.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from symbiose.impact.models import PairValue, ValuationState
from symbiose.impact.tasks import enqueue_valuing, value_candidates
from symbiose.impact.tests.test_valuing_after_recompute import _values, settled_world  # noqa: F401
from symbiose.impact.valuing import MARGIN, value_stale
from symbiose.matching.models import Candidate
from tests.workers import drain, failed


def test_the_rest_of_a_pass_starts_after_the_last_offer_done(settled_world):  # noqa: F811
    whole = _values()
    pairs = Candidate.objects.count()
    offers = Candidate.objects.values("offer_id").distinct().count()
    assert offers >= 3, "the world needs pairs of several offers"
    PairValue.objects.all().delete()
    ValuationState.objects.all().delete()

    first = value_stale(stop=lambda: True, batch=1)  # gives way after one batch
    assert not first.finished and first.resume is not None
    assert 0 < first.looked < pairs
    done = set(PairValue.objects.values_list("offer_id", flat=True))
    assert done and max(done) <= first.resume["after"]
    assert not ValuationState.objects.exists()  # not recorded until the pass finishes

    rest = value_stale(resume=first.resume)
    assert rest.finished
    assert first.looked + rest.looked == pairs  # nothing looked at twice
    assert _values().keys() == whole.keys()
    state = ValuationState.objects.get(pk=1)
    started = datetime.datetime.fromisoformat(first.resume["started"])
    assert state.since == started - MARGIN  # writes since the first part are looked at again
    assert state.last_candidate == first.resume["last_candidate"]


def test_a_rest_made_under_other_factors_starts_over(settled_world):  # noqa: F811
    pairs = Candidate.objects.count()
    PairValue.objects.all().delete()
    ValuationState.objects.all().delete()
    first = value_stale(stop=lambda: True, batch=1)
    assert first.resume is not None
    stale = {**first.resume, "version": "an older version"}
    again = value_stale(resume=stale)
    assert again.finished and again.looked == pairs


def test_while_a_rest_waits_a_request_queues_nothing_and_the_rest_queues_one_after(
    settled_world,  # noqa: F811
):
    PairValue.objects.all().delete()
    ValuationState.objects.all().delete()
    first = value_stale(stop=lambda: True, batch=1)
    value_candidates.enqueue(resume=first.resume)
    enqueue_valuing()  # a refresh finished meanwhile
    enqueue_valuing(prune=True)  # a recompute finished meanwhile
    queued = DBTaskResult.objects.filter(task_path=value_candidates.module_path)
    assert queued.count() == 1  # only the rest
    assert drain() == 1  # the rest; the pass it queues settles first
    assert not failed(), failed()
    soon = timezone.now() + datetime.timedelta(minutes=1)  # not a pass for a factor day
    after = queued.filter(status="READY", run_after__lte=soon)
    assert after.count() == 1 and after.get().args_kwargs["kwargs"]["prune"] is True
    assert ValuationState.objects.filter(pk=1).exists()
