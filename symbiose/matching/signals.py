"""Signals of the matching app.

``candidates_stored`` is sent by the actions that store candidates *outside* a task
(:func:`~symbiose.matching.actions.do_recompute_all` and
:func:`~symbiose.matching.actions.do_refresh_stream`: ``symbiose match``, ``symbiose demo``,
tests), with ``full=True`` after a full recompute. Task passes need no signal of their own:
django-tasks' ``task_finished`` follows them. Impact, above matching, listens to both to queue
a valuing pass.
"""

from __future__ import annotations

from django.dispatch import Signal

candidates_stored = Signal()
