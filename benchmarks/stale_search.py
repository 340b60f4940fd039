"""Search right after an import, before a worker has written the search index rows.

Usage: ``.venv/bin/python benchmarks/stale_search.py DATA [--every-row]`` where ``DATA`` is
a data folder holding a freshly imported registry (``benchmarks/import_stages.py N`` leaves
one, with no index rows). Times ``search.access.search_streams`` for the queries of
``benchmarks/search_scale.py`` as a signed-in user of no organisation (public streams), each
twice in one process (the second run finds the classification cache warm), with the CPU
time of the process beside the wall time, because the machine is shared.

``--every-row`` measures the code before the cut: every stale stream is tested row by row,
whatever the order (``_row_hits`` without its ``limit``). The index is never written by this
script, so both runs read the same stale registry.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--every-row", action="store_true")
    args = parser.parse_args()
    os.environ.update(SYMBIOSE_DATA_DIR=str(args.data), DJANGO_SETTINGS_MODULE="symbiose.settings")
    os.environ.setdefault("SYMBIOSE_SECRET_KEY", "b" * 50)
    os.environ.pop("DATABASE_URL", None)
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a folder made by older code
    from django.contrib.auth import get_user_model
    from search_scale import QUERIES

    from symbiose.registry.actions import do_create_user
    from symbiose.search import access
    from symbiose.search.filters import parse
    from symbiose.search.index import stale

    email = "stale-search@example.no"
    user = get_user_model().objects.filter(email=email).first() or do_create_user(
        email, None, acting_user=None
    )
    if args.every_row:
        real = access._row_hits
        access._row_hits = lambda viewer, f, qs, limit=None: real(viewer, f, qs)
    how = "every row" if args.every_row else "up to the cut"
    print(f"{stale().count()} streams without a current index row; load "
          f"{os.getloadavg()[0]:.1f}; {how}")  # fmt: skip
    print("| query | hits | first: wall (CPU) | second: wall (CPU) | load |\n|---|---|---|---|---|")
    for name, query in QUERIES:
        filters, errors = parse(query)
        assert not errors, errors
        runs = []
        for _ in range(2):
            wall, cpu = time.perf_counter(), time.process_time()
            hits = access.search_streams(user, filters)
            runs.append(f"{time.perf_counter() - wall:.2f} s ({time.process_time() - cpu:.2f} s)")
        print(f"| {name} | {len(hits)} | {' | '.join(runs)} | {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
