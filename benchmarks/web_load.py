"""Web response times with 20 signed-in users while the task worker runs a full recompute.

Usage: ``.venv/bin/python benchmarks/web_load.py DATA_DIR [--users 20] [--facilitators 4]
[--seconds 120] [--phases idle,recompute] [--think 0.5] [--worker-nice N]
[--autogroup-nice N]``

``DATA_DIR`` is a data folder with an imported registry and stored candidates, for example the
one ``benchmarks/queue_scale.py 20000 --phases none`` leaves behind (use a copy: this script
adds users, a hub and sessions to it). The script starts the product as ``scripts/run`` does
(gunicorn with 3 workers and its default 30 s timeout, and one ``symbiose task_worker``),
signs in company users (company admins of ``org0``, ``org1``, ...) and hub facilitators (of a
hub of the first 10 % of organisations), then lets each user fetch its pages in turn, with a
random pause of up to twice ``--think`` seconds between two pages (seeded):

* company: the home page, my streams, a stream's page, its matches, the value page of its
  best pair, search, the map and its layer of streams, the matching API and the registry API;
* hub facilitator: the hub list, the hub dashboard, the match board and the opportunities;
* system facilitator (every other facilitator oversees the hub): the hub list, the regional
  overview, the hub dashboard and the match board.

Phases: ``idle`` (``--seconds`` of load with no background work) and ``recompute`` (a full
recompute queued; load until it has finished, at most ``--seconds``). Prints p50/p95/max per
page and per phase as Markdown, the errors (status 500, timeouts) and the gunicorn workers'
memory before and after, and the CPU the gunicorn workers used per request (the figure to
read on a shared machine: wall times there include waiting for a core). Per phase it also
says (``benchmarks/machine.py``) how many cores the web workers, the task worker (the
recompute's CPU, with its pool) and everything else on the machine used, how long the web
workers waited for a core, whether the machine was saturated, and whether the p95 can be
judged: not when other work held more than a quarter of a core. Gunicorn's own
errors go to ``DATA_DIR/web_load-gunicorn.log``. ``--autogroup-nice -19`` (Linux, as root) puts
the script and everything it starts in one scheduler group ahead of the machine's other work,
so that a shared machine behaves more like the product's own host (inside the group the task
worker's niceness still ranks it below the web). Standard library only; stops every process
it started.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import Window, describe  # noqa: E402  (sibling scripts: same helpers)
from queue_scale import (  # noqa: E402
    BIN,
    _up,
    free_port,
    gunicorn_rss,
    loadavg,
    opener,
    query,
    rss_mb,
    wait_until,
)

HUB = "bench-hub"
COMPANY_PAGES = ["/", "/streams/", "/resources/streams/{ref}/", "/streams/{ref}/matches/",
                 "/impact/{offer}/{need}/", "/search/?q=slagg", "/map/", "/map/layer.json",
                 "/api/matching/streams/{ref}/matches",
                 "/api/registry/streams?limit=50"]  # fmt: skip
FACILITATOR_PAGES = ["/hub/", f"/hub/{HUB}/", f"/hub/{HUB}/matches/",
                     f"/hub/{HUB}/opportunities/"]  # fmt: skip
SYSTEM_PAGES = ["/hub/", "/region/", f"/hub/{HUB}/", f"/hub/{HUB}/matches/"]
PAGES = {"company": COMPANY_PAGES, "facilitator": FACILITATOR_PAGES, "system": SYSTEM_PAGES}

#: Run in the data folder's settings: users, the hub, sessions; prints them as JSON.
SETUP = """
import json, sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from symbiose.facilitation.actions.hubs import do_add_facilitator, do_add_hub_members
from symbiose.facilitation.actions.hubs import do_create_hub
from symbiose.facilitation.models import Hub
from symbiose.matching.models import Candidate
from symbiose.registry.actions import do_add_member, do_create_user
from symbiose.registry.models import Organisation, Stream

