"""Signals the resources app sends, so watches (search) can react without this app knowing.

``composition_changed`` is sent after commit when a stream's composition rows were replaced
and differ from before (kwargs: ``stream_id``, ``previous`` and ``current``, each a list of
``{"substance", "content", "unit", "mass_fraction"}`` dicts). Receivers must read the stream
through the access functions before telling anyone: the rows may be hidden from them.

``composition_written`` is sent inside the writing transaction whenever a stream's rows were
replaced (kwargs: ``stream_id``), so derived copies (search's stored columns) are rewritten
in the same transaction.
"""

from django.dispatch import Signal

composition_changed = Signal()
composition_written = Signal()
