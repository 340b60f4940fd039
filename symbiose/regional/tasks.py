"""Background tasks of regional work: an update round's notices and reminders."""

from __future__ import annotations

from django_tasks import task

from symbiose.regional import actions


@task()
def mail_round(round_id: int, kind: str) -> int:
    """Write the round's notice (``opened``) or reminder mails to the outbox."""
    return actions.do_mail_round(round_id, kind)
