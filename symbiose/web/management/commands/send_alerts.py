"""``symbiose send_alerts [--loop SECONDS]``: e-mail users about new matches for their streams
and remind owners of streams not confirmed for a year.

The alerts table is the queue: each pass checks every alert and, in one transaction with the
alert row locked, records the counterparts not yet notified (as the user may see them, through
``matching.access``) and queues the e-mail in the outbox (``symbiose.mail``): claim first, then
a task worker sends, logging and retrying failures. Two hosts running this at once lock the
same alert in turn; the second finds nothing new, so nobody is mailed twice.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from symbiose.contact.actions import do_mark_alert_sent
from symbiose.contact.models import SavedSearch
from symbiose.mail.actions import do_queue_mail, do_requeue_stale
from symbiose.matching.access import matches_for_stream
from symbiose.matching.engine.scale import attention_score
from symbiose.registry.access import NotFound
from symbiose.registry.models import AuditEvent, Stream
from symbiose.search.signals import enqueue_full_watch_check
from symbiose.web.actions import do_record_stale_reminder


def send_due_alerts() -> int:
    """One pass over the alerts; returns how many e-mails were queued."""
    sent = 0
    for alert_id in SavedSearch.objects.values_list("pk", flat=True):
        with transaction.atomic():
            sent += _alert(alert_id)
    return sent


def _alert(alert_id: int) -> int:
    alert = (
        SavedSearch.objects.select_for_update(of=("self",))
        .select_related("user", "stream__organisation")
        .filter(pk=alert_id)
        .first()
    )  # the claim: a second sender waits here, then sees the refs already notified
    if alert is None:
        return 0
    stream = alert.stream
    if stream.archived_at is not None or not alert.user.is_active:
        return 0
    try:
        with translation.override(settings.LANGUAGE_CODE):  # names like "an organisation"
            found = matches_for_stream(alert.user, stream, feasible_only=alert.feasible_only,
                                       max_km=alert.max_km, limit=50)  # fmt: skip
    except NotFound:
        return 0
    new = [
        m.counterpart(stream.ref)
        for m in found
        if attention_score(m.score, m.distance_km is not None, "distance" in m.components)
        >= alert.min_score
        and m.counterpart(stream.ref)["ref"] not in alert.notified_refs
    ]
    if not new:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        # Counterparts as the user may see them: an owner whose identity is hidden is
        # named "an organisation in <municipality>" (registry.access.redacted).
        lines = [f"- {o['title']} ({o['category']}), {o['organisation_name']}" for o in new]
        body = "\n".join(
            [_("New possible partners for “%(title)s”:") % {"title": stream.title}, *lines]
        )
        do_queue_mail([alert.user.email], _("Symbiose: new matches"), body)
    do_mark_alert_sent(alert, [o["ref"] for o in new])
    return 1


def send_stale_reminders() -> int:
    """Ask owners once per stale period whether a stream not confirmed for a year still holds."""
    sent = 0
    for stream_id in Stream.objects.active().stale().values_list("pk", flat=True):
        with transaction.atomic():
            sent += _stale(stream_id)
    return sent


def _stale(stream_id: int) -> int:
    stream = (
        Stream.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=stream_id)
        .first()
    )  # the claim, as for alerts
    if stream is None:
        return 0
    reminded = AuditEvent.objects.filter(
        verb="stale-reminder", object_type="stream", object_ref=stream.ref,
        at__date__gte=stream.confirmed_at,
    ).exists()  # fmt: skip
    emails = list(stream.organisation.members.values_list("email", flat=True))
    if reminded or not emails:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = _("Is “%(title)s” still valid? Confirm, edit or archive it under My streams.")
        do_queue_mail(emails, _("Symbiose: still valid?"), body % {"title": stream.title})
    do_record_stale_reminder(stream)
    return 1


class Command(BaseCommand):
    help = "E-mail users about new matches for their saved alerts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, loop: float, **options) -> None:
        while True:
            count = send_due_alerts()
            stale = send_stale_reminders()
            do_requeue_stale()
            enqueue_full_watch_check()
            self.stdout.write(f"{count} alert e-mail(s), {stale} still-valid reminder(s) queued")
            if not loop:
                return
            time.sleep(loop)
