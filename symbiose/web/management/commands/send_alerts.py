"""``symbiose send_alerts [--loop SECONDS]``: e-mail users about new matches for their streams
and remind owners of streams not confirmed for a year.

The alerts table is the queue: each pass checks every alert, mails the counterparts not yet
notified (as the user may see them, through ``matching.access``) and records them as sent.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from symbiose.matching.access import matches_for_stream
from symbiose.matching.contact_models import SavedSearch
from symbiose.registry.access import NotFound
from symbiose.registry.models import AuditEvent, Stream
from symbiose.web.actions import do_mark_alert_sent, do_record_stale_reminder


def send_due_alerts() -> int:
    """One pass over the alerts; returns how many e-mails were sent."""
    sent = 0
    for alert in SavedSearch.objects.select_related("user", "stream__organisation"):
        stream = alert.stream
        if stream.archived_at is not None or not alert.user.is_active:
            continue
        try:
            with translation.override(settings.LANGUAGE_CODE):  # names like "an organisation"
                found = matches_for_stream(alert.user, stream, feasible_only=alert.feasible_only,
                                           max_km=alert.max_km, limit=50)  # fmt: skip
        except NotFound:
            continue
        new = [
            m.counterpart(stream.ref)
            for m in found
            if m.score >= alert.min_score
            and m.counterpart(stream.ref)["ref"] not in alert.notified_refs
        ]
        if not new:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            # Counterparts as the user may see them: an owner whose identity is hidden is
            # named "an organisation in <municipality>" (registry.access.redacted).
            lines = [f"- {o['title']} ({o['category']}), {o['organisation_name']}" for o in new]
            body = "\n".join(
                [_("New possible partners for “%(title)s”:") % {"title": stream.title}, *lines]
            )
            send_mail(_("Symbiose: new matches"), body, settings.DEFAULT_FROM_EMAIL,
                      [alert.user.email])  # fmt: skip
        do_mark_alert_sent(alert, [o["ref"] for o in new])
        sent += 1
    return sent


def send_stale_reminders() -> int:
    """Ask owners once per stale period whether a stream not confirmed for a year still holds."""
    sent = 0
    for stream in Stream.objects.active().stale().select_related("organisation"):
        reminded = AuditEvent.objects.filter(
            verb="stale-reminder", object_type="stream", object_ref=stream.ref,
            at__date__gte=stream.confirmed_at,
        ).exists()  # fmt: skip
        emails = list(stream.organisation.members.values_list("email", flat=True))
        if reminded or not emails:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            body = _("Is “%(title)s” still valid? Confirm, edit or archive it under My streams.")
            send_mail(_("Symbiose: still valid?"), body % {"title": stream.title},
                      settings.DEFAULT_FROM_EMAIL, emails)  # fmt: skip
        do_record_stale_reminder(stream)
        sent += 1
    return sent


class Command(BaseCommand):
    help = "E-mail users about new matches for their saved alerts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, loop: float, **options) -> None:
        while True:
            count = send_due_alerts()
            stale = send_stale_reminders()
            self.stdout.write(f"{count} alert e-mail(s), {stale} still-valid reminder(s) sent")
            if not loop:
                return
            time.sleep(loop)
