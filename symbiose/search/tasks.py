"""Background work of the search app: checking watches (run by ``symbiose db_worker``)."""

from __future__ import annotations

from django_tasks import task

from symbiose.search.watches import check_all


@task()
def check_watches(stream_ids: list[int] | None = None, watch_ids: list[int] | None = None) -> int:
    """Check watches against changed streams (all streams when none are given); returns how
    many notifications were made."""
    return check_all(stream_ids=stream_ids, watch_ids=watch_ids)
