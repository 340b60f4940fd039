"""Signals the resources app sends, so watches (search) can react without this app knowing.

``composition_changed`` is sent after commit when a stream's composition rows were replaced
and differ from before (kwargs: ``stream_id``, ``previous`` and ``current``, each a list of
``{"substance", "content", "unit", "mass_fraction"}`` dicts). Receivers must read the stream
through the access functions before telling anyone: the rows may be hidden from them.
"""

from django.dispatch import Signal

composition_changed = Signal()
