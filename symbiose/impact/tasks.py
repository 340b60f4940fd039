"""Background work of the impact app: valuing stored candidates (``symbiose db_worker``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction

from symbiose.impact import valuing
from symbiose.impact.adapter import factor_set
from symbiose.impact.models import ValuationState
from symbiose.impact.stored import factors_version, next_factor_day
from symbiose.matching.tasks import recompute_candidates, refresh_candidates

#: Wait after the candidates change before valuing, so a burst of refreshes is valued once.
SETTLE = datetime.timedelta(seconds=2)


@task()
def value_candidates(full: bool = False, prune: bool = False, resume: dict | None = None) -> int:
    """Value the candidates whose stored values are missing or stale (every candidate with
    ``full``; ``prune``: also drop the values of pairs no longer candidates); give way to any
    other task that is waiting (after each batch of about a second) and queue the rest after
    it (``resume``: where the rest starts, see :func:`~.valuing.value_stale`). While a rest
    waits, other requests for a pass queue none (:func:`enqueue_valuing`): a pass that gave
    way queues, when it finishes, one pass for what changed since it started. A finished
    pass makes sure one is queued for the next day on which other factors become valid
    (:func:`queue_factor_day`)."""
    others = DBTaskResult.objects.ready().exclude(task_path=value_candidates.module_path)
    done = valuing.value_stale(full=full, prune=prune, stop=others.exists, resume=resume)
    if not done.finished:
        value_candidates.enqueue(full=full, prune=prune, resume=done.resume)
        return done.stored
    if resume is not None:
        enqueue_valuing(prune=True)
    queue_factor_day()
    return done.stored


def _rests() -> QuerySet[DBTaskResult]:
    """The rests of valuing passes that gave way, waiting to go on."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=value_candidates.module_path,
        args_kwargs__kwargs__has_key="resume",
    )  # fmt: skip


def _waiting(*, within: datetime.timedelta = SETTLE) -> QuerySet[DBTaskResult]:
    """Valuing passes queued to run now or within ``within`` (not those waiting for a day on
    which other factors become valid, nor the rest of a pass that gave way: that covers
    only the offers it had not reached)."""
    soon = Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now() + within)
    return DBTaskResult.objects.filter(
        soon, status=TaskResultStatus.READY, task_path=value_candidates.module_path
    ).exclude(args_kwargs__kwargs__has_key="resume")


def enqueue_valuing(*, full: bool = False, prune: bool = False, settle: bool = True) -> None:
    """Ask a worker to value the candidates, unless a pass that covers it is waiting.

    The rest of a pass that gave way covers any request but ``full``: when it finishes it
    queues a pass for whatever changed since its first part started. A fresh pass queued
    beside it would walk again every pair its first part looked at (after a deploy, all).
    """
    if not full and _rests().exists():
        return
    waiting = _waiting()
    if full:
        waiting = waiting.filter(args_kwargs__kwargs__full=True)
    elif prune:
        waiting = waiting.filter(
            Q(args_kwargs__kwargs__full=True) | Q(args_kwargs__kwargs__prune=True)
        )
    if waiting.exists():
        return
    when = timezone.now() + SETTLE if settle else None
    (value_candidates.using(run_after=when) if when else value_candidates).enqueue(
        full=full, prune=prune
    )


def queue_factor_day() -> bool:
    """Queue a valuing pass for the start of the next day on which other factors are valid
    (:func:`~symbiose.impact.stored.next_factor_day`), unless one is queued for it.

    A factor valid from a future date (a new tariff, next year's grid factor) changes every
    stored value's stamp at midnight: without a pass queued for then, pages would value each
    pair in the request until some refresh queued one. Called when a pass finishes and when
    a worker starts; checked and queued in one transaction that takes the valuing state's
    row, so workers finishing together queue one. Returns whether this call queued it.
    """
    day = next_factor_day(factor_set())
    if day is None:
        return False
    when = datetime.datetime.combine(day, datetime.time.min).astimezone()  # the local midnight
    with exclusive_transaction():
        ValuationState.objects.select_for_update().filter(pk=1).first()
        queued = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=value_candidates.module_path,
            run_after=when,
        )  # fmt: skip
        if queued.exists():
            return False
        value_candidates.using(run_after=when).enqueue()
    return True


def after_matching(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_finished`` receiver: value the candidates a refresh or recompute stored.

    After a recompute only the rows it inserted or rewrote and the pairs of changed streams
    are valued (it keeps the ids of the rows it leaves alone), and the values of the pairs it
    deleted are dropped.
    """
    if task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    path = task_result.task.module_path
    if path == recompute_candidates.module_path:
        enqueue_valuing(prune=True)
    elif path == refresh_candidates.module_path:
        enqueue_valuing()


def after_stored(sender: Any, full: bool = False, **kwargs: Any) -> None:
    """``matching.signals.candidates_stored`` receiver: candidates stored outside a task
    (``symbiose match``, ``symbiose demo``) are valued through the queue too, once the
    write commits (after a full recompute, ``full``: dropping the values of deleted pairs)."""
    transaction.on_commit(lambda: enqueue_valuing(prune=full))


def after_deploy(sender: Any = None, **kwargs: Any) -> bool:
    """``matching.signals.worker_ready`` receiver: queue one valuing pass after a deploy.

    A stored value's stamp includes the code and the factors it was computed from
    (:func:`~symbiose.impact.stored.factors_version`), so a deploy that changes them makes
    every stored value stale, and pages would value each pair in the request until some
    refresh queued a pass. The first worker to start on the new code queues one pass (it
    values everything: the version differs); workers starting beside it find it waiting, in
    a transaction that takes the valuing state's row, so they queue no other. A worker
    started after midnight finds the factors of the new day the same way. It also makes sure
    a pass is queued for the next day other factors become valid (:func:`queue_factor_day`).
    Returns whether this call queued a pass to run now.
    """
    with exclusive_transaction():
        state = ValuationState.objects.select_for_update().filter(pk=1).first()
        if state is None:
            return False  # never valued: a refresh or recompute will
        queue = state.version != factors_version(factor_set()) and not _waiting().exists()
        if queue:
            value_candidates.enqueue()
    queue_factor_day()
    return queue
