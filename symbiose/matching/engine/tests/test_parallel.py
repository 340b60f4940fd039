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
