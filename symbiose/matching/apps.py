from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "symbiose.matching"
    label = "matching"

    def ready(self) -> None:
        import os

        from symbiose.registry.signals import registry_written, streams_bulk_changed

        if os.environ.get("SYMBIOSE_MATCH_ON_SAVE", "1") == "0":
            return  # batch jobs (evaluation, bulk loads) match once at the end

        registry_written.connect(_on_written, dispatch_uid="matching-change-log")
        streams_bulk_changed.connect(_on_bulk_changed, dispatch_uid="matching-recompute")


def _on_written(sender, stream_id: int | None = None, organisation_id: int | None = None,
                **kwargs) -> None:  # fmt: skip
    """Inside the registry's transaction: log the change; after commit, wake a worker."""
    from django.db import transaction

    from symbiose.matching.actions import do_log_change
    from symbiose.matching.tasks import enqueue_refresh

    do_log_change(stream_id=stream_id, organisation_id=organisation_id)
    transaction.on_commit(enqueue_refresh)


def _on_bulk_changed(sender, **kwargs) -> None:
    """After an import: one full recompute in a worker instead of stream by stream."""
    from symbiose.matching.tasks import enqueue_recompute

    enqueue_recompute()
