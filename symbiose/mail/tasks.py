"""Delivery of queued e-mail by task workers: claim, send, record; failures retried."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from symbiose.mail.actions import do_claim, do_mark_failed, do_mark_sent
from symbiose.mail.models import OutgoingMail

log = logging.getLogger(__name__)
#: Wait before the n-th retry: 1, 4, 9, 16 minutes.
BACKOFF = datetime.timedelta(minutes=1)


@task()
def deliver(mail_id: int) -> str:
    """Send one queued mail unless another worker claimed it; retry later on failure."""
    if not do_claim(mail_id):
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, mail.to,
                  fail_silently=False)  # fmt: skip
    except Exception as exc:
        log.exception("sending mail %s to %s failed (attempt %s)", mail_id, mail.to, mail.attempts)
        if do_mark_failed(mail_id, f"{type(exc).__name__}: {exc}"):
            later = timezone.now() + BACKOFF * mail.attempts**2
            deliver.using(run_after=later).enqueue(mail_id)
            return "retry"
        return "failed"
    do_mark_sent(mail_id)
    return "sent"
