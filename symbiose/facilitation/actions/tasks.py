"""Writes for follow-up tasks: generate them after a workshop, close, reopen, reassign, reschedule.

Generation reads the workshop's captured data: every participant with captured streams gets a
"send the match sheet and confirm the data" task, and every strong candidate match between two
participants that no opportunity covers yet gets a "follow up the match" task. Each generated
task has a key, so generating again adds only what is new (and links a match task to the
opportunity made from that match since).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from symbiose.facilitation.access import workspace_users
from symbiose.facilitation.models import FollowUpTask, Opportunity, Workshop
from symbiose.matching.engine import scale
from symbiose.matching.engine.physics import UNKNOWN_SHARE
from symbiose.matching.models import Candidate
from symbiose.registry.actions import audit, signed_in

#: A candidate at least this good (and feasible) is worth a follow-up task: the median
#: documented exchange (``matching.engine.scale``).
STRONG_SCORE = scale.STRONG_SCORE
#: Days after the workshop a generated task falls due.
DUE_AFTER_DAYS = 14
#: At most this many match tasks per generation, strongest first.
MAX_MATCH_TASKS = 50


def strong_candidates(workshop: Workshop) -> list[Candidate]:
    """Feasible candidates scoring at least ``STRONG_SCORE`` between two of the workshop's
    participants (both hub members, so the hub's facilitators see both streams), strongest
    first. A pair without a known distance is judged by its attention score
    (``matching.engine.scale``): a missing place does not make it weaker."""
    members = workshop.hub.members.values("id")
    orgs = workshop.invited.filter(id__in=members).values("id")
    strong = Q(score__gte=STRONG_SCORE) | Q(
        distance_km__isnull=True, score__gte=STRONG_SCORE * UNKNOWN_SHARE
    )
    found = (
        Candidate.objects.filter(
            offer__organisation__in=orgs,
            need__organisation__in=orgs,
            offer__archived_at__isnull=True,
            need__archived_at__isnull=True,
            intra_company=False,
            feasible=True,
        )
        .filter(strong)
        .select_related("offer__organisation", "need__organisation")
        .order_by("id")
    )
    ranked = sorted(found, key=lambda c: (-_attention(c), c.pk))
    return [c for c in ranked if _attention(c) >= STRONG_SCORE][:MAX_MATCH_TASKS]


def _attention(cand: Candidate) -> float:
    return scale.attention_score(cand.score, cand.distance_km is not None)


def covering_opportunity(workshop: Workshop, cand: Candidate) -> Opportunity | None:
    """An opportunity of the hub that already joins both streams of the candidate."""
    # Two filter() calls: two joins, so one opportunity must hold both streams.
    return (
        Opportunity.objects.filter(hub=workshop.hub, streams=cand.offer)
        .filter(streams=cand.need)
        .first()
    )


@transaction.atomic
def do_generate_tasks(workshop: Workshop, *, acting_user: Any) -> list[FollowUpTask]:
    """Create the follow-up tasks the workshop's data calls for; return the new ones.

    The acting user is the assignee when they facilitate or oversee the hub; tasks fall due
    ``DUE_AFTER_DAYS`` after the workshop (or after today, for a workshop long past).
    """
    hub = workshop.hub
    user = signed_in(acting_user)
    assignee = user if user and workspace_users(hub).filter(pk=user.pk).exists() else None
    due = max(workshop.date, datetime.date.today()) + datetime.timedelta(days=DUE_AFTER_DAYS)
    existing = set(hub.tasks.exclude(key="").values_list("key", flat=True))
    common = {"hub": hub, "workshop": workshop, "assignee": assignee, "due_date": due}
    new: list[FollowUpTask] = []
    with_streams = workshop.invited.filter(
        hubs=workshop.hub, streams__workshops=workshop
    ).distinct()
    for org in with_streams.order_by("name"):
        key = f"sheet:{workshop.pk}:{org.ref}"
        if key not in existing:
            new.append(
                FollowUpTask.objects.create(
                    kind="sheet", key=key, organisation=org, created_by=user, **common
                )
            )
    for cand in strong_candidates(workshop):
        key = f"match:{cand.offer.ref}|{cand.need.ref}"
        opp = covering_opportunity(workshop, cand)
        if key in existing and opp:  # the match became an opportunity: link its task
            hub.tasks.filter(key=key, opportunity=None).update(opportunity=opp)
        if key in existing or opp:
            continue
        new.append(
            FollowUpTask.objects.create(
                kind="match",
                key=key,
                offer=cand.offer,
                need=cand.need,
                organisation=cand.need.organisation,
                created_by=user,
                **common,
            )
        )
        existing.add(key)
    audit(
        acting_user,
        "tasks-generated",
        hub,
        workshop=workshop.pk,
        title=workshop.title,
        count=len(new),
    )
    return new


@transaction.atomic
def do_add_task(hub: Any, values: Mapping[str, Any], *, acting_user: Any) -> FollowUpTask:
    """A task written by hand: ``title`` and optionally ``assignee``, ``due_date``,
    ``workshop``, ``opportunity`` and ``organisation``."""
    fields = ("title", "assignee", "due_date", "workshop", "opportunity", "organisation")
    task = FollowUpTask.objects.create(
        hub=hub,
        kind="other",
        created_by=signed_in(acting_user),
        **{f: values[f] for f in fields if values.get(f) is not None},
    )
    audit(acting_user, "task-added", task, hub=hub.slug, title=task.title)
    return task


@transaction.atomic
def do_set_task_done(task: FollowUpTask, done: bool, *, acting_user: Any) -> FollowUpTask:
    """Mark the task done, or open it again."""
    task.status = "done" if done else "open"
    task.done_at = timezone.now() if done else None
    task.save()
    audit(acting_user, "task-done" if done else "task-reopened", task, hub=task.hub.slug)
    return task


@transaction.atomic
def do_update_task(
    task: FollowUpTask, values: Mapping[str, Any], *, acting_user: Any
) -> FollowUpTask:
    """Change the assignee and/or the due date (``None`` clears either)."""
    changes: dict[str, Any] = {}
    if "assignee" in values and task.assignee != values["assignee"]:
        task.assignee = values["assignee"]
        changes["assignee"] = task.assignee.get_username() if task.assignee else ""
    if "due_date" in values and task.due_date != values["due_date"]:
        task.due_date = values["due_date"]
        changes["due_date"] = task.due_date
    if changes:
        task.save()
        audit(acting_user, "task-updated", task, hub=task.hub.slug, **changes)
    return task
