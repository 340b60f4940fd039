"""A full recompute's store gives way to a save a user is waiting for.

While a full recompute stores its rows, the worker kept for the interactive queue shows each
saved stream at once (:func:`symbiose.matching.worker._show_in_store`). On a 2-core host that
refresh (niceness 5) shares the cores with the recompute's process and its two forked row
builders (niceness 10): three processes to its one, so a show that needs 0.7 s of CPU at
100 000 streams took several seconds of wall time. The recompute cannot stop half-way, but
between two parts of its store it can wait: :class:`GiveWay` pauses it while a save is
pending and a refresh task runs on another worker. Its forked builders then finish the few
parts in flight and wait too. The pauses are bounded in all (:data:`BUDGET`), so a refresh
task left marked running by a killed worker costs at most that.
"""

from __future__ import annotations

import time

from django_tasks_db.models import DBTaskResult, TaskResultStatus

from symbiose.matching.models import Change

#: Seconds a full recompute pauses in all, at most, for saves being shown.
BUDGET = 30.0
#: Seconds between two looks while paused.
POLL = 0.05
REFRESH_TASK = "symbiose.matching.tasks.refresh_candidates"


def refresh_waits() -> bool:
    """Whether a save waits to be shown and another worker is running a refresh now."""
    if not Change.objects.pending().exists():
        return False
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=REFRESH_TASK)
    return running.exists()


class GiveWay:
    """Call between two parts of a store: returns once no save waits for a running refresh
    (at once, usually: two indexed queries), or when the budget is spent. ``paused`` says how
    long it waited in all, for the log. Turned off (``active`` False) when no fit is stored
    yet: a refresh then waits for this recompute, it does not show anything."""

    def __init__(self, active: bool = True, budget: float = BUDGET) -> None:
        self.active, self.left, self.paused, self.times = active, budget, 0.0, 0

    def __call__(self) -> None:
        if not self.active or self.left <= 0 or not refresh_waits():
            return
        start = time.perf_counter()
        self.times += 1
        while time.perf_counter() - start < self.left:
            time.sleep(POLL)
            if not refresh_waits():
                break
        took = time.perf_counter() - start
        self.paused += took
        self.left -= took
