"""The store stage's database side alone: a full recompute's rows written into an empty table.

Usage: ``.venv/bin/python benchmarks/store_insert.py DATA [--profile] [--runs N]``, where
``DATA`` is a data folder whose candidates a full recompute stored (``queue_scale.py N
--phases recompute --recomputes 1`` prints it). The stored rows are read once, in the order
of their ids (the order the recompute wrote them), as the tuples the recompute's forked
builders send (``rows.COLUMNS``); then, for each run, a copy of the database with the
candidates deleted is written through
:func:`~symbiose.matching.actions.do_store_recompute`, the parts fed from memory as the
forks would give them (20 000 rows each, every row new: the first recompute after an
import). Only the parent's database work is timed: the short write transactions, the
inserts, the commits and their checkpoints, each transaction's claim check and lease.

Prints CPU (``time.process_time``) and wall seconds per run and µs a row, and checks that
the stored table afterwards says byte for byte what the source said (SHA-256 of every
column but ``id``, ``computed_at``). ``--profile`` runs cProfile with the CPU clock;
``--keep-fit`` keeps the source's stored text fit (by default it is blanked, as before the
first recompute of a new registry); ``--code DIR`` measures another checkout's code.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import os
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

#: The checkout whose code is measured (``--code``: another one, for before and after).
ROOT = Path(__file__).resolve().parent.parent
PART = 20_000  # pairs per part of a recompute (engine MATCH_BATCH)
SELECT = ("SELECT offer_id, need_id, score, feasible, distance_km, intra_company, components, "
          "reasons, rank, by_offer, by_need, digest, basis FROM matching_candidate")  # fmt: skip


def table_digest(db: Path) -> tuple[int, str]:
    """Rows and SHA-256 of what the candidates say (not ``id`` or ``computed_at``)."""
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    n = 0
    for row in con.execute(SELECT + " ORDER BY offer_id, need_id"):
        h.update(repr(row).encode())
        n += 1
    con.close()
    return n, h.hexdigest()


def source_rows(db: Path) -> list[tuple]:
    """The stored rows in the order they were written, as the forks send them."""
    con = sqlite3.connect(db)
    out = [
        (o, n, s, bool(f), d, bool(i), c, r, k, bool(bo), bool(bn), dg, b)
        for o, n, s, f, d, i, c, r, k, bo, bn, dg, b in con.execute(SELECT + " ORDER BY id")
    ]
    con.close()
    return out


def emptied(data: Path, folder: Path, keep_fit: bool) -> None:
    """A copy of ``data``'s database in ``folder``, with no candidates, checkpointed."""
    for old in folder.glob("symbiose.sqlite3*"):
        old.unlink()
    src = sqlite3.connect(data / "symbiose.sqlite3")
    dst = sqlite3.connect(folder / "symbiose.sqlite3")
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("DELETE FROM matching_candidate")
    dst.execute("UPDATE matching_matchstate SET storing = '', storing_seen = NULL")
    if not keep_fit:  # as before the first recompute after an import: no fit stored yet
        dst.execute("UPDATE matching_matchstate SET vectoriser = '{}'")
    dst.commit()
    dst.execute("VACUUM")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dst.close()


def run(rows: list[tuple], profile: bool) -> tuple[float, float, int]:
    """One store of ``rows`` through ``do_store_recompute``; (CPU s, wall s, transactions)."""
    from symbiose.matching import actions

    parts = [rows[k : k + PART] for k in range(0, len(rows), PART)]

    def given(stored):
        for part in parts:
            pairs = (np.array([r[0] for r in part]) << 32) | np.array([r[1] for r in part])
            assert not stored.lookup(pairs).found.any()
            yield part, [], []

    steps = actions.StoreSteps()
    prof = cProfile.Profile(time.process_time) if profile else None
    cpu, wall = time.process_time(), time.perf_counter()
    if prof:
        prof.enable()
    actions.do_store_recompute(given, [], {"terms": []}, "probe", steps=steps)
    if prof:
        prof.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    return cpu, wall, steps.count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep-fit", action="store_true",
                        help="keep the stored text fit (a later recompute)")  # fmt: skip
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    args = parser.parse_args()
    source = args.data / "symbiose.sqlite3"
    want = table_digest(source)
    rows = source_rows(source)
    print(f"{len(rows)} rows; source {want[1][:16]}…; load {os.getloadavg()[0]:.1f}")
    folder = Path(tempfile.mkdtemp(prefix="store-insert-", dir="/tmp"))
    os.environ.update(SYMBIOSE_DATA_DIR=str(folder), SYMBIOSE_SECRET_KEY="b" * 50,
                      DJANGO_SETTINGS_MODULE="symbiose.settings")  # fmt: skip
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(args.code.resolve()))
    import django

    django.setup()
    from django.db import connection

    import symbiose

    print(f"code of {Path(symbiose.__file__).parent.parent}")

    for _ in range(args.runs):
        emptied(args.data, folder, args.keep_fit)
        connection.close()
        cpu, wall, count = run(rows, args.profile)
        connection.close()
        got = table_digest(folder / "symbiose.sqlite3")
        same = "same rows" if got == want else f"DIFFERENT rows {got[0]} {got[1][:16]}"
        print(f"store: {cpu:.2f} s CPU, {wall:.2f} s wall, {cpu / len(rows) * 1e6:.1f} µs a "
              f"row CPU, {count} transactions; {same}; load {os.getloadavg()[0]:.1f}")  # fmt: skip
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
