"""Where the wall time of ``symbiose import`` goes, stage by stage, beyond its CPU.

Usage: ``.venv/bin/python benchmarks/import_stages.py [N] [--data DIR] [--keep]`` (default
N = 20000). Writes N synthetic streams as the listing template (``queue_scale.write_template``,
seed 42) into a fresh SQLite data folder (or reuses ``--data``'s template), migrates, then runs
the import in a child process that does what ``symbiose import`` does (read the files, plan,
apply all or nothing, run the after-commit hooks) and prints, for each stage:

* wall and CPU seconds (CPU: user + system of the process);
* waiting: wall − CPU, split by the kernel's own accounting (``/proc/self/schedstat``: time
  spent runnable but not running, i.e. waiting for a core; the rest is sleeping: disk, fsync,
  locks, sleeps);
* voluntary and involuntary context switches (``getrusage``): many voluntary switches mean
  the process blocks (I/O, locks); involuntary ones mean the scheduler took the core away;
* bytes the process wrote to the disk layer (``/proc/self/io``: ``write_bytes``) and the
  SQLite journal and WAL files after the stage.

The machine is shared, so the load average is printed before and after. Standard library
and the project only.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT / "benchmarks"))

CHILD = r"""
import os, resource, sys, time
from pathlib import Path

def sample():
    u = resource.getrusage(resource.RUSAGE_SELF)
    run, wait = (int(x) for x in Path("/proc/self/schedstat").read_text().split()[:2])
    io = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return {"wall": time.perf_counter(), "cpu": u.ru_utime + u.ru_stime, "run": run / 1e9,
            "queued": wait / 1e9, "vol": u.ru_nvcsw, "invol": u.ru_nivcsw,
            "written": int(io["write_bytes"]), "rss": u.ru_maxrss / 1024}

rows = []
last = [sample()]
db = Path(os.environ["SYMBIOSE_DATA_DIR"]) / "symbiose.sqlite3"

def mark(name):
    now = sample()
    before = last[0]
    d = {k: now[k] - before[k] for k in now if k != "rss"}
    files = {s: (db.parent / (db.name + s)).stat().st_size if (db.parent / (db.name + s)).exists()
             else 0 for s in ("-wal", "-journal")}
    rows.append((name, d, now["rss"], files))
    last[0] = sample()

import django
django.setup()
mark("start-up (django.setup, imports)")

from django.db import connection, transaction
from symbiose.registry.importers import actions as bulk, listing
from symbiose.registry.importers.sources import read_paths

def timed(module, name, label):
    real = getattr(module, name)
    def wrapper(*a, **k):
        mark(label[0])
        out = real(*a, **k)
        mark(label[1])
        return out
    setattr(module, name, wrapper)

# Stage boundaries: each wrapper marks the time before (charged to what ran before it) and after.
timed(bulk, "do_save_organisations", ("apply: before organisations", "apply: organisations"))
timed(bulk, "do_save_streams", ("apply: between", "apply: streams and audit rows"))
timed(listing, "apply_composition", ("apply: between", "apply: composition"))
timed(listing, "apply_deposits", ("apply: between", "apply: deposits"))

real_commit = connection.commit
def commit():
    mark("apply: held back changes, end of transaction body")
    real_commit()
    mark("COMMIT")
connection.commit = commit

paths = [Path(p) for p in sys.argv[1:]]
sheets = read_paths(paths, [])
mark("read the files")
plan = listing.plan_import(sheets)
mark("plan (parse and check every row, read existing rows)")
assert plan.ok, plan.problems[:3]
listing.apply_import(plan, acting_user=None, data_source="imported")
mark("after-commit hooks (queue tasks)")
print("STAGES")
for name, d, rss, files in rows:
    waited = d["wall"] - d["cpu"]
    print(f"{name}|{d['wall']:.2f}|{d['cpu']:.2f}|{d['queued']:.2f}|{waited - d['queued']:.2f}|"
          f"{d['vol']}|{d['invol']}|{d['written'] / 1e6:.1f}|{files['-wal'] / 1e6:.1f}|{rss:.0f}")
"""


def main() -> None:
    from queue_scale import write_template

    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=20_000)
    parser.add_argument("--data", type=Path, default=None, help="reuse this folder's template")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="symbiose-stages-"))
    env = {**os.environ, "SYMBIOSE_DATA_DIR": str(data), "SYMBIOSE_SECRET_KEY": "b" * 50,
           "DJANGO_SETTINGS_MODULE": "symbiose.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    if args.data:
        parts = sorted((args.data / "template").glob("part*"))
    else:
        (data / "template").mkdir()
        parts = write_template(data / "template", args.n)
    subprocess.run([str(BIN / "symbiose"), "migrate", "-v", "0"], env=env, check=True)
    load = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([str(BIN / "python"), "-c", CHILD, *map(str, parts)], env=env,
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    wall = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    after = os.getloadavg()
    print(f"{args.n} streams from {parts[0].parent}; data in {data}")
    cpu = used.ru_utime + used.ru_stime - before.ru_utime - before.ru_stime
    print(
        f"import process: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS "
        f"{used.ru_maxrss / 1024:.0f} MB; load {load[0]:.1f} -> {after[0]:.1f}"
    )
    print(
        "| stage | wall s | CPU s | waiting for a core s | other waits s | voluntary cs "
        "| involuntary cs | written MB | WAL MB | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for line in out.split("STAGES\n", 1)[1].splitlines():
        print("| " + " | ".join(line.split("|")) + " |")


if __name__ == "__main__":
    main()
