"""Task workers value every stored candidate ahead of the pages (see :mod:`.stored`).

For each candidate pair the views that pages ask for are valued: everything visible (the
platform, admins, facilitators of both organisations), the offer's owner (the need's marked
fields hidden) and the need's owner (the offer's marked fields hidden). A viewer with another
view (an outsider, a company with some fields disclosed to it) gets the value computed in the
request. Candidates are read in batches of :data:`BATCH`; a pair is valued again only when
its stamp changed, so a pass after a small refresh values only the changed streams' pairs.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from symbiose.impact.actions import (
    do_drop_orphan_values,
    do_record_valuing,
    do_store_pair_values,
)
from symbiose.impact.adapter import factor_set, try_assess_pair
from symbiose.impact.models import PairValue, ValuationState
from symbiose.impact.stored import (
    Headline,
    analysis_stamps,
    factors_version,
    hidden_of,
    stamp,
    value_view,
)
from symbiose.matching.models import Candidate
from symbiose.registry.models import Stream
from symbiose.resources.models import CompositionRow

BATCH = 1000
#: How far back a pass looks again for writes that committed while the last one ran.
MARGIN = datetime.timedelta(minutes=5)


def views_of(offer: Stream, need: Stream, *, analysed: bool = True) -> list[str]:
    """The views of a pair that pages ask for (see the module's docstring), without repeats
    (``analysed``: the offer has composition rows; see :func:`~.stored.value_view`)."""
    marked_offer = frozenset(offer.sensitive_fields or ())
    marked_need = frozenset(need.sensitive_fields or ())
    keys = (value_view((), (), analysed=analysed), value_view((), marked_need, analysed=analysed),
            value_view(marked_offer, (), analysed=analysed))  # fmt: skip
    return list(dict.fromkeys(keys))


class Passed(NamedTuple):
    """What a valuing pass did: values stored, pairs looked at, and whether it finished."""

    stored: int
    looked: int
    finished: bool


def value_stale(
    *,
    full: bool = False,
    prune: bool = False,
    stop: Callable[[], bool] = lambda: False,
    batch: int = BATCH,
) -> Passed:
    """Value the candidate pairs whose stored values are missing or stale.

    Without ``full``, only the pairs that may have changed since the last finished pass are
    looked at (see ``ValuationState``): candidate rows stored since (a recompute keeps the
    ids of the rows it leaves as they were, and inserts the rows it rewrites anew) and the
    pairs of streams, organisations and analyses changed since. With ``full``, or when the
    factors or the code changed, every candidate. ``stop()`` is asked after each batch: a
    worker gives way to other tasks (a refresh waiting) and queues the rest. A finished full
    pass, or one with ``prune`` (after a recompute, which deletes pairs), also drops the
    values of pairs that are no longer candidates.
    """
    started = timezone.now()
    factors = factor_set()
    version = factors_version(factors)
    state = ValuationState.objects.filter(pk=1).first()
    full = full or state is None or state.since is None or state.version != version
    mark = {
        "last_candidate": Candidate.objects.aggregate(m=Max("pk"))["m"] or 0,
        "last_analysis": CompositionRow.objects.aggregate(m=Max("pk"))["m"] or 0,
    }
    todo = Candidate.objects.all() if full else _maybe_changed(state)
    last, stored, looked = 0, 0, 0
    while True:
        part = list(
            todo.filter(pk__gt=last).order_by("pk").values_list("pk", "offer_id", "need_id")[:batch]
        )
        if not part:
            break
        last = part[-1][0]
        looked += len(part)
        stored += _value_batch([(o, n) for _pk, o, n in part], factors, version)
        if stop():
            return Passed(stored, looked, False)
    if full or prune:
        do_drop_orphan_values()
    # writes committed while this pass ran (or on a host whose clock is a little behind)
    # are looked at again by the next pass
    do_record_valuing(version=version, since=started - MARGIN, **mark)
    return Passed(stored, looked, True)


def _maybe_changed(state: ValuationState) -> QuerySet[Candidate]:
    """Candidates stored since the last pass, or of a stream whose inputs changed since."""
    since = state.since
    streams = Stream.objects.filter(
        Q(updated_at__gte=since) | Q(organisation__updated_at__gte=since)
    ).values("pk")
    analysed = CompositionRow.objects.filter(pk__gt=state.last_analysis).values("stream_id")
    return Candidate.objects.filter(
        Q(pk__gt=state.last_candidate)
        | Q(offer_id__in=streams)
        | Q(need_id__in=streams)
        | Q(offer_id__in=analysed)
    )


def _value_batch(pairs: list[tuple[int, int]], factors, version: str) -> int:
    offers = {o for o, _n in pairs}
    needs = {n for _o, n in pairs}
    streams = (
        Stream.objects.select_related("organisation")
        .prefetch_related("composition_rows")
        .in_bulk(offers | needs)
    )
    analysis = analysis_stamps(offers)
    have = {
        (o, n, v): s
        for o, n, v, s in PairValue.objects.filter(
            offer_id__in=offers, need_id__in=needs
        ).values_list("offer_id", "need_id", "view", "stamp")
    }
    rows = []
    for o, n in pairs:
        offer, need = streams.get(o), streams.get(n)
        if offer is None or need is None:
            continue
        current = stamp(offer, need, analysis, version)
        for key in views_of(offer, need, analysed=o in analysis):
            if have.get((o, n, key)) == current:
                continue
            hidden_offer, hidden_need = hidden_of(key)
            hidden = {f"offer.{f}" for f in hidden_offer} | {f"need.{f}" for f in hidden_need}
            head = Headline.of(try_assess_pair(offer, need, factors=factors, hidden=hidden))
            rows.append((o, n, key, current, head.to_json() if head else None))
    if rows:
        do_store_pair_values(rows)
    return len(rows)
