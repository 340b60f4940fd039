"""Ordered map over forked worker processes, for the engine's embarrassingly parallel steps.

Feature extraction and ``match_all`` block scoring are split across ``EngineConfig.workers``
processes. Workers are forked, so they see the parent's state without pickling it; only the
items and results travel. Results come back in input order and every item is computed exactly
as in a serial run, so the output is identical whatever the number of workers. Falls back to a
serial map when fork is unavailable, in a daemonic process, or for small inputs.

Examples
--------
>>> fork_map(abs, [-1, 2, -3], workers=2, min_items=10)  # small: runs serially
[1, 2, 3]
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Callable, Sequence
from typing import Any

_TASK: dict[str, Any] = {}  # the function, inherited by forked workers


def _child_init() -> None:
    """Pool workers end on SIGTERM, whatever handler the parent installed (a task worker's
    graceful-shutdown handler would otherwise keep them alive and the pool waiting forever)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _call(chunk):
    fn = _TASK["fn"]
    return [fn(x) for x in chunk]


def fork_map(fn: Callable, items: Sequence, workers: int, min_items: int = 1000,
             chunks_per_worker: int = 8) -> list:  # fmt: skip
    """``[fn(x) for x in items]``, computed by ``workers`` forked processes when worthwhile.

    Parameters
    ----------
    fn : callable
        Any callable (closures allowed: it is inherited through fork, not pickled); its
        results must be picklable.
    items : sequence
        Inputs (picklable).
    workers : int
        Number of processes; 1 or less runs serially.
    min_items : int
        Below this many items the map runs serially.
    chunks_per_worker : int
        Items are sent in about this many chunks per worker (in order).

    Returns
    -------
    list
        The results in input order.
    """
    items = list(items)
    serial = (
        workers <= 1
        or len(items) < min_items
        or "fork" not in mp.get_all_start_methods()
        or mp.current_process().daemon
        or _TASK
    )
    if serial:
        return [fn(x) for x in items]
    size = max(1, -(-len(items) // (workers * chunks_per_worker)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _TASK["fn"] = fn
    try:
        with mp.get_context("fork").Pool(workers, initializer=_child_init) as pool:
            parts = pool.map(_call, chunks, chunksize=1)
    finally:
        _TASK.clear()
    return [r for part in parts for r in part]
