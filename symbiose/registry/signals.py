"""Signals the registry sends so other apps can react without the registry knowing them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.dispatch import Signal

#: Sent after commit when a stream was created, edited or archived (kwargs: stream_id).
stream_changed = Signal()
#: Sent inside the writing transaction (so a listener's rows commit or roll back with it) when
#: a stream changed (kwargs: ``stream_id``) or an organisation's location or NACE code changed
#: (``organisation_id``: all its streams look different to matching). Held back in bulk.
registry_written = Signal()
#: Sent after commit when many streams changed at once (an import): recompute, don't refresh.
streams_bulk_changed = Signal()
#: Sent inside the writing transaction when the area that hidden owners are named by changed
#: for some organisations (kwargs: ``organisation_ids``, ``bulk``; ``registry.area``).
area_levels_changed = Signal()

_bulk: ContextVar[bool] = ContextVar("registry_bulk", default=False)


def in_bulk() -> bool:
    """Whether per-stream notifications are held back by :func:`bulk_changes`."""
    return _bulk.get()


@contextmanager
def bulk_changes() -> Iterator[None]:
    """Hold back ``stream_changed`` and send one ``streams_bulk_changed`` after commit.
    Bulk writes send no model signals, so the areas hidden owners are named by
    (``registry.area``) are stored here, once, in the writing transaction."""
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)
    refresh_areas(bulk=True)
    transaction.on_commit(lambda: streams_bulk_changed.send(sender=None))


def refresh_areas(*, bulk: bool = False) -> list[int]:
    """Store every organisation's area level and send :data:`area_levels_changed` for those
    that changed (``bulk``: at the end of :func:`bulk_changes`, whose listeners catch up
    after commit); returns their ids."""
    from symbiose.registry.actions import do_store_area_levels

    changed = do_store_area_levels()
    if changed:
        area_levels_changed.send(sender=None, organisation_ids=changed, bulk=bulk)
    return changed
