"""``symbiose task_worker``: ``db_worker`` that loads its matching engine before claiming tasks.

A worker's first refresh pass would otherwise build the engine inside the first task, so the
first stream saved after a start waits for it (minutes at 100 000 streams). This command
brings the engine up first (from the local snapshot when there is one, see
:mod:`symbiose.matching.snapshot`) and then runs the ordinary ``db_worker`` loop, with every
option of ``db_worker``. Then it sends ``worker_ready`` (after a deploy, impact queues one
valuing pass there). It is Symbiose's ``db_worker`` (:mod:`symbiose.taskworker`), so a stop
signal interrupts a running recompute at once and queues it again; it was the library's,
which finished the recompute first (minutes at 100 000 streams).

It runs at a lower CPU priority than the web (``--nice``, default ``SYMBIOSE_WORKER_NICE`` or
10; the processes a recompute forks inherit it): on a host that also serves pages, a full
recompute then takes the cores only when no request wants them, so page times stay near
their quiet figures while it runs (``docs/benchmarks.md``, issue 13). Background work has no
user waiting on each step; a page has.
"""

from __future__ import annotations

import os
import time

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from symbiose.matching import worker
from symbiose.matching.signals import worker_ready
from symbiose.taskworker.management.commands import db_worker

#: The niceness a task worker runs at unless told otherwise (0 is a web process's own).
DEFAULT_NICE = 10


def lower_priority(nice: int) -> int:
    """Raise this process's niceness to ``nice`` (never lower it: that needs privileges) and
    return the niceness it runs at. Children forked later (a recompute's pool) inherit it."""
    now = os.nice(0)
    if nice > now:
        now = os.nice(min(nice, 19) - now)
    return now


class Command(db_worker.Command):
    help = _("Run a task worker whose matching engine is loaded before it takes tasks.")

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--nice",
            type=int,
            default=int(os.environ.get("SYMBIOSE_WORKER_NICE", DEFAULT_NICE)),
            help=_("CPU niceness of the worker and its pools (default 10: pages come first)."),
        )

    def handle(self, *args, **options) -> None:
        lower_priority(options.pop("nice"))
        start = time.perf_counter()
        how = worker.warm_up()
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                gettext("Matching engine ready (%(how)s) in %(seconds).1f s.")
                % {"how": how, "seconds": time.perf_counter() - start}
            )
        worker_ready.send(sender=self.__class__)
        super().handle(*args, **options)
