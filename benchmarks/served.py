"""What the product-path benchmarks share: gunicorn and task workers started as
``scripts/run`` starts them, a signed-in browser session, the stream form, and reads of the
SQLite file (``queue_scale.py``, ``save_during_recompute.py``). Standard library only.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CANDIDATES_OF = "SELECT count(*) FROM matching_candidate WHERE need_id = ?"

#: Prints a session key of a signed-in admin of ``org0`` and the ref of one of its streams.
SETUP = """
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from symbiose.registry.actions import do_add_member, do_create_user
from symbiose.registry.models import Organisation, Stream
org = Organisation.objects.get(ref="org0")
from django.contrib.auth import get_user_model
user = (get_user_model().objects.filter(email="bench@example.no").first()
        or do_create_user("bench@example.no", None, acting_user=None))
do_add_member(org, user, acting_user=None, role="admin")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key, Stream.objects.filter(organisation=org).first().ref)
"""
#: The line a task worker prints when its engine is up (and how it came up).
_READY = re.compile(r"\((snapshot|built|warm|none)\) ")


def loadavg() -> str:
    """The 1-, 5- and 15-minute load averages: the machine is shared, so every figure says."""
    return "load {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def opener(base: str, session: str) -> urllib.request.OpenerDirector:
    """A client signed in with ``session`` that does not follow redirects."""
    jar = http.cookiejar.CookieJar()
    jar.set_cookie(http.cookiejar.Cookie(
        0, "sessionid", session, None, False, "127.0.0.1", False, False, "/", True, False, None,
        True, None, None, {}))  # fmt: skip

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def query(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60) as con:
        return con.execute(sql, args).fetchall()


def wait_until(check, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(0.05)
    return float("inf")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def save_stream(op, base: str, k: int) -> str:
    """Save need ``k`` of ``org0`` through the web form; returns its ref."""
    url = f"{base}/organisations/org0/streams/new/"
    page = op.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "direction": "need", "category": "material",
            "title": f"Søker stålslagg til veibygging {k}", "quantity": "5000", "unit": "t",
            "period": "year", "visibility": "public", "ewc_code": ""}  # fmt: skip
    try:
        op.open(urllib.request.Request(url, urllib.parse.urlencode(form).encode()), timeout=60)
    except urllib.error.HTTPError as e:
        if e.code >= 400:
            raise SystemExit(f"the stream form answered {e.code}") from e
        return e.headers.get("Location", "").strip("/").split("/")[1]
    raise SystemExit("the stream form did not redirect")


def up(base: str) -> bool:
    """Whether gunicorn answers at ``base``."""
    try:
        urllib.request.urlopen(f"{base}/accounts/login/", timeout=5)
        return True
    except OSError:
        return False


def session_of(env: dict[str, str]) -> tuple[str, str]:
    """(session key, a stream ref) of a signed-in admin of ``org0`` (see :data:`SETUP`)."""
    out = subprocess.run([str(BIN / "python"), "-c", SETUP], env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    session, ref = out.split()
    return session, ref


@dataclass
class Worker:
    """A ``symbiose task_worker`` process; ``ready`` gets ``(line, seconds after the start,
    load)`` for each line that says how its engine came up."""

    queue: str
    proc: subprocess.Popen
    ready: list[tuple[str, float, str]] = field(default_factory=list)


def start_worker(env: dict[str, str], queue: str, started: float, *, nice: str | None = None,
                 log: Path | None = None) -> Worker:  # fmt: skip
    """Start a task worker of ``queue`` (at niceness ``nice``, as ``scripts/run`` does, when
    given); its output is copied to ``log`` with the seconds since ``started``."""
    cmd = [str(BIN / "symbiose"), "task_worker", "--queue-name", queue]
    cmd += ["--nice", nice] if nice is not None else []
    cmd += ["--interval", "0.2", "--no-reload", "-v", "1"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True,
                            stderr=subprocess.STDOUT if log is not None else None)  # fmt: skip
    worker = Worker(queue, proc)
    out = open(log, "w") if log is not None else None  # noqa: SIM115 - kept by the thread

    def read() -> None:
        for line in proc.stdout:
            since = time.perf_counter() - started
            if out is not None:
                out.write(f"{since:8.2f} {line}")
                out.flush()
            if _READY.search(line):
                worker.ready.append((line.strip(), since, loadavg()))

    threading.Thread(target=read, daemon=True).start()
    return worker


@dataclass
class Served:
    """gunicorn at ``base`` and the task workers, by queue."""

    base: str
    server: subprocess.Popen
    workers: dict[str, Worker]


@contextmanager
def serving(env: dict[str, str], workers: dict[str, dict], *, gunicorn_timeout: int = 120,
            logs: Path | None = None) -> Iterator[Served]:  # fmt: skip
    """gunicorn (3 processes) on a free port and one task worker per entry of ``workers``
    (queue → :func:`start_worker` options); all stopped at the end. ``logs``: a folder for
    each worker's output (``worker-<queue>.log``)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "gunicorn"), "symbiose.wsgi:application", "--bind",
                               f"127.0.0.1:{port}", "--workers", "3", "--timeout",
                               str(gunicorn_timeout)],
                              env=env, stderr=subprocess.DEVNULL)  # fmt: skip
    started = time.perf_counter()
    running: dict[str, Worker] = {}
    try:
        for queue, options in workers.items():
            log = None if logs is None else logs / f"worker-{queue.strip('*') or 'all'}.log"
            running[queue] = start_worker(env, queue, started, log=log, **options)
        yield Served(base, server, running)
    finally:
        procs = [w.proc for w in running.values()] + [server]
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()
