"""Whether a timing taken on this shared machine can be judged: which processes used the
cores while it ran, and how long ours waited for one (issue 13: web p95 during a recompute).

Reads ``/proc`` only (Linux): each process's CPU (``stat``), the time it spent runnable but
waiting for a core (``schedstat``), and the whole machine's busy time (``/proc/stat``).
:class:`Window` takes these at the start and the end of a phase and says how many cores the
web workers, the task worker (with the pool processes it forked) and everything else used,
whether the machine was saturated, and whether the web figures are the product's own (not
the neighbours'): a wall-time percentile measured while other work holds the cores says
more about that work than about the pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
#: The machine counts as saturated when its cores were busy this share of the time.
SATURATED_BUSY = 0.90
#: Other work (not the web or task workers) above this many cores makes the wall times the
#: neighbours' as much as the product's: the p95 is then not judged.
OTHERS_LIMIT = 0.25


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(pid: int) -> list[int]:
    """The live descendants of ``pid``."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(k) for k in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            continue
        out += kids
        todo += kids
    return out


def cpu(pid: int, *, tree: bool = True) -> float:
    """CPU seconds of ``pid`` (with ``tree``: with its live descendants and the children it
    has reaped, such as a recompute's finished pool processes)."""
    total = 0.0
    for p in [pid, *(children(pid) if tree else [])]:
        try:
            f = _stat(p)
        except OSError:
            continue
        total += int(f[11]) + int(f[12]) + (int(f[13]) + int(f[14]) if tree and p == pid else 0)
    return total / TICK


def waited(pids: list[int]) -> float:
    """Seconds the processes ``pids`` spent runnable, waiting for a core."""
    total = 0
    for p in pids:
        try:
            total += int(Path(f"/proc/{p}/schedstat").read_text().split()[1])
        except OSError:
            continue
    return total / 1e9


def machine_busy() -> tuple[float, float]:
    """(busy, total) core-seconds of the whole machine since boot."""
    f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = f[3] + f[4]  # idle, iowait
    return (sum(f[:8]) - idle) / TICK, sum(f[:8]) / TICK


@dataclass
class Window:
    """CPU accounting of one phase: ``web`` is the gunicorn master (its workers count),
    ``worker`` the task worker (its pool counts)."""

    web: int
    worker: int
    start: dict = field(default_factory=dict)

    def _take(self) -> dict:
        web_pids = children(self.web)
        busy, total = machine_busy()
        return {"web": sum(cpu(p, tree=False) for p in web_pids), "worker": cpu(self.worker),
                "web_wait": waited(web_pids), "busy": busy, "total": total,
                "load": os.getloadavg()[0]}  # fmt: skip

    def begin(self) -> None:
        self.start = self._take()

    def end(self, loads: list[float]) -> dict:
        """The phase's figures; ``loads``: 1-minute load averages sampled during it."""
        now, s = self._take(), self.start
        cores = os.cpu_count() or 1
        wall = (now["total"] - s["total"]) / cores
        busy = (now["busy"] - s["busy"]) / max(wall, 1e-9)
        web, worker = now["web"] - s["web"], now["worker"] - s["worker"]
        others = max(0.0, busy - (web + worker) / max(wall, 1e-9))
        out = {"cores": cores, "wall": wall, "busy_cores": busy, "web_cpu": web,
               "worker_cpu": worker, "others_cores": others,
               "web_wait": now["web_wait"] - s["web_wait"]}  # fmt: skip
        loads = loads or [now["load"]]
        out["load_min"], out["load_max"] = min(loads), max(loads)
        out["saturated"] = busy >= SATURATED_BUSY * cores or out["load_max"] >= cores
        out["judged"] = others <= OTHERS_LIMIT
        return out


def describe(m: dict) -> str:
    """The figures of :meth:`Window.end` in a few lines of Markdown."""
    wall = max(m["wall"], 1e-9)
    lines = [
        f"- machine: {m['cores']} cores, busy {m['busy_cores']:.2f} cores on average over "
        f"{m['wall']:.0f} s; load {m['load_min']:.1f}–{m['load_max']:.1f}",
        f"- web workers: {m['web_cpu']:.1f} s CPU ({m['web_cpu'] / wall:.2f} cores); they "
        f"waited {m['web_wait']:.1f} s for a core",
        f"- task worker (with its pool): {m['worker_cpu']:.1f} s CPU "
        f"({m['worker_cpu'] / wall:.2f} cores)",
        f"- other work on the machine: {m['others_cores']:.2f} cores",
        f"- **saturated: {'yes' if m['saturated'] else 'no'}** (busy ≥ "
        f"{SATURATED_BUSY:.0%} of the cores, or load ≥ {m['cores']}); **p95 judged: "
        f"{'yes' if m['judged'] else 'no'}** (other work ≤ {OTHERS_LIMIT} cores"
        f"{'' if m['judged'] else ': the wall times are partly the neighbours’'})",
    ]
    return "\n".join(lines)
