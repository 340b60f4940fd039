from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "symbiose.matching"
    label = "matching"

    def ready(self) -> None:
        import os

        from symbiose.registry.signals import stream_changed, streams_bulk_changed

        if os.environ.get("SYMBIOSE_MATCH_ON_SAVE", "1") == "0":
            return  # batch jobs (evaluation, bulk loads) match once at the end

        stream_changed.connect(_on_stream_changed, dispatch_uid="matching-refresh")
        streams_bulk_changed.connect(_on_bulk_changed, dispatch_uid="matching-recompute")


def _on_stream_changed(sender, stream_id: int, **kwargs) -> None:
    """Keep candidates current: refresh the changed stream's pairs right after commit."""
    from symbiose.matching.actions import do_refresh_stream

    do_refresh_stream(stream_id)


def _on_bulk_changed(sender, **kwargs) -> None:
    """After an import: recompute all candidates once instead of stream by stream."""
    from symbiose.matching.actions import do_recompute_all

    do_recompute_all()
