"""Signals of the matching app.

``candidates_stored`` is sent by the actions that store candidates *outside* a task
(:func:`~symbiose.matching.actions.do_recompute_all` and
:func:`~symbiose.matching.actions.do_refresh_stream`: ``symbiose match``, ``symbiose demo``,
tests), with ``full=True`` after a full recompute. Task passes need no signal of their own:
django-tasks' ``task_finished`` follows them. Impact, above matching, listens to both to queue
a valuing pass.

``worker_ready`` is sent by ``symbiose task_worker`` once its engine is up, before it takes
a task: a started worker is how a deploy shows (impact queues one valuing pass when the code
or factors values are computed from changed).
"""

from __future__ import annotations

from django.dispatch import Signal

candidates_stored = Signal()
worker_ready = Signal()
