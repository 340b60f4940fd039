"""``symbiose task_worker``: ``db_worker`` that loads its matching engine before claiming tasks.

A worker's first refresh pass would otherwise build the engine inside the first task, so the
first stream saved after a start waits for it (minutes at 100 000 streams). This command
brings the engine up first (from the local snapshot when there is one, see
:mod:`symbiose.matching.snapshot`) and then runs the ordinary ``db_worker`` loop, with every
option of ``db_worker``. Then it sends ``worker_ready`` (after a deploy, impact queues one
valuing pass there). It is Symbiose's ``db_worker`` (:mod:`symbiose.taskworker`), so a stop
signal interrupts a running recompute at once and queues it again; it was the library's,
which finished the recompute first (minutes at 100 000 streams).
"""

from __future__ import annotations

import time

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from symbiose.matching import worker
from symbiose.matching.signals import worker_ready
from symbiose.taskworker.management.commands import db_worker


class Command(db_worker.Command):
    help = _("Run a task worker whose matching engine is loaded before it takes tasks.")

    def handle(self, *args, **options) -> None:
        start = time.perf_counter()
        how = worker.warm_up()
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                gettext("Matching engine ready (%(how)s) in %(seconds).1f s.")
                % {"how": how, "seconds": time.perf_counter() - start}
            )
        worker_ready.send(sender=self.__class__)
        super().handle(*args, **options)
