"""The forked map finishes even in a process whose SIGTERM handler does not exit (a task
worker's graceful shutdown): the pool's workers are ended with SIGTERM."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import signal
from symbiose.matching.engine.parallel import fork_map
signal.signal(signal.SIGTERM, lambda *a: None)  # like a task worker: finish the task first
for _ in range(5):  # without the fix the pool hangs within a few calls
    print(sum(fork_map(abs, range(-5000, 5000), workers=2, min_items=10)))
"""


def test_fork_map_returns_when_the_parent_ignores_sigterm():
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         timeout=60, check=True)  # fmt: skip
    assert out.stdout.split() == [str(sum(abs(x) for x in range(-5000, 5000)))] * 5


ORPHANS = """
import os, time
from symbiose.matching.engine.parallel import ForkPipeline

def slow(x):
    time.sleep(0.3)
    return b"x" * 4_000_000  # more than a pipe holds: written while the parent is gone

with ForkPipeline(slow, workers=2) as pipe:
    items = pipe.map(range(8))
    next(items)
    os._exit(0)  # the worker ends at once (a second stop signal, a kill): no clean-up
"""


def test_pool_processes_left_by_a_stopped_worker_end_without_a_traceback():
    out = subprocess.run([sys.executable, "-c", ORPHANS], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert out.returncode == 0
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr, out.stderr
