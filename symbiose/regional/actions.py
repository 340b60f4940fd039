"""Writes for regional work: update rounds (open, confirm, remind, close) and targets.

Each ``do_*``/``check_*`` is one transaction with one audit row. Mail is never sent in the
web request: opening a round and sending reminders queue the ``mail_round`` task after
commit, and that task (in a worker) writes the mails to the outbox, which delivers them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from symbiose.facilitation.models import Hub
from symbiose.mail.actions import do_queue_mail
from symbiose.regional.models import RoundRequest, Target, UpdateRound
from symbiose.registry.actions import audit, do_confirm_stream, signed_in
from symbiose.registry.models import Membership, Stream

#: Reminders for one round are sent at most this often.
REMINDER_PAUSE = datetime.timedelta(hours=20)
TARGET_FIELDS = ("metric", "value", "year", "region", "source", "is_demo")


class RoundRefused(ValueError):
    """The round cannot be opened or reminded; the message says why."""


@transaction.atomic
def check_open_round(
    hub: Hub, year: int, deadline: datetime.date, *, acting_user: Any
) -> UpdateRound:
    """Open the hub's round for ``year``: one request per member organisation, mail queued."""
    if UpdateRound.objects.filter(hub=hub, year=year).exists():
        raise RoundRefused(
            _("The update round for %(year)s is already open in %(hub)s.")
            % {"year": year, "hub": hub.name}
        )
    members = list(hub.members.all())
    if not members:
        raise RoundRefused(_("The hub has no member organisations to ask yet."))
    found = UpdateRound.objects.create(
        hub=hub, year=year, deadline=deadline, opened_by=signed_in(acting_user)
    )
    RoundRequest.objects.bulk_create(RoundRequest(round=found, organisation=o) for o in members)
    audit(acting_user, "round-opened", hub, year=year, deadline=deadline, count=len(members))
    _queue_mail(found.pk, "opened")
    return found


def _queue_mail(round_id: int, kind: str) -> None:
    from symbiose.regional.tasks import mail_round

    transaction.on_commit(lambda: mail_round.enqueue(round_id, kind))


@transaction.atomic
def check_send_reminders(found: UpdateRound, *, acting_user: Any) -> int:
    """Queue reminders to every organisation that has not answered; returns how many."""
    if not found.is_open:
        raise RoundRefused(_("The round is closed; open next year's round instead."))
    waiting = found.requests.filter(confirmed_at__isnull=True)
    count = waiting.count()
    if not count:
        raise RoundRefused(_("Every organisation has answered; there is no one to remind."))
    last = max((r.last_reminded_at for r in waiting if r.last_reminded_at), default=None)
    if last and timezone.now() - last < REMINDER_PAUSE:
        raise RoundRefused(_("Reminders were sent less than a day ago; try again tomorrow."))
    waiting.update(last_reminded_at=timezone.now())
    audit(acting_user, "round-reminded", found.hub, year=found.year, count=count)
    _queue_mail(found.pk, "reminder")
    return count


@transaction.atomic
def do_close_round(found: UpdateRound, *, acting_user: Any) -> UpdateRound:
    found.closed_at = timezone.now()
    found.save(update_fields=["closed_at"])
    answered = found.requests.exclude(confirmed_at=None).count()
    audit(acting_user, "round-closed", found.hub, year=found.year, answered=answered)
    return found


@transaction.atomic
def do_confirm_request(request: RoundRequest, *, acting_user: Any) -> int:
    """The company confirms its streams: each active stream's freshness is stamped today.

    Every other open, unanswered request of the same organisation for the same year (from
    another hub it belongs to) is answered too: one confirmation covers the year.
    Returns the number of streams confirmed.
    """
    streams = list(Stream.objects.active().filter(organisation=request.organisation))
    for stream in streams:
        do_confirm_stream(stream, acting_user=acting_user)
    now = timezone.now()
    answered = RoundRequest.objects.filter(
        organisation=request.organisation,
        round__year=request.round.year,
        round__closed_at__isnull=True,
        confirmed_at__isnull=True,
    )
    answered.update(
        confirmed_at=now, confirmed_by=signed_in(acting_user), streams_confirmed=len(streams)
    )
    audit(acting_user, "round-confirmed", request.organisation, year=request.round.year,
          streams=len(streams))  # fmt: skip
    return len(streams)


def _recipients(organisation_id: int) -> list[str]:
    """Every member's e-mail address: any member may answer for the organisation."""
    return list(
        Membership.objects.filter(organisation_id=organisation_id)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


@transaction.atomic
def do_mail_round(round_id: int, kind: str) -> int:
    """Write the round's mails to the outbox (in a worker): the notice when it opens, or a
    reminder, to each organisation that has not answered. Returns how many were queued."""
    found = UpdateRound.objects.select_related("hub").get(pk=round_id)
    if not found.is_open:
        return 0
    link = settings.SITE_URL + reverse("web:my_streams")
    sent = 0
    waiting = found.requests.filter(confirmed_at__isnull=True).select_related("organisation")
    for request in waiting:
        values = {"org": request.organisation.name, "year": found.year, "hub": found.hub.name,
                  "deadline": found.deadline.isoformat(), "link": link}  # fmt: skip
        first = "Påminnelse: " if kind == "reminder" else ""
        first_en = "Reminder: " if kind == "reminder" else ""
        body = (
            "{first}{hub} ber {org} bekrefte eller oppdatere sidestrømmene sine for {year} "
            "innen {deadline}. Logg inn og trykk «Bekreft strømmene»: {link}\n\n"
            "{first_en}{hub} asks {org} to confirm or update its streams for {year} "
            "by {deadline}. Sign in and press “Confirm the streams”: {link}\n"
        ).format(first=first, first_en=first_en, **values)
        subject = f"Symbiose: {first}{found.hub.name} {found.year}"
        if do_queue_mail(_recipients(request.organisation_id), subject, body):
            sent += 1
            if kind == "reminder":
                request.reminders_sent += 1
                request.save(update_fields=["reminders_sent"])
    return sent


@transaction.atomic
def check_save_target(
    values: Mapping[str, Any],
    hubs: Iterable[Hub],
    *,
    allowed_hubs: Iterable[Hub],
    target: Target | None = None,
    acting_user: Any,
) -> Target:
    """Create or change a target counted over ``hubs``, all of them in ``allowed_hubs``."""
    hubs = list(hubs)
    allowed = {h.pk for h in allowed_hubs}
    if not hubs or any(h.pk not in allowed for h in hubs):
        raise ValueError("a target counts only hubs the user oversees")
    target = target or Target(created_by=signed_in(acting_user))
    for name in TARGET_FIELDS:
        if name in values:
            setattr(target, name, values[name])
    added = target.pk is None
    target.save()
    target.hubs.set(hubs)
    audit(acting_user, "target-added" if added else "target-changed", target,
          metric=target.metric, value=target.value, year=target.year,
          hubs=[h.slug for h in hubs])  # fmt: skip
    return target


@transaction.atomic
def do_delete_target(target: Target, *, acting_user: Any) -> None:
    audit(acting_user, "target-deleted", target, metric=target.metric, year=target.year)
    target.delete()
