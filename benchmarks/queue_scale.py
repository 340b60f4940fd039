"""The product path at scale: import, full recompute, save-to-candidates and web under load.

Usage: ``.venv/bin/python benchmarks/queue_scale.py [N] [--phases import,recompute,save,load]
[--data DIR] [--rebuild]`` (default N = 10000, all phases; ``--data`` reuses the data folder of
an earlier run and skips the import; ``--rebuild`` makes each recompute rebuild every row, as
after a change of engine code). Builds a fresh SQLite data folder, writes N synthetic streams
(``engine/synthetic.py``, seed 42) as the listing template and then measures, each in its own
process so peak RSS is that step's alone:

* ``import``: one ``symbiose import`` of all the files (writes only; it queues one
  recompute);
* ``recompute``: one full recompute that stores every candidate (``worker.recompute_all``);
* ``after-import`` (with ``save`` or ``load``): while the worker runs, ``symbiose import`` of
  2 000 new streams (it queues the index rewrite and a full recompute), then a stream saved
  in the web at once, timed until its candidates are stored;
* ``save``: gunicorn (3 processes) and one task worker; a stream saved through the web form,
  timed until its candidates are stored (5 saves, after the worker's first one). The worker
  is ``symbiose task_worker``: it loads its engine (from the snapshot the recompute wrote)
  before it takes tasks, and says how long that took;
* ``load``: 20 threads of signed-in users on the main pages while the worker runs a full
  recompute; p50/p95 per page, and the gunicorn processes' RSS before and after.

Targets (issue 13, 2 cores): import of 100 000 < 60 s and < 1.5 GB; recompute < 60 s; a saved
stream shows candidates within 5 s; web p95 < 200 ms during a recompute. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import (  # noqa: E402
    BIN,
    CANDIDATES_OF,
    ROOT,
    free_port,
    loadavg,
    opener,
    query,
    rss_mb,
    save_stream,
    serving,
    session_of,
    up,
    wait_until,
)

#: What sibling scripts import from here (``web_load.py`` takes the shared helpers too).
__all__ = ["free_port", "gunicorn_rss", "write_template", "_up"]
_up = up
UNIT = {"t/yr": "t", "MWh/yr": "MWh", "m3/yr": "m3", "h/yr": "h"}
PAGES = ["/", "/map/", "/streams/", "/streams/{ref}/matches/", "/api/registry/streams?limit=50"]


PART = 20_000  # rows per file: the importer's limit (importers/limits.py)


def write_template(folder: Path, n: int) -> list[Path]:
    """Write the template into ``folder`` (one part per 20 000 streams); returns the parts."""
    sys.path.insert(0, str(ROOT))
    from symbiose.matching.engine.synthetic import synthetic_streams

    streams = synthetic_streams(n, seed=42)
    orgs: dict[str, tuple[float, float]] = {}
    for s in streams:
        orgs.setdefault(s.org_ref, (round(s.lat, 4), round(s.lon, 4)))
    parts = [folder / f"part{k}" for k in range(max(1, -(-n // PART)))]
    for part in parts:
        part.mkdir()
    with open(parts[0] / "organisations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ref", "name", "lat", "lon"])
        for ref, (lat, lon) in orgs.items():
            w.writerow([ref, f"Synthetic {ref} AS", lat, lon])
    cols = ["ref", "organisation_ref", "direction", "category", "title", "description",
            "ewc_code", "quantity", "unit", "period", "temperature_c", "hazardous",
            "accepts_hazardous", "visibility", "lat", "lon"]  # fmt: skip
    for k, part in enumerate(parts):
        _write_streams(part / "streams.csv", cols, streams[k * PART : (k + 1) * PART])
    return parts


def _write_streams(path: Path, cols: list[str], streams) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for s in streams:
            w.writerow([s.ref, s.org_ref, s.direction, s.category, s.title, s.description,
                        s.ewc_code or "", s.quantity, UNIT[s.unit], "year",
                        "" if s.temperature_c is None else s.temperature_c,
                        "", "yes" if s.accepts_hazardous else "no",  # hazardous: from the code
                        "public", round(s.lat, 4), round(s.lon, 4)])  # fmt: skip


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """Run ``cmd``; (seconds, peak RSS in MB, output, CPU seconds of it and its children).

    Uses wait4 for the child's RSS and CPU time. On a loaded machine the CPU time is the
    steadier figure: wall time grows with the other sessions' load, CPU time much less."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed:\n{out[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def serve(env, db: Path, phases: set[str]) -> None:
    session, ref = session_of(env)
    with serving(env, {"*": {}}) as served:
        base, worker = served.base, served.workers["*"]
        op = opener(base, session)
        wait_until(lambda: up(base), 60)
        wait_until(lambda: bool(worker.ready), 900)
        if worker.ready:  # the first line says how the engine came up, and when
            line, since, load_then = worker.ready[0]
            print(f"worker: {line} ({since:.1f} s after the start); {load_then}")
        else:
            print("worker: not ready after 900 s")
        queued = _queue(db)
        t0 = time.perf_counter()
        first = _saved_until_candidates(op, base, db, 0, 900) - t0
        print(f"first save after the start -> its candidates: {first:.1f} s (with the form; "
              f"queued before it: {queued}); {loadavg()}")  # fmt: skip
        if "save" in phases:
            times = []
            for k in range(1, 6):
                start = time.perf_counter()
                new = save_stream(op, base, k)
                sid = query(db, "SELECT id FROM registry_stream WHERE ref = ?", new)[0][0]
                wait_until(lambda sid=sid: query(db, CANDIDATES_OF, sid)[0][0] > 0, 60)
                times.append(time.perf_counter() - start)
            print(
                f"save -> candidates: median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s ({len(times)} saves); {loadavg()}"
            )
        if "after-import" in phases:
            after_import(op, base, db, env, db.parent)
        if "load" in phases:
            load(base, session, ref, db, served.server.pid, env)