companies, facilitators, slug = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
User = get_user_model()

def user(email):
    return User.objects.filter(email=email).first() or do_create_user(email, None, acting_user=None)

def session(u):
    s = SessionStore()
    s[SESSION_KEY] = str(u.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = u.get_session_auth_hash()
    s.create()
    return s.session_key

out = []
for i in range(companies):
    org = Organisation.objects.get(ref=f"org{i}")
    u = user(f"company{i}@example.no")
    if not org.membership_set.filter(user=u).exists():
        do_add_member(org, u, acting_user=None, role="admin")
    stream = (Stream.objects.filter(organisation=org)
              .annotate(n=Count("as_offer") + Count("as_need")).order_by("-n").first())
    side = "offer" if stream.direction == "offer" else "need"
    best = Candidate.objects.filter(**{side: stream}, intra_company=False).order_by("-score")
    pair = best.select_related("offer", "need").first()
    out.append({"who": "company", "session": session(u), "ref": stream.ref,
                "offer": pair.offer.ref if pair else stream.ref,
                "need": pair.need.ref if pair else stream.ref})
hub = Hub.objects.filter(slug=slug).first()
for i in range(facilitators):
    u = user(f"facilitator{i}@example.no")
    if hub is None:
        hub = do_create_hub({"slug": slug, "name": "Bench hub"}, acting_user=u)
        orgs = list(Organisation.objects.order_by("pk"))
        do_add_hub_members(hub, orgs[: max(1, len(orgs) // 10)], acting_user=None)
    system = i % 2 == 1  # every other one oversees the hub (a system facilitator)
    if not (hub.overseers if system else hub.facilitators).filter(pk=u.pk).exists():
        do_add_facilitator(hub, u, acting_user=None, system=system)
    out.append({"who": "system" if system else "facilitator", "session": session(u)})
print(json.dumps(out))
"""


def _busy(db: Path, task: str = "%") -> bool:
    """Whether the task worker has a task (whose path is like ``task``) waiting or running."""
    return (
        query(
            db,
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN "
            "('READY', 'RUNNING') AND task_path LIKE ?",
            task,
        )[0][0]
        > 0  # fmt: skip
    )


RECOMPUTE = "%recompute_candidates"


def _recompute_ran(db: Path, phase: float) -> str:
    """How long the phase's recompute waited in the queue and ran: a recompute queued behind
    other tasks, or a worker still starting, leaves the load without one."""
    rows = query(
        db,
        "SELECT (julianday(coalesce(started_at, datetime('now'))) - julianday(enqueued_at))"
        " * 86400,"
        " (julianday(coalesce(finished_at, datetime('now'))) - julianday(started_at)) * 86400 "
        "FROM django_tasks_database_dbtaskresult WHERE task_path LIKE ? "
        "ORDER BY enqueued_at DESC LIMIT 1",
        RECOMPUTE,
    )
    if not rows:
        return "no recompute found"
    waited, ran = rows[0]
    if ran is None:
        return f"it waited in the queue all {phase:.0f} s and never started"
    return f"it started {waited:.0f} s after it was queued and ran {ran:.0f} s"


class Load:
    """Users fetching pages until ``until()`` says stop; times per page, errors."""

    def __init__(self, base: str, users: list[dict], think: float, seed: int = 42) -> None:
        self.base, self.users, self.think = base, users, think
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.rng = random.Random(seed)

    def run(self, until) -> float:
        start = time.perf_counter()
        threads = [threading.Thread(target=self._user, args=(i, u, self.rng.random(), until))
                   for i, u in enumerate(self.users)]  # fmt: skip
        threads.append(threading.Thread(target=self._sample_load, args=(until,)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - start

    def _sample_load(self, until) -> None:
        """The machine's 1-minute load every 5 s while the users run (other work counts)."""
        self.loads = []
        while not until():
            self.loads.append(os.getloadavg()[0])
            time.sleep(5)

    def _user(self, i: int, u: dict, seed: float, until) -> None:
        rng = random.Random(seed)
        op = opener(self.base, u["session"])
        pages = PAGES[u["who"]]
        k = i
        while not until():
            page = pages[k % len(pages)]
            k += 1
            url = self.base + page.format(**u)
            start = time.perf_counter()
            try:
                op.open(url, timeout=120).read()
                ok = True
            except urllib.error.HTTPError as e:
                ok = e.code < 400
                if not ok:
                    self._error(f"{page}: {e.code}")
            except Exception as e:  # noqa: BLE001 - a timeout or a dropped connection: counted
                ok = False
                self._error(f"{page}: {type(e).__name__}")
            if ok:
                with self.lock:
                    self.times.setdefault(page, []).append((time.perf_counter() - start) * 1000)
            time.sleep(rng.uniform(0, 2 * self.think))

    def _error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)

    def report(self, title: str, seconds: float) -> None:
        every = sorted(x for v in self.times.values() for x in v)
        loads = getattr(self, "loads", []) or [os.getloadavg()[0]]
        print(f"\n**{title}**: {len(self.users)} users, {seconds:.0f} s, {len(every)} requests, "
              f"{len(self.errors)} errors; machine load {min(loads):.1f}–{max(loads):.1f} "
              f"(1-minute average, sampled every 5 s)\n")  # fmt: skip
        print("| page | requests | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
        for page in dict.fromkeys(COMPANY_PAGES + FACILITATOR_PAGES + SYSTEM_PAGES):
            v = sorted(self.times.get(page, []))
            if v:
                print(f"| `{page}` | {len(v)} | {_pct(v, 50):.0f} | {_pct(v, 95):.0f} | "
                      f"{v[-1]:.0f} |")  # fmt: skip
        if every:
            print(f"| all | {len(every)} | {_pct(every, 50):.0f} | {_pct(every, 95):.0f} | "
                  f"{every[-1]:.0f} |")  # fmt: skip
        if self.errors:
            counts: dict[str, int] = {}
            for e in self.errors:
                counts[e] = counts.get(e, 0) + 1
            print("\nerrors: " + "; ".join(f"{k} × {v}" for k, v in sorted(counts.items())))


def cpu_seconds(master: int) -> float:
    """CPU seconds used so far by the gunicorn master's workers (a worker killed and replaced
    in between loses its share): the load-independent cost of the requests they served."""
    total = 0.0
    for kid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{kid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def worker_rss(master: int) -> list[float]:
    """Each gunicorn worker's resident memory in MB."""
    kids = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [rss_mb(int(k)) for k in kids]


def own_autogroup(nice: int) -> None:
    """Run this script and the processes it starts in their own Linux autogroup of niceness
    ``nice``: the kernel shares the cores between autogroups (sessions) before it looks at a
    process's niceness, so ``nice`` alone cannot rank a benchmark above other sessions' work."""
    try:
        os.setsid()
    except OSError:
        print("note: already a process group leader; run under setsid(1) so that only this "
              "run's group gets the new niceness")  # fmt: skip
    Path("/proc/self/autogroup").write_text(str(nice))
    print(f"autogroup: {Path('/proc/self/autogroup').read_text().strip()}")


def _pct(values: list[float], p: int) -> float:
    """The ``p``-th percentile of sorted ``values`` (nearest rank)."""
    return values[min(len(values) - 1, max(0, -(-len(values) * p // 100) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--facilitators", type=int, default=4, help="of --users")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--phases", default="idle,recompute")
    parser.add_argument(
        "--drain",
        type=float,
        default=600,
        help="wait at most this long for queued work before measuring",
    )
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=None,
        help="the task worker's niceness (default: the command's own, 10; 0 as before)",
    )
    parser.add_argument(
        "--autogroup-nice",
        type=int,
        default=None,
        help="own scheduler group with this niceness (Linux; negative needs root)",
    )
    args = parser.parse_args()
    phases = args.phases.split(",")
    if args.autogroup_nice is not None:
        own_autogroup(args.autogroup_nice)
    env = {**os.environ, "SYMBIOSE_DATA_DIR": str(args.data), "SYMBIOSE_SECRET_KEY": "b" * 50,
           "DJANGO_SETTINGS_MODULE": "symbiose.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    db = args.data / "symbiose.sqlite3"
    subprocess.run([str(BIN / "symbiose"), "migrate", "-v", "0"], env=env, check=True)
    companies = args.users - args.facilitators
    setup = subprocess.run([str(BIN / "python"), "-c", SETUP, str(companies),
                            str(args.facilitators), HUB], env=env, check=True, capture_output=True,
                           text=True)  # fmt: skip
    users = json.loads(setup.stdout.strip().splitlines()[-1])
    streams = query(db, "SELECT count(*) FROM registry_stream")[0][0]
    print(f"{streams} streams; {companies} company users, {args.facilitators} facilitators")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(args.data / "web_load-gunicorn.log", "ab")  # noqa: SIM115 - open while serving
    # as scripts/run: 3 workers, gunicorn's default 30 s timeout (a killed worker is an error)
    server = subprocess.Popen([str(BIN / "gunicorn"), "symbiose.wsgi:application", "--bind",
                               f"127.0.0.1:{port}", "--workers", "3", "--log-level", "error"],
                              env=env, stderr=log)  # fmt: skip
    worker = subprocess.Popen([str(BIN / "symbiose"), "task_worker", "--queue-name", "*",
                               "--interval", "0.5", "--no-reload", "-v", "0",
                               *([] if args.worker_nice is None
                                 else ["--nice", str(args.worker_nice)])], env=env)  # fmt: skip
    try:
        wait_until(lambda: _up(base), 120)
        waited = wait_until(lambda: not _busy(db), args.drain)  # the hub's refreshes, valuing
        print(f"queue drained {waited:.0f} s after the start; {loadavg()}")
        before = gunicorn_rss(server.pid)
        for phase in phases:
            load = Load(base, users, args.think)
            stop = time.perf_counter() + args.seconds
            cpu = cpu_seconds(server.pid)
            window = Window(server.pid, worker.pid)
            window.begin()
            if phase == "recompute":
                code = ("import django; django.setup(); "
                        "from symbiose.matching.tasks import enqueue_recompute; "
                        "enqueue_recompute()")  # fmt: skip
                subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True)
                wait_until(lambda: _busy(db, RECOMPUTE), 30)
                started = time.perf_counter()
                seconds = load.run(
                    lambda stop=stop: time.perf_counter() > stop or not _busy(db, RECOMPUTE)
                )
                took = time.perf_counter() - started
                title = (
                    f"during a full recompute ({took:.0f} s)"
                    if not _busy(db, RECOMPUTE)
                    else f"during a full recompute (still running after {took:.0f} s)"
                )
                title += "; " + _recompute_ran(db, took)
            else:
                seconds = load.run(lambda stop=stop: time.perf_counter() > stop)
                title = "no background work"
            figures = window.end(getattr(load, "loads", []))
            load.report(title, seconds)
            print("\n" + describe(figures))
            served = sum(len(v) for v in load.times.values()) + len(load.errors)
            used = cpu_seconds(server.pid) - cpu
            print(f"\ngunicorn workers' CPU: {used:.1f} s for {served} requests "
                  f"({used / max(1, served) * 1000:.0f} ms a request)")  # fmt: skip
        after = gunicorn_rss(server.pid)
        print(f"\ngunicorn workers' RSS: {before:.0f} MB before, {after:.0f} MB after "
              f"(each: {', '.join(f'{r:.0f}' for r in worker_rss(server.pid))} MB)")  # fmt: skip
    finally:
        worker.terminate()
        server.terminate()
        worker.wait()
        server.wait()
        log.close()


if __name__ == "__main__":
    main()
