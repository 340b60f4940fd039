"""The valuing pass at scale: a full pass, and the pass after a recompute that follows an edit.

Usage: ``.venv/bin/python benchmarks/valuing_scale.py DATA [--phases full,edit]``, where
``DATA`` is the data folder of ``benchmarks/queue_scale.py N --phases none`` (imported and
recomputed; it is copied, so it stays as it was). Each step runs in its own process, so its
CPU and peak RSS are its own:

* ``full``: every stored value and the valuing state deleted, then one full pass
  (``valuing.value_stale(full=True)``): what the first pass after a deploy costs;
* ``edit``: one stream's quantity changed through ``check_save_stream``, a full recompute
  (``do_recompute_all``), then the pass a worker runs after it (``value_stale(prune=True)``):
  pairs looked at and values stored;
* ``edit-full``: the same, but the pass looks at every candidate (``full=True``), as the
  pass queued after a recompute did before it looked only at changed rows and streams.

Results go in docs/benchmarks.md (issue 13). Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)

SETUP = "import django; django.setup()\n"
FULL = (
    SETUP
    + """
import resource, time
from symbiose.impact.models import PairValue, ValuationState
from symbiose.impact.valuing import value_stale
PairValue.objects.all().delete(); ValuationState.objects.all().delete()
t, c = time.perf_counter(), time.process_time()
done = value_stale(full=True)
print(f"full pass: {done.stored} values of {done.looked} pairs in {time.perf_counter() - t:.1f} s"
      f" ({time.process_time() - c:.1f} s CPU), peak RSS "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
"""
)
EDIT = (
    SETUP
    + """
import time
from django.db.models import Q
from symbiose.impact.valuing import value_stale
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.models import Candidate
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream
from symbiose.registry.template import stream_row
value_stale()  # whatever is stale from before: start from a valued registry
stream = Stream.objects.filter(as_offer__isnull=False).order_by("pk").first()
row = stream_row(stream, stream.organisation.ref)
check_save_stream({**row, "quantity": str((stream.quantity or 1) * 2)}, acting_user=None)
do_recompute_all()
mine = Candidate.objects.filter(Q(offer=stream) | Q(need=stream)).count()
t, c = time.perf_counter(), time.process_time()
done = value_stale(full=FULL_PASS, prune=True)
what = "full pass" if FULL_PASS else "pass"
print(f"{what} after an edit and a recompute: looked at {done.looked} of "
      f"{Candidate.objects.count()} pairs ({mine} of the edited stream), stored "
      f"{done.stored} values in {time.perf_counter() - t:.1f} s "
      f"({time.process_time() - c:.1f} s CPU)")
"""
)


def loadavg() -> str:
    return "load " + " / ".join(f"{x:.1f}" for x in os.getloadavg())


def run(code: str, env: dict[str, str]) -> None:
    print(f"  starts: {loadavg()}", flush=True)
    subprocess.run([str(PYTHON), "-c", code], env=env, check=True)
    print(f"  ends: {loadavg()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--phases", default="full,edit")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="symbiose-valuing-"))
    shutil.copy(args.data / "symbiose.sqlite3", work / "symbiose.sqlite3")
    env = {**os.environ, "SYMBIOSE_DATA_DIR": str(work), "SYMBIOSE_SECRET_KEY": "b" * 50,
           "DJANGO_SETTINGS_MODULE": "symbiose.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    subprocess.run([str(PYTHON), "-m", "symbiose.cli", "migrate", "-v", "0"], env=env,
                   check=True, cwd=ROOT)  # fmt: skip
    start = time.perf_counter()
    for phase in args.phases.split(","):
        print(phase, flush=True)
        code = {"full": FULL, "edit": EDIT, "edit-full": EDIT}[phase]
        run(f"FULL_PASS = {phase == 'edit-full'}\n" + code, env)
    print(f"all in {time.perf_counter() - start:.0f} s; data in {work}")
    sys.exit(0)


if __name__ == "__main__":
    main()
