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

import ctypes
import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_TASK: dict[str, Any] = {}  # the function, inherited by forked workers
_PR_SET_PDEATHSIG = 1  # prctl(2)


def _child_init(parent: int) -> None:
    """Pool workers end on SIGTERM, SIGINT and SIGQUIT, whatever handler the parent installed
    (a task worker's shutdown handler would otherwise run in them too, and the pool would wait
    for them). The parent, interrupted, leaves its ``with`` block, which terminates them.

    They also end with the parent when it is gone without that clean-up (killed, or a second
    stop signal): on Linux the kernel sends them SIGKILL (``PR_SET_PDEATHSIG``). Left alive,
    each failed to write its result to the closed pipe and printed a ``BrokenPipeError``
    traceback into the worker's log."""
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_DFL)
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent (pid ``parent``) ends (elsewhere:
    nothing)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: orphans finish their item and end
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(0)


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
        with mp.get_context("fork").Pool(
            workers, initializer=_child_init, initargs=(os.getpid(),)
        ) as pool:
            parts = pool.map(_call, chunks, chunksize=1)
    finally:
        _TASK.clear()
    return [r for part in parts for r in part]


class ForkPipeline:
    """Results of ``fn`` over a stream of items, in order, from ``workers`` forked processes.

    The processes are forked on entering the ``with`` block, so they see the parent's state
    as it is then (an engine and its selection). :meth:`map` keeps at most ``ahead`` items
    in flight, so while the parent consumes one result (writes it to a database) the workers
    compute the next few, and memory holds only those. Runs serially, in the parent, under
    the same conditions as :func:`fork_map` or with one worker.

    Examples
    --------
    >>> with ForkPipeline(abs, workers=1) as pipe:
    ...     list(pipe.map([-1, 2, -3]))
    [1, 2, 3]
    """

    def __init__(self, fn: Callable, workers: int, ahead: int | None = None) -> None:
        self.fn, self.workers = fn, workers
        self.ahead = ahead or workers + 1
        self.pool = None

    def __enter__(self) -> ForkPipeline:
        serial = (self.workers <= 1 or "fork" not in mp.get_all_start_methods()
                  or mp.current_process().daemon or _TASK)  # fmt: skip
        if not serial:
            _TASK["fn"] = self.fn
            self.pool = mp.get_context("fork").Pool(
                self.workers, initializer=_child_init, initargs=(os.getpid(),)
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
            _TASK.clear()

    def map(self, items) -> Iterator:
        """``fn(x)`` for each of ``items``, in order."""
        if self.pool is None:
            yield from map(self.fn, items)
            return
        pending: deque = deque()
        for x in items:
            pending.append(self.pool.apply_async(_call, ([x],)))
            if len(pending) > self.ahead:
                yield pending.popleft().get()[0]
        while pending:
            yield pending.popleft().get()[0]
