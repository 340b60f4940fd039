"""Whether a hub's stored pair rows (:class:`~symbiose.facilitation.models.HubPair`) are
current, and the candidates they copy.

The rows are current when they were built at the matching pass the stored candidates are at
now (every write of candidates moves ``MatchState.pass_no`` on, in the same transaction) and
from the hub's streams as they are now (members joining or leaving, streams added). Pages ask
:func:`current` and read the rows only then; otherwise they read the candidates as before, so
a stale row costs time, never a wrong answer. Who may see a row is never stored: pages test
it on every read (``facilitation/ranking.py``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Q, QuerySet

from symbiose.facilitation import shared
from symbiose.facilitation.models import Hub, HubPairState
from symbiose.matching.models import Candidate, MatchState
from symbiose.registry.models import Stream


def hub_stream_ids(hub: Hub) -> QuerySet:
    """Ids of the streams of the hub's members (archived ones too, as the candidate query),
    unordered: the streams' default order joined the organisations and sorted every row."""
    return Stream.objects.filter(organisation__hubs=hub).order_by().values("id")


def streams_digest(hub: Hub) -> str:
    """A digest of the ids of the hub's streams (one index read of the hub's members)."""
    ids = sorted(hub_stream_ids(hub).values_list("id", flat=True))
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()


def stamp(hub: Hub) -> tuple[int, str]:
    """(matching pass, streams digest) as they are now: what current rows were built from."""
    return MatchState.current().pass_no, streams_digest(hub)


def current(hubs: list[Hub]) -> bool:
    """Whether every hub of ``hubs`` has pair rows built from the candidates and streams as
    they are now."""
    if not hubs:
        return True
    states = {s.hub_id: s for s in HubPairState.objects.filter(hub__in=hubs)}
    if len(states) < len(hubs):
        return False
    pass_no = MatchState.current().pass_no
    for hub in hubs:
        state = states[hub.pk]
        if state.pass_no != pass_no or state.streams != kept_digest(hub):
            return False
    return True


def kept_digest(hub: Hub) -> str:
    """:func:`streams_digest`, kept per process until the hub's member streams change
    (``shared.stamp``: membership rows, the members' streams' count and last write). The
    digest depends on those ids alone, whoever asks. Reading, sorting and hashing the 10 000
    ids of a hub at 100 000 streams cost 10–19 ms on every hub page; the stamp reads three
    indexes (about 4 ms there)."""
    return shared.kept("hub-stream-ids", [hub], lambda: streams_digest(hub))


def source_rows(hub: Hub) -> QuerySet[Candidate]:
    """The candidates a hub's pair rows copy: a side among the hub's streams, not within one
    company (``access.hub_candidate_rows`` before the viewer's visibility)."""
    streams = hub_stream_ids(hub)
    return Candidate.objects.filter(intra_company=False).filter(
        offer_id__in=streams
    ) | Candidate.objects.filter(intra_company=False, need_id__in=streams)


def touching(hub: Hub, streams: set[int]) -> list[tuple[int, int, bool]]:
    """(offer id, need id, feasible) of the hub's pairs with a side among ``streams`` (a
    few ids), read from the candidates through their index of each side, not from the pair
    rows (whose one index is in the hub's ranked order): the pairs the rows copy, as long
    as they are current (every write of candidates moves the matching pass on)."""
    if not streams:
        return []
    ids = sorted(streams)
    found = list(
        Candidate.objects.filter(intra_company=False)
        .filter(Q(offer_id__in=ids) | Q(need_id__in=ids))
        .order_by()
        .values_list("offer_id", "need_id", "feasible")
    )
    sides = sorted({s for row in found for s in row[:2]})
    members = set(hub_stream_ids(hub).filter(id__in=sides).values_list("id", flat=True))
    return [row for row in found if row[0] in members or row[1] in members]


#: The columns of a pair row, in the order of :func:`columns`' tuples.
COLUMNS = ("hub_id", "candidate_id", "offer_id", "need_id", "feasible", "score")


def columns(hub: Hub) -> list[tuple[Any, ...]]:
    """The source rows as the tuples a pair row stores, in :data:`COLUMNS` order (read in
    full first: PostgreSQL's ``COPY`` cannot share its connection with an open cursor)."""
    found = source_rows(hub).values_list("pk", "offer_id", "need_id", "feasible", "score")
    return [(hub.pk, *row) for row in found]
