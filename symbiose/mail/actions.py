"""Writes of the outbox: queue a mail, claim it, record how sending went.

``do_queue_mail`` is what the rest of the platform calls, inside its own transaction; the
others are for the delivery task (:mod:`symbiose.mail.tasks`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from symbiose.mail.models import MAX_ATTEMPTS, OutgoingMail

#: A claim older than this is taken to belong to a worker that died while sending.
STALE_CLAIM = datetime.timedelta(minutes=10)


def do_queue_mail(to: Sequence[str], subject: str, body: str) -> OutgoingMail | None:
    """Queue an e-mail; a worker sends it after the caller's transaction commits.

    Returns ``None`` (queuing nothing) when there is no recipient.
    """
    recipients = sorted({t for t in to if t})
    if not recipients:
        return None
    mail = OutgoingMail.objects.create(to=recipients, subject=subject[:200], body=body)
    from symbiose.mail.tasks import deliver

    pk = mail.pk
    transaction.on_commit(lambda: deliver.enqueue(pk))
    return mail


def do_claim(mail_id: int) -> bool:
    """Take the mail for sending; False if another worker has it or it is done.

    One conditional UPDATE: of two workers racing for the same row only one changes it.
    """
    now = timezone.now()
    free = Q(status="pending") | Q(status="sending", claimed_at__lt=now - STALE_CLAIM)
    claimed = OutgoingMail.objects.filter(free, pk=mail_id, attempts__lt=MAX_ATTEMPTS).update(
        status="sending", claimed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def do_requeue_stale() -> int:
    """Queue delivery again for mails left unsent (a worker died, or the queue was lost)."""
    now = timezone.now()
    stuck = OutgoingMail.objects.filter(
        Q(status="pending", created_at__lt=now - STALE_CLAIM)
        | Q(status="sending", claimed_at__lt=now - STALE_CLAIM),
        attempts__lt=MAX_ATTEMPTS,
    )
    from symbiose.mail.tasks import deliver

    ids = list(stuck.values_list("pk", flat=True))
    for pk in ids:
        deliver.enqueue(pk)
    return len(ids)


def do_mark_sent(mail_id: int) -> None:
    OutgoingMail.objects.filter(pk=mail_id, status="sending").update(
        status="sent", sent_at=timezone.now(), last_error=""
    )


def do_mark_failed(mail_id: int, error: str) -> bool:
    """Record a failed try; returns whether it will be tried again."""
    mail = OutgoingMail.objects.get(pk=mail_id)
    again = mail.attempts < MAX_ATTEMPTS
    OutgoingMail.objects.filter(pk=mail_id).update(
        status="pending" if again else "failed", last_error=error[:2000]
    )
    return again
