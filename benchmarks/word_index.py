"""What the word index costs the index writer: every search index row rewritten, with and
without the word index (issue 13).

Usage: ``.venv/bin/python benchmarks/word_index.py DATA [--before] [--fresh] [--database-url URL]``
where ``DATA`` is a data folder with an imported registry (``benchmarks/search_scale.py N
--data DATA`` leaves one). Rewrites the rows of every stream as the index task does
(``search.actions.do_refresh_index``, a transaction per 500 streams), inside one outer
transaction that is rolled back, so the folder is left as it was and runs can be repeated.
``--before`` runs the writer as it was before the word index: no word index (its triggers,
``search.wordtext``, dropped), no mark removal, and the marking triggers dropped (inside the
rolled-back transaction). Prints
the CPU time of the rewrite (this process; the machine is shared, so read CPU, not wall),
the wall time, and the rows written. ``--fresh`` first deletes every index and word row, as
the index task finds them after an import (not timed).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _RollBack(Exception):
    pass


def _old_batch(part: list[int]) -> None:
    """``search.actions._refresh_batch`` before the word index."""
    from symbiose.bulkinsert import insert_many
    from symbiose.registry.models import Stream
    from symbiose.resources.models import CompositionRow
    from symbiose.search.index import index_values
    from symbiose.search.models import StreamIndex

    found = Stream.objects.filter(pk__in=part).select_related("organisation")
    analyses: dict[int, list] = {}
    for row in CompositionRow.objects.filter(stream_id__in=part):
        analyses.setdefault(row.stream_id, []).append(row)
    rows = ({"stream_id": s.pk, **index_values(s, analyses.get(s.pk, []))} for s in found)
    StreamIndex.objects.filter(stream_id__in=part).delete()
    insert_many(StreamIndex, rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--database-url")
    parser.add_argument("--fresh", action="store_true",
                        help="first delete every index and word row (in the rolled-back "
                        "transaction, not timed): as the index task after an import")  # fmt: skip
    args = parser.parse_args()
    os.environ.update(SYMBIOSE_DATA_DIR=str(args.data), DJANGO_SETTINGS_MODULE="symbiose.settings")
    os.environ.setdefault("SYMBIOSE_SECRET_KEY", "b" * 50)
    os.environ.pop("DATABASE_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction

    from symbiose.registry.models import Stream
    from symbiose.search import actions, marks, wordtext
    from symbiose.search.models import StreamIndex

    load = os.getloadavg()[0]
    result = {}
    try:
        with transaction.atomic():
            if args.before:
                marks.uninstall(connection)
                if connection.vendor == "sqlite":
                    wordtext.uninstall(connection)
                actions._refresh_batch = _old_batch
            if args.fresh:
                # as after an import: no rows, and nothing of them in the word index
                wordtext.uninstall(connection)
                StreamIndex.objects.all().delete()
                if not args.before:
                    wordtext.install(connection)
            start, start_cpu = time.perf_counter(), time.process_time()
            written = actions.do_refresh_index(Stream.objects.all())
            result = {
                "cpu": time.process_time() - start_cpu,
                "wall": time.perf_counter() - start,
                "written": written,
                "rows": StreamIndex.objects.count(),
            }
            raise _RollBack
    except _RollBack:
        pass
    how = "before (no word index)" if args.before else "with the word index"
    how += ", every row new" if args.fresh else ""
    print(f"{connection.vendor}, {how}: {result['written']} streams rewritten in "
          f"{result['cpu']:.1f} s CPU ({result['wall']:.1f} s wall, load {load:.1f} → "
          f"{os.getloadavg()[0]:.1f}); {result['rows']} index rows")  # fmt: skip


if __name__ == "__main__":
    main()
