"""A factor valid from a future date makes every stored value stale at midnight; a valuing
pass is queued for that moment, so pages do not value every pair in the request from then on.

The clock is moved forward instead of waiting: the day the factors are read for (the
calculators' ``date.today()`` and :func:`symbiose.impact.stored.today`) and the queue's
``timezone.now()``.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from symbiose.impact import stored
from symbiose.impact.actions import check_save_regional_factor
from symbiose.impact.adapter import assess_pair, factor_set, try_assess_pair
from symbiose.impact.calc import factors as factor_tables
from symbiose.impact.calc.factors import load_factors, merge_factors
from symbiose.impact.stored import Headline, PageValues, next_factor_day
from symbiose.impact.tasks import after_deploy, value_candidates
from symbiose.impact.tests.test_deploy_valuing import _computed_in_request
from symbiose.impact.tests.test_stored_values import user, valued_world  # noqa: F401
from symbiose.registry import access
from symbiose.registry.models import Stream
from tests.workers import drain, failed

TODAY = datetime.date.today()
TOMORROW = TODAY + datetime.timedelta(days=1)
MIDNIGHT = datetime.datetime.combine(TOMORROW, datetime.time.min).astimezone()


class _Tomorrow(datetime.date):
    """``date`` whose ``today()`` is tomorrow: the calculators' clock, moved."""

    @classmethod
    def today(cls) -> datetime.date:
        return TOMORROW


def _move_clock_to_tomorrow(monkeypatch) -> None:
    now = timezone.now()
    monkeypatch.setattr(stored, "today", lambda: TOMORROW)
    monkeypatch.setattr(factor_tables, "date", _Tomorrow)
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(days=1))


def _scheduled() -> list[datetime.datetime]:
    passes = DBTaskResult.objects.filter(status="READY", task_path=value_candidates.module_path)
    return list(passes.values_list("run_after", flat=True))


def _slag_pair() -> tuple[Stream, Stream]:
    return Stream.objects.get(ref="S-FJORD-SLAG"), Stream.objects.get(ref="S-OUT-AGG")


def _tomorrows_factor(capture) -> None:
    """A regional factor, valid from tomorrow, for a factor the slag pair's value reads."""
    slag, need = _slag_pair()
    used = [ref.id for ref in assess_pair(slag, need).result.factors_used]
    fid = next(i for i in used if load_factors().get(i).value > 0)
    shipped = load_factors().get(fid)
    DBTaskResult.objects.all().delete()
    with capture(execute=True):
        check_save_regional_factor(
            {"id": fid, "value": shipped.value * 3, "unit": shipped.unit, "year": 2027,
             "source": "Tariff from tomorrow (test)", "valid_from": TOMORROW.isoformat(),
             "version": "test-tomorrow"},
            acting_user=None,
        )  # fmt: skip
    # the pass the save queued settles for a moment; run it now
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    assert drain() == 1 and not failed(), failed()


def test_the_next_factor_day_is_the_first_start_or_the_day_after_an_end():
    base = load_factors()
    assert next_factor_day(base, TODAY) is None  # the shipped tables: nothing dated ahead
    row = {"id": "price.electricity", "value": 0.9, "unit": "NOK/kWh", "source": "test",
           "year": 2027, "version": "t"}  # fmt: skip
    later = merge_factors(base, [{**row, "valid_from": "2027-03-01"}])
    assert next_factor_day(later, datetime.date(2027, 1, 1)) == datetime.date(2027, 3, 1)
    assert next_factor_day(later, datetime.date(2027, 3, 1)) is None
    ending = merge_factors(base, [{**row, "valid_to": "2027-01-31", "version": "u"}])
    assert next_factor_day(ending, datetime.date(2027, 1, 31)) == datetime.date(2027, 2, 1)


def test_a_factor_valid_from_tomorrow_is_valued_by_a_pass_queued_for_midnight(
    valued_world,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    owner = user("owner")
    slag, need = _slag_pair()
    viewer = access.viewer_for(owner)
    before = PageValues(viewer).load([(slag, need)]).get(slag, need)
    _tomorrows_factor(django_capture_on_commit_callbacks)

    # today: every value is current (the new factor is not valid yet), one pass waits
    assert _computed_in_request(owner) == 0
    assert _scheduled() == [MIDNIGHT]
    assert drain() == 0  # not due before midnight

    _move_clock_to_tomorrow(monkeypatch)
    assert stored.factors_version(factor_set()) != stored.factors_version(factor_set(), TODAY)
    assert _computed_in_request(owner) > 0  # at midnight every stored value is stale
    assert drain() == 1 and not failed(), failed()
    assert _computed_in_request(owner) == 0
    after = PageValues(viewer).load([(slag, need)]).get(slag, need)
    assert after == Headline.of(try_assess_pair(slag, need, viewer=viewer))
    assert after != before  # tomorrow's factor is in the stored value
    assert _scheduled() == []  # no later day known


def test_a_starting_worker_queues_the_midnight_pass_once(
    valued_world,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    _tomorrows_factor(django_capture_on_commit_callbacks)
    DBTaskResult.objects.all().delete()  # as if the pass had been queued before this code
    assert after_deploy() is False  # nothing to value now
    assert _scheduled() == [MIDNIGHT]
    assert after_deploy() is False
    assert _scheduled() == [MIDNIGHT]  # a second worker queues no other
