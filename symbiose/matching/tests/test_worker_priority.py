"""A task worker runs below the web: a full recompute leaves the cores to page requests."""

from __future__ import annotations

import multiprocessing as mp
import os

from symbiose.matching.management.commands.task_worker import DEFAULT_NICE, lower_priority


def _niceness_in_pool(_x: int) -> int:
    return os.nice(0)


def _worker(conn, nice: int) -> None:
    """In a child process (never the test's own): lower the priority, then report the
    niceness of this process, of a pool process it forks and after asking for less."""
    start = os.nice(0)
    got = lower_priority(nice)
    with mp.get_context("fork").Pool(1) as pool:
        in_pool = pool.map(_niceness_in_pool, [0])[0]
    again = lower_priority(nice - 5)
    conn.send((start, got, in_pool, again, os.nice(0)))


def test_a_task_worker_and_its_pool_run_at_the_lower_priority_and_never_raise_it():
    parent, child = mp.get_context("fork").Pipe()
    process = mp.get_context("fork").Process(target=_worker, args=(child, DEFAULT_NICE))
    process.start()
    start, got, in_pool, again, final = parent.recv()
    process.join()
    expected = max(start, DEFAULT_NICE)
    assert (got, in_pool) == (expected, expected)
    assert again == final == expected  # asking for less never raises the priority back
    assert expected > 0
