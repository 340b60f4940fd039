"""Several hosts: two worker processes drain one queue on PostgreSQL.

Runs in the PostgreSQL pass of ``scripts/test`` (skipped on SQLite, where one host is the
rule). The workers are real ``symbiose db_worker --batch`` processes on the test database;
every task runs exactly once, no mail is sent twice, nothing fails (no IntegrityError), and the
stored candidates equal a full recompute although both workers refreshed them at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from symbiose.impact.tasks import value_candidates
from symbiose.mail.actions import do_queue_mail
from symbiose.mail.models import OutgoingMail
from symbiose.mail.tasks import deliver
from symbiose.matching import worker
from symbiose.matching.actions import do_log_change
from symbiose.matching.tasks import refresh_candidates
from symbiose.matching.tests.test_change_log import (
    assert_equal_to_full_recompute,
    org,
    save,
)

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="several worker hosts need PostgreSQL (run by scripts/test's PostgreSQL pass)",
)
BIN = Path(sys.executable).parent
MAILS = 30


def worker_env() -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url,
            "SYMBIOSE_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}  # fmt: skip


def test_two_workers_drain_one_queue_without_duplicates_or_errors(transactional_db, tmp_path):
    worker.reset()
    for ref, place in (("A", (58.1, 8.0)), ("B", (58.11, 8.02)), ("C", (59.9, 10.7))):
        org(ref, place)
    for k in range(5):
        save(f"O{k}", "AB"[k % 2], "offer", k, None, 100 * (k + 1))
        save(f"N{k}", "BC"[k % 2], "need", k, None, 50 * (k + 1))
    worker.recompute_all()
    DBTaskResult.objects.all().delete()  # what the saves queued: queued again below
    for k in range(24):  # many small changes, each with its own refresh task
        stream = save(f"X{k}", "ABC"[k % 3], ("offer", "need")[k % 2], k % 5,
                      ((58.1, 8.0), None)[k % 2], 10 + k)  # fmt: skip
        do_log_change(stream_id=stream.pk)
        refresh_candidates.enqueue()
        if k % 4 == 0:
            org("ABC"[k % 3], ((63.4, 10.4), (58.1, 8.0))[k % 2])
    for i in range(MAILS):
        mail = do_queue_mail([f"user{i}@example.no"], f"Mail number {i}", "Hei")  # queues one
        deliver.enqueue(mail.pk)  # asked twice: must still be sent once
    worker.reset()
    logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
    procs = [
        subprocess.Popen(
            [
                BIN / "symbiose",
                "db_worker",
                "--queue-name",
                "*",
                "--batch",
                "--interval",
                "0",
                "--no-reload",
                "--no-startup-delay",
                "--worker-id",
                f"host{n}",
            ],
            env=worker_env(),
            stdout=open(log, "w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for n, log in zip((1, 2), logs, strict=True)
    ]
    for proc in procs:
        assert proc.wait(timeout=600) == 0
    text = "".join(log.read_text() for log in logs)
    assert "IntegrityError" not in text and "Traceback" not in text, text[-3000:]
    results = DBTaskResult.objects.all()
    assert results.filter(task_path=deliver.module_path).count() == 2 * MAILS
    assert results.filter(task_path=refresh_candidates.module_path).count() >= 24
    # A valuing pass is queued to settle a moment after the last refresh (impact/tasks.py);
    # batch workers exit before it is due. Every other task, and every due one, ran.
    later = results.filter(status="READY", task_path=value_candidates.module_path,
                           run_after__isnull=False)  # fmt: skip
    assert later.count() <= 1
    assert set(results.exclude(pk__in=later).values_list("status", flat=True)) == {"SUCCESSFUL"}
    claims = list(results.exclude(pk__in=later).values_list("worker_ids", flat=True))
    assert all(len(ids) == 1 for ids in claims)  # every task claimed once
    assert {ids[0] for ids in claims} == {"host1", "host2"}  # both hosts took work
    for i in range(MAILS):
        assert text.count(f"Subject: Mail number {i}\n") == 1
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert_equal_to_full_recompute()
    worker.reset()
