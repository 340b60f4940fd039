"""Twenty companies register a stream at the same moment, against the real server on SQLite.

gunicorn (three processes) and a task worker run as in ``scripts/run``, on a fresh SQLite
database in WAL mode with IMMEDIATE transactions and a busy timeout. Every request must
succeed exactly once, and after the worker drains the queue every new stream has candidates.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

WRITERS = 20
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"),
    reason="concurrent writers on the SQLite default; PostgreSQL has tests/test_two_workers.py",
)

SETUP = f"""
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from symbiose.matching.actions import do_recompute_all
from symbiose.registry.actions import (
    check_save_organisation, check_save_stream, do_add_member, do_create_user)

check_save_organisation({{"ref": "ORG-SAW", "name": "Sagbruket AS", "lat": "61.6",
                         "lon": "5.03"}}, acting_user=None)
check_save_stream({{"ref": "S-SAW-CHIPS", "organisation_ref": "ORG-SAW", "direction": "offer",
                   "category": "material", "title": "Wood chips and sawdust from the sawmill",
                   "quantity": "4000", "unit": "t", "visibility": "public"}}, acting_user=None)
do_recompute_all()
for i in range({WRITERS}):
    user = do_create_user(f"writer{{i}}@example.no", None, acting_user=None)
    org, _ = check_save_organisation({{"ref": f"ORG-W{{i}}", "name": f"Firma {{i}} AS",
                                      "lat": "61.5", "lon": "5.1"}}, acting_user=None)
    do_add_member(org, user, acting_user=None, role="admin")
    session = SessionStore()  # signed in as Django's test client does it: no password round
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(session.session_key)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def opener_for(base: str, session_key: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    host = urllib.parse.urlparse(base).hostname
    jar.set_cookie(http.cookiejar.Cookie(
        0, "sessionid", session_key, None, False, host, False, False, "/", True, False, None,
        True, None, None, {}))  # fmt: skip

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def test_twenty_simultaneous_registrations_succeed_once_and_all_get_candidates(tmp_path):
    env = {
        **os.environ,
        "SYMBIOSE_DATA_DIR": str(tmp_path),
        "SYMBIOSE_SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "symbiose.settings",
        "SYMBIOSE_SQLITE_TIMEOUT": "60",
    }
    env.pop("DATABASE_URL", None)
    run = {"env": env, "check": True, "capture_output": True, "text": True, "timeout": 300}
    subprocess.run([BIN / "symbiose", "migrate", "-v", "0"], **run)
    sessions = subprocess.run([sys.executable, "-c", SETUP], **run).stdout.split()
    assert len(sessions) == WRITERS
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    logs = tmp_path / "server.log"
    with open(logs, "w") as log:
        server = subprocess.Popen(
            [BIN / "gunicorn", "symbiose.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "3", "--timeout", "120"], env=env, stdout=log, stderr=log)  # fmt: skip
        worker = subprocess.Popen(
            [BIN / "symbiose", "db_worker", "--queue-name", "*", "--interval", "0.2",
             "--no-reload", "--no-startup-delay", "-v", "0"],
            env=env, stdout=log, stderr=log)  # fmt: skip
        try:
            _burst(base, sessions, tmp_path / "symbiose.sqlite3")
        finally:
            for proc in (server, worker):
                proc.terminate()
            for proc in (server, worker):
                proc.wait(timeout=30)
    assert "database is locked" not in logs.read_text()


def _up(base: str) -> bool:
    try:
        urllib.request.urlopen(f"{base}/accounts/login/", timeout=5)
        return True
    except OSError:  # not listening yet, or still starting
        return False


def _burst(base: str, sessions: list[str], db: Path) -> None:
    wait_for(lambda: _up(base), 60, "gunicorn")
    barrier = threading.Barrier(len(sessions))
    results: list[object] = [None] * len(sessions)

    def register(i: int) -> None:
        opener = opener_for(base, sessions[i])
        url = f"{base}/organisations/ORG-W{i}/streams/new/"
        try:
            page = opener.open(url, timeout=60).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            form = {"csrfmiddlewaretoken": token, "direction": "need", "category": "material",
                    "title": f"Wood chips for the boiler of firm {i}", "quantity": "300",
                    "unit": "t", "period": "year", "visibility": "public",
                    "ewc_code": ""}  # fmt: skip
            barrier.wait(timeout=60)
            request = urllib.request.Request(url, urllib.parse.urlencode(form).encode(),
                                             headers={"Referer": url})  # fmt: skip
            try:
                opener.open(request, timeout=120)
                results[i] = "no redirect"
            except urllib.error.HTTPError as e:
                results[i] = (e.code, e.headers.get("Location", ""))
        except Exception as e:  # noqa: BLE001 - reported below with the writer's number
            results[i] = repr(e)

    threads = [threading.Thread(target=register, args=(i,)) for i in range(len(sessions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    bad = [(i, r) for i, r in enumerate(results) if not (isinstance(r, tuple) and r[0] == 302
                                                         and "/matches/" in r[1])]  # fmt: skip
    assert not bad, bad

    def read(sql: str) -> list[tuple]:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as con:
            return con.execute(sql).fetchall()

    def drained() -> bool:
        pending = read("SELECT count(*) FROM matching_change WHERE handled_in IS NULL")[0][0]
        busy = read("SELECT count(*) FROM django_tasks_database_dbtaskresult "
                    "WHERE status IN ('READY', 'RUNNING')")[0][0]  # fmt: skip
        return pending == 0 and busy == 0

    wait_for(drained, 120, "the task worker to drain the queue")
    titles = read("SELECT title, count(*) FROM registry_stream WHERE title LIKE 'Wood chips for%' "
                  "GROUP BY title")  # fmt: skip
    assert len(titles) == len(sessions) and all(n == 1 for _, n in titles)  # no duplicates
    without = read(
        "SELECT s.ref FROM registry_stream s WHERE s.title LIKE 'Wood chips for%' AND NOT EXISTS "
        "(SELECT 1 FROM matching_candidate c WHERE c.need_id = s.id)"
    )
    assert not without, f"streams without candidates: {without}"
    failed = read("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")
    assert failed[0][0] == 0