def _saved_until_candidates(op, base: str, db: Path, k: int, timeout: float) -> float:
    """Save need ``k`` through the form; the clock time its first candidate was stored."""
    new = save_stream(op, base, k)
    sid = query(db, "SELECT id FROM registry_stream WHERE ref = ?", new)[0][0]
    wait_until(lambda: query(db, CANDIDATES_OF, sid)[0][0] > 0, timeout)
    return time.perf_counter()


def _queue(db: Path) -> str:
    """The tasks running or ready, by name (what a new task may wait behind)."""
    rows = query(db, "SELECT status, task_path, count(*) FROM django_tasks_database_dbtaskresult "
                 "WHERE status IN ('READY', 'RUNNING') GROUP BY 1, 2")  # fmt: skip
    return ", ".join(f"{p.rsplit('.', 1)[-1]} {st.lower()} x{c}" for st, p, c in rows) or "none"


EXTRA = 2000  # streams of the import made just before the save (phase after-import)


def after_import(op, base: str, db: Path, env: dict[str, str], data: Path) -> None:
    """Import :data:`EXTRA` new streams of new organisations with ``symbiose import`` while
    the worker runs (it queues the index rewrite and a full recompute), then save a stream
    in the web at once: the time until that stream's candidates are stored."""
    sys.path.insert(0, str(ROOT))
    from symbiose.matching.engine.synthetic import synthetic_streams

    folder = Path(tempfile.mkdtemp(prefix="extra-", dir=data))
    streams = [dataclasses.replace(s, ref=f"x{s.ref}", org_ref=f"x{s.org_ref}")
               for s in synthetic_streams(EXTRA, seed=7)]  # fmt: skip
    with open(folder / "organisations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["ref", "name", "lat", "lon"])
        for ref, (lat, lon) in {s.org_ref: (s.lat, s.lon) for s in streams}.items():
            w.writerow([ref, f"Synthetic {ref} AS", round(lat, 4), round(lon, 4)])
    cols = ["ref", "organisation_ref", "direction", "category", "title", "description",
            "ewc_code", "quantity", "unit", "period", "temperature_c", "hazardous",
            "accepts_hazardous", "visibility", "lat", "lon"]  # fmt: skip
    _write_streams(folder / "streams.csv", cols, streams)
    subprocess.run([str(BIN / "symbiose"), "import", str(folder)], env=env, check=True,
                   capture_output=True)  # fmt: skip
    t0 = time.perf_counter()
    queued = _queue(db)
    took = _saved_until_candidates(op, base, db, 99, 900) - t0
    print(f"save right after an import of {EXTRA} streams -> its candidates: {took:.1f} s "
          f"(with the form; queued at the save: {queued}); {loadavg()}")  # fmt: skip


def gunicorn_rss(master: int) -> float:
    kids = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sum(rss_mb(int(k)) for k in kids)


def load(base, session, ref, db, master, env, users: int = 20) -> None:
    before = gunicorn_rss(master)
    code = "import django; django.setup(); from symbiose.matching.tasks import enqueue_recompute; enqueue_recompute()"  # noqa: E501
    subprocess.run([str(BIN / "python"), "-c", code], env=env, check=True)
    wait_until(lambda: query(db, "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                             "WHERE status = 'RUNNING'")[0][0] > 0, 30)  # fmt: skip
    times: dict[str, list[float]] = {p: [] for p in PAGES}
    stop = time.perf_counter() + 60
    errors = []

    def user(i: int) -> None:
        op = opener(base, session)
        k = i
        while time.perf_counter() < stop and _running(db):
            page = PAGES[k % len(PAGES)]
            k += 1
            start = time.perf_counter()
            try:
                op.open(base + page.format(ref=ref), timeout=60).read()
            except urllib.error.HTTPError as e:
                if e.code >= 400:
                    errors.append(f"{page}: {e.code}")
                    continue
            except Exception as e:  # noqa: BLE001 - counted and shown
                errors.append(repr(e))
                continue
            times[page].append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = gunicorn_rss(master)
    every = sorted(x for v in times.values() for x in v)
    print(f"\n{users} users during a full recompute: {len(every)} requests, {len(errors)} errors; "
          f"{loadavg()}")  # fmt: skip
    print("| page | requests | p50 ms | p95 ms |\n|---|---|---|---|")
    for page, v in times.items():
        if v:
            v.sort()
            print(f"| `{page}` | {len(v)} | {v[len(v) // 2]:.0f} | {v[int(len(v) * 0.95)]:.0f} |")
    if every:
        print(f"| all | {len(every)} | {every[len(every) // 2]:.0f} | "
              f"{every[int(len(every) * 0.95)]:.0f} |")  # fmt: skip
    print(f"gunicorn workers' RSS: {before:.0f} MB before, {after:.0f} MB after")


def _running(db: Path) -> bool:
    return query(db, "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN "
                 "('READY', 'RUNNING')")[0][0] > 0  # fmt: skip


# The recompute's own peak RSS and that of its largest forked pool process: wait4 reports the
# larger of the two, and a forked process's RSS counts the pages it shares with its parent.
RECOMPUTE = """
import django, logging, resource, sys
django.setup()
stages = logging.getLogger("symbiose.matching.worker")
stages.addHandler(logging.StreamHandler(sys.stdout))
stages.setLevel(logging.INFO)
stages.propagate = False
from symbiose.matching.worker import recompute_all
n = recompute_all()
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
pool = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(n, own, pool)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--phases", default="import,recompute,save,load",
                        help="any of import, recompute, save, after-import, load")  # fmt: skip
    parser.add_argument(
        "--recomputes",
        type=int,
        default=2,
        help="full recomputes in a row (the second finds its rows stored)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="before each recompute, forget every stored row's basis and the engine snapshot, "
        "as after a code change: every row is rebuilt and rewritten, the engine built",
    )
    parser.add_argument("--database-url", default=None,
                        help="an empty PostgreSQL database instead of SQLite (import and "
                        "recompute phases only)")  # fmt: skip
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="reuse this data folder of an earlier run (skips the import)",
    )
    args = parser.parse_args()
    phases = set(args.phases.split(","))
    data = args.data or Path(tempfile.mkdtemp(prefix="symbiose-bench-"))
    env = {**os.environ, "SYMBIOSE_DATA_DIR": str(data), "SYMBIOSE_SECRET_KEY": "b" * 50,
           "DJANGO_SETTINGS_MODULE": "symbiose.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        phases -= {"save", "load", "after-import"}  # they read the SQLite file directly
    db = data / "symbiose.sqlite3"
    subprocess.run([str(BIN / "symbiose"), "migrate", "-v", "0"], env=env, check=True)
    if args.data is None:
        do_import(data, env, args.n)
    for k in range(args.recomputes):
        if args.rebuild:
            forget_basis(env, data)
        which = "every row rebuilt" if args.rebuild else "nothing changed"
        recompute(env, "first" if k == 0 and args.data is None else f"again, {which}")
    if phases & {"save", "load", "after-import"}:
        serve(env, db, phases)
    most = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest child's peak RSS: {most:.0f} MB")


def do_import(data: Path, env: dict[str, str], n: int) -> None:
    """Write the template (files of at most 20 000 rows) and import them in one command.

    One ``symbiose import`` of every file: one plan and one all-or-nothing transaction, as a
    user importing the whole registry would run it (it queues the recompute, which runs in a
    worker, measured below).
    """
    files = data / "template"
    files.mkdir()
    parts = write_template(files, n)
    print(f"{n} synthetic streams, data in {data}")
    print(f"import starts: {loadavg()}")
    cmd = [str(BIN / "symbiose"), "import", *map(str, parts)]
    seconds, rss, out, cpu = measured(cmd, env)
    print(f"import: {seconds:.1f} s in one command of {len(parts)} file(s) ({cpu:.1f} s CPU), "
          f"peak RSS {rss:.0f} MB ({out.strip().splitlines()[-1]}); {loadavg()}")  # fmt: skip


FORGET_BASIS = (
    "import django; django.setup(); from symbiose.matching.models import Candidate; "
    "Candidate.objects.update(basis=0)"
)


def forget_basis(env: dict[str, str], data: Path) -> None:
    """Make the next recompute rebuild every row, as a deploy of new engine code does.

    Every stored basis is set to 0 (no new pair's basis equals it, so each row is built,
    compared and rewritten) and the engine snapshot is removed (the engine is built).
    """
    subprocess.run([str(BIN / "python"), "-c", FORGET_BASIS], env=env, check=True)
    (data / "matching-engine.pickle").unlink(missing_ok=True)


def recompute(env: dict[str, str], which: str) -> None:
    """One full recompute in its own process: wall, CPU and peak RSS (see RECOMPUTE)."""
    forget = (
        "import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
        "DBTaskResult.objects.all().delete()"
    )  # the import's queued recompute: run below
    subprocess.run([str(BIN / "python"), "-c", forget], env=env, check=True)
    print(f"recompute ({which}) starts: {loadavg()}")
    seconds, rss, out, used = measured([str(BIN / "python"), "-c", RECOMPUTE], env)
    pairs, own, pool = out.split()[-3:]
    print("  " + "".join(line for line in out.splitlines() if "full recompute of" in line))
    print(f"full recompute ({which}): {seconds:.1f} s with start-up "
          f"({used:.1f} s CPU with its pool), "
          f"peak RSS {rss:.0f} MB (the process itself {own} MB, its largest pool process "
          f"{pool} MB, which shares most of its pages), {pairs} pairs; {loadavg()}")  # fmt: skip


if __name__ == "__main__":
    main()
