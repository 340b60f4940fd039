"""Registry writes wake the watch check: after commit, a worker checks the changed streams.

Nothing is queued while nobody watches anything, so registry writes cost nothing extra then.
"""

from __future__ import annotations

from django.db import transaction


def connect() -> None:
    from symbiose.registry.signals import registry_written, streams_bulk_changed
    from symbiose.resources.signals import composition_changed

    registry_written.connect(_on_written, dispatch_uid="search-watches")
    streams_bulk_changed.connect(_on_bulk, dispatch_uid="search-watches-bulk")
    composition_changed.connect(_on_composition, dispatch_uid="search-watches-composition")


def _on_written(sender, stream_id: int | None = None, organisation_id: int | None = None,
                **kwargs) -> None:  # fmt: skip
    from symbiose.registry.models import Stream
    from symbiose.search.models import Watch

    if not Watch.objects.exists():
        return
    if stream_id is not None:
        ids = [stream_id]
    else:
        ids = list(Stream.objects.filter(organisation_id=organisation_id)
                   .values_list("pk", flat=True))  # fmt: skip
    transaction.on_commit(lambda: _enqueue(ids))


def _on_composition(sender, stream_id: int | None = None, **kwargs) -> None:
    """After commit (the resources app sends it then): check the stream's watches."""
    from symbiose.search.models import Watch

    if stream_id is not None and Watch.objects.exists():
        _enqueue([stream_id])


def _on_bulk(sender, **kwargs) -> None:
    from symbiose.search.models import Watch

    if Watch.objects.exists():
        _enqueue(None)


def _enqueue(stream_ids: list[int] | None) -> None:
    from symbiose.search.tasks import check_watches

    check_watches.enqueue(stream_ids=stream_ids)


def enqueue_full_watch_check() -> None:
    """Queue a check of every watch against every stream (``symbiose send_alerts`` does, to
    catch what changes visibility without a stream write: disclosures, hub membership)."""
    from symbiose.search.models import Watch

    if Watch.objects.exists():
        _enqueue(None)
