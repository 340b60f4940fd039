"""A stream saved in the web while a full recompute runs: how long until its candidates are
stored, and whether they are still there when the recompute has committed (issue 13).

Usage: ``.venv/bin/python benchmarks/save_during_recompute.py DATA [--every S] [--one-worker]
[--at-close]``
where ``DATA`` is a data folder with an imported registry whose candidates are stored
(``benchmarks/queue_scale.py N --phases import,recompute --recomputes 1`` leaves one; its
path is printed). Starts gunicorn (3 processes, gunicorn's default 30 s timeout as
``scripts/run``), one task worker of every queue and one of
the ``interactive`` queue, as ``scripts/run`` does (``--one-worker``: only the first, as
before), saves three needs (gunicorn's processes and the workers warm up), queues a full recompute
and, while it runs, saves a need through the web form every
``S`` seconds (default 15), each timed until its first candidate is stored, with the form's
own POST timed too and whether a recompute was storing its rows when it was sent (a form
answered with an error stops the run). ``--at-close``: a second client watches for the
moment the store closes (``MatchState.storing_closed``: its rows are written, the catch-up's
check and the last transaction follow) and saves a need at once then, so the end of the
store is measured in every run, not only when a save happens to fall there. Then one more
save right after the recompute committed (the refresh worker must bring its engine to the
new fit first), a check that every saved need still has candidates and that no change is
left pending or only shown, and the CPU seconds of each worker process. SQLite only (read
directly). A save in the store stage is shown by the interactive worker at once and made
exact by the recompute's catch-up (docs/architecture.md, "A save during the store is shown
at once"); before, it waited for the store stage to end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import (  # noqa: E402
    BIN,
    CANDIDATES_OF,
    loadavg,
    opener,
    query,
    save_stream,
    serving,
    session_of,
    up,
    wait_until,
)

RUNNING = ("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
           "AND task_path LIKE '%recompute_candidates'")  # fmt: skip
STORING = "SELECT count(*) FROM matching_matchstate WHERE storing != ''"
CLOSED = "SELECT count(*) FROM matching_matchstate WHERE storing != '' AND storing_closed"
#: Changes not handled for good: pending, or shown during a store (handled_in -1) and not yet
#: caught up by the recompute.
PENDING = "SELECT count(*) FROM matching_change WHERE handled_in IS NULL OR handled_in < 0"
CLEAR = ("import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
         "DBTaskResult.objects.all().delete()")  # fmt: skip
QUEUE = ("import django; django.setup(); from symbiose.matching.tasks import enqueue_recompute; "
         "enqueue_recompute()")  # fmt: skip


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its waited-for children (its forked pool)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def timed_save(op, base: str, db: Path, k: int, timeout: float = 600):
    """Save need ``k`` through the form; (its id, seconds until its first candidate, seconds
    the form's POST took, whether a recompute was storing its rows when it was sent)."""
    storing = bool(query(db, STORING)[0][0])
    start = time.perf_counter()
    ref = save_stream(op, base, k)
    posted = time.perf_counter() - start
    sid = query(db, "SELECT id FROM registry_stream WHERE ref = ?", ref)[0][0]
    wait_until(lambda: query(db, CANDIDATES_OF, sid)[0][0] > 0, timeout)
    return sid, time.perf_counter() - start, posted, storing


def save_at_close(op, base: str, db: Path, out: list) -> threading.Thread:
    """Watch for the store's close (every 20 ms) and save need 5000 at once then; appends
    ``(its id, seconds until its first candidate, whether the store was still closed after the
    POST)`` to ``out``."""

    def run() -> None:
        while not query(db, CLOSED)[0][0]:
            if not query(db, RUNNING)[0][0]:
                return  # the recompute ended first
            time.sleep(0.02)
        start = time.perf_counter()
        ref = save_stream(op, base, 5000)
        still = bool(query(db, CLOSED)[0][0])
        sid = query(db, "SELECT id FROM registry_stream WHERE ref = ?", ref)[0][0]
        wait_until(lambda: query(db, CANDIDATES_OF, sid)[0][0] > 0, 600)
        out.append((sid, time.perf_counter() - start, still))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def summary(times: list[float]) -> str:
    """Median, p95 and the largest of ``times`` (seconds)."""
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return f"median {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {max(times):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--every", type=float, default=15.0)
    parser.add_argument("--one-worker", action="store_true")
    parser.add_argument("--at-close", action="store_true")
    args = parser.parse_args()
    data: Path = args.data
    db = data / "symbiose.sqlite3"
    env = {**os.environ, "SYMBIOSE_DATA_DIR": str(data), "SYMBIOSE_SECRET_KEY": "b" * 50,
           "DJANGO_SETTINGS_MODULE": "symbiose.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    streams = query(db, "SELECT count(*) FROM registry_stream")[0][0]
    print(f"{streams} streams in {data}; {loadavg()}")
    subprocess.run([str(BIN / "python"), "-c", CLEAR], env=env, check=True)
    session, _ref = session_of(env)
    queues = {"*": {"nice": "10"}}  # as scripts/run starts them
    if not args.one_worker:
        queues["interactive"] = {"nice": "5"}
    with serving(env, queues, logs=data, gunicorn_timeout=30) as served:  # scripts/run's
        base, workers = served.base, served.workers
        op = opener(base, session)
        wait_until(lambda: up(base), 120)
        wait_until(lambda: all(w.ready for w in workers.values()), 900)
        print("\n".join(f"{q}: {line} ({since:.1f} s after the start)"
                        for q, w in workers.items() for line, since, _ in w.ready))  # fmt: skip
        for k in range(3):  # warm gunicorn's processes and both workers, as a site in use is
            _sid, took, _posted, _storing = timed_save(op, base, db, 900 + k)
        print(f"a save before the recompute -> candidates in {took:.2f} s; {loadavg()}")
        cpu0 = {q: cpu_seconds(w.proc.pid) for q, w in workers.items()}
        subprocess.run([str(BIN / "python"), "-c", QUEUE], env=env, check=True)
        wait_until(lambda: query(db, RUNNING)[0][0] > 0, 120)
        t0 = time.perf_counter()
        print(f"recompute running; {loadavg()}")
        saved, during, posts, in_store = [], [], [], []
        closing: list[tuple[int, float, bool]] = []
        watcher = save_at_close(op, base, db, closing) if args.at_close else None
        k = 1000
        while query(db, RUNNING)[0][0] > 0:
            at = time.perf_counter() - t0
            sid, took, posted, storing = timed_save(op, base, db, k)
            still = query(db, RUNNING)[0][0] > 0
            saved.append(sid)
            during.append(took)
            posts.append(posted)
            if storing:
                in_store.append(took)
            print(f"  save at {at:5.1f} s into the recompute -> candidates in {took:5.2f} s "
                  f"(form {posted:.2f} s{', in the store stage' if storing else ''}; "
                  f"{'recompute still running' if still else 'recompute had finished'}); "
                  f"{loadavg()}")  # fmt: skip
            k += 1
            time.sleep(max(0.0, args.every - took))
        wait_until(lambda: query(db, RUNNING)[0][0] == 0, 900)
        wall = time.perf_counter() - t0
        if watcher is not None:
            watcher.join(600)
            for sid, took, still in closing:
                saved.append(sid)
                print(f"save sent as the store closed -> candidates in {took:.2f} s (store "
                      f"{'still' if still else 'no longer'} closed after the POST)")  # fmt: skip
            if not closing:
                print("no save as the store closed (the recompute ended before it was seen)")
        print(f"recompute finished after {wall:.1f} s (measured from its start); {loadavg()}")
        sid, after, _posted, _storing = timed_save(op, base, db, k)
        saved.append(sid)
        print(f"save right after the recompute -> candidates in {after:.2f} s; {loadavg()}")
        wait_until(lambda: query(db, PENDING)[0][0] == 0, 120)
        kept = sum(query(db, CANDIDATES_OF, s)[0][0] > 0 for s in saved)
        print(f"saved needs with candidates after the recompute: {kept} of {len(saved)}; "
              f"changes left pending: {query(db, PENDING)[0][0]}")  # fmt: skip
        if during:
            print(f"saves during the recompute -> candidates: {summary(during)} "
                  f"({len(during)} saves); the form's POST: {summary(posts)}")  # fmt: skip
        if in_store:
            print(f"of them sent in the store stage: {summary(in_store)} "
                  f"({len(in_store)} saves)")  # fmt: skip
        for q, w in workers.items():
            print(f"worker {q}: {cpu_seconds(w.proc.pid) - cpu0[q]:.1f} s CPU from the "
                  f"recompute's queueing to the end")  # fmt: skip


if __name__ == "__main__":
    main()
