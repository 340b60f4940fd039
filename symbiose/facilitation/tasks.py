"""Background tasks of facilitation: checking and saving large imports, and keeping the hub
pair rows current.

The hub pair rows copy stored candidates (``facilitation/models/hubpairs.py``), so they are
rebuilt after every write of candidates (matching's task passes, and its commands through
``candidates_stored``) and after a hub's members change (receivers below, connected in
``apps.py``). Until the rebuild has run, pages read the candidates directly
(``hubpairs.current``): the queue decides how soon pages are fast again, never what they show.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from symbiose.facilitation import import_scope
from symbiose.facilitation.actions import imports as actions
from symbiose.facilitation.actions import workshops
from symbiose.facilitation.actions.hubpairs import do_build_all_hub_pairs, do_forget_hub_pairs
from symbiose.facilitation.models import ImportJob
from symbiose.matching.tasks import recompute_candidates, refresh_candidates
from symbiose.registry.importers.listing import ImportFailed, from_source_problems, plan_import
from symbiose.registry.importers.sources import SourceError, read_upload

#: Least time between two progress writes (the page reloads about once a second).
PROGRESS_SECONDS = 0.5


def _progress(job: ImportJob):
    """A ``plan_import`` progress callback that writes at most every ``PROGRESS_SECONDS``."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_SECONDS:
            last[0] = now
            actions.do_record_progress(job.pk, done, total)

    return report


def _plan(job: ImportJob):
    """The upload's plan, with the NACE codes chosen so far, as the hub may see it."""
    try:
        plan = plan_import(read_upload(job.name, bytes(job.data)), nace_choices=job.nace,
                           progress=_progress(job))  # fmt: skip
    except SourceError as err:
        plan = from_source_problems(err.problems)
    return import_scope.scoped(job.hub, plan)


@task()
def check_import(job_id: int) -> str:
    """Plan the upload as the hub's facilitator may (the preview); write nothing."""
    job = ImportJob.objects.select_related("hub").get(pk=job_id)
    actions.do_record_check(job, _plan(job))
    return job.status


@task()
def save_import(job_id: int) -> dict[str, int] | str:
    """Plan again (the registry may have changed) and save all or nothing."""
    job = ImportJob.objects.select_related("hub", "workshop", "user").get(pk=job_id)
    plan = _plan(job)
    if not plan.ok:
        actions.do_record_failed(job, plan)
        return "failed"
    try:
        counts = workshops.do_capture_streams(job.hub, plan, workshop=job.workshop,
                                              acting_user=job.user)  # fmt: skip
    except ImportFailed as err:
        actions.do_record_failed(job, err.plan)
        return "failed"
    actions.do_record_saved(job, counts)
    return counts


@task()
def build_hub_pairs() -> int:
    """Rebuild the pair rows of every hub that is not current; returns the rows written."""
    return do_build_all_hub_pairs()


def enqueue_build() -> None:
    """Ask a worker to rebuild the hub pair rows, unless a rebuild is already waiting."""
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=build_hub_pairs.module_path
    )
    if not waiting.exists():
        build_hub_pairs.enqueue()


def after_matching(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_finished`` receiver: a refresh or recompute stored candidates."""
    if task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    if task_result.task.module_path in (
        recompute_candidates.module_path,
        refresh_candidates.module_path,
    ):
        enqueue_build()


def after_stored(sender: Any, **kwargs: Any) -> None:
    """``matching.signals.candidates_stored`` receiver (candidates stored by a command)."""
    transaction.on_commit(enqueue_build)


def after_members(sender: Any, action: str, **kwargs: Any) -> None:
    """``m2m_changed`` receiver for ``Hub.members``: the hub's streams changed."""
    if action in ("post_add", "post_remove", "post_clear"):
        transaction.on_commit(enqueue_build)


def after_stream_deleted(sender: Any, **kwargs: Any) -> None:
    """``post_delete`` receiver for streams (the app archives them; an admin may delete
    one): pair rows may name it, so every hub's rows are stale until rebuilt."""
    do_forget_hub_pairs()
    transaction.on_commit(enqueue_build)
