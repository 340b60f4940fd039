"""The outbox: queued in the writer's transaction, claimed before sending, failures retried."""

from __future__ import annotations

import logging
import socket

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from symbiose.mail.actions import do_queue_mail, do_requeue_stale
from symbiose.mail.models import MAX_ATTEMPTS, OutgoingMail
from symbiose.mail.tasks import deliver
from tests.workers import drain, failed


def closed_port() -> int:
    """A local port with nobody listening: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unreachable_smtp():
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=closed_port(), EMAIL_TIMEOUT=2,
    )  # fmt: skip


def test_a_mail_is_queued_with_the_write_and_sent_by_a_worker(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        do_queue_mail(["a@example.no", "a@example.no", ""], "Hei", "Tekst")
    assert not mail.outbox
    assert drain() == 1 and not failed()
    assert [m.to for m in mail.outbox] == [["a@example.no"]]
    row = OutgoingMail.objects.get()
    assert (row.status, row.attempts) == ("sent", 1) and row.sent_at is not None


def test_a_rolled_back_write_queues_no_mail(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            do_queue_mail(["a@example.no"], "Hei", "Tekst")
            raise RuntimeError
    assert not callbacks and not OutgoingMail.objects.exists()


def test_a_claimed_mail_is_not_sent_twice(db):
    row = do_queue_mail(["a@example.no"], "Hei", "Tekst")
    deliver.enqueue(row.pk)
    deliver.enqueue(row.pk)  # e.g. two workers, or a requeue racing the first delivery
    assert drain() == 2
    assert len(mail.outbox) == 1
    results = sorted(DBTaskResult.objects.values_list("return_value", flat=True))
    assert results == ["sent", "skipped"]


def test_a_failed_send_is_logged_and_retried_later(db, caplog):
    row = do_queue_mail(["a@example.no"], "Hei", "Tekst")
    deliver.enqueue(row.pk)
    with unreachable_smtp(), caplog.at_level(logging.ERROR, logger="symbiose.mail.tasks"):
        assert drain() == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in row.last_error
    assert f"sending mail {row.pk}" in caplog.text
    retry = DBTaskResult.objects.ready()
    assert not retry.exists()  # deferred: not yet due
    later = DBTaskResult.objects.filter(status="READY").get()
    assert later.run_after > timezone.now()
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())  # time passes
    assert drain() == 1
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2 and len(mail.outbox) == 1


def test_a_mail_gives_up_after_the_last_attempt(db):
    row = do_queue_mail(["a@example.no"], "Hei", "Tekst")
    with unreachable_smtp():
        deliver.enqueue(row.pk)
        for _ in range(MAX_ATTEMPTS):  # each failure queues a later retry; let time pass
            DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
            drain()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert not mail.outbox


def test_a_mail_left_by_a_dead_worker_is_queued_again(db):
    row = do_queue_mail(["a@example.no"], "Hei", "Tekst")
    an_hour_ago = timezone.now() - timezone.timedelta(hours=1)
    OutgoingMail.objects.filter(pk=row.pk).update(  # write-ok: a claim from a crashed worker
        status="sending", claimed_at=an_hour_ago, attempts=1
    )
    assert do_requeue_stale() == 1
    assert drain() == 1
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1
