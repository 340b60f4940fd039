"""Wall and CPU seconds of a full recompute's stages, for the worker's log."""

from __future__ import annotations

import os
import time


def _peak_mb() -> int:
    """This process's peak resident memory so far (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(x.split()[1]) // 1024 for x in fh if x.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


class Stages:
    """Wall and CPU seconds (this process and its finished forks) per stage, for the log."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.last = self._now()

    @staticmethod
    def _now() -> tuple[float, float]:
        t = os.times()
        return time.perf_counter(), t.user + t.system + t.children_user + t.children_system

    def __call__(self, name: str) -> None:
        now = self._now()
        wall, cpu = now[0] - self.last[0], now[1] - self.last[1]
        self.parts.append(f"{name} {wall:.1f} s ({cpu:.1f} s CPU, peak {_peak_mb()} MB)")
        self.last = now

    def __str__(self) -> str:
        return ", ".join(self.parts)
