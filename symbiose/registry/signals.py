"""Signals the registry sends so other apps can react without the registry knowing them."""

from django.dispatch import Signal

#: Sent after commit when a stream was created, edited or archived (kwargs: stream_id).
stream_changed = Signal()
