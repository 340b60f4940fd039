"""Task workers value every stored candidate ahead of the pages (see :mod:`.stored`).

For each candidate pair the views that pages ask for are valued: everything visible (the
platform, admins, facilitators of both organisations), the offer's owner (the need's marked
fields hidden) and the need's owner (the offer's marked fields hidden). A viewer with another
view (an outsider, a company with some fields disclosed to it) gets the value computed in the
request. Candidates are read offer by offer in batches of about :data:`BATCH` pairs, each
stream once per pass (:class:`_Streams`); a pair is valued again only when its stamp
changed, so a pass after a small refresh or a recompute values only the changed pairs.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from django.db.models import Max, Q, QuerySet, prefetch_related_objects
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
    stamp_of,
    value_view,
)
from symbiose.matching.models import Candidate
from symbiose.registry.models import Stream
from symbiose.registry.sensitive import implied_hidden
from symbiose.resources.models import CompositionRow

#: Pairs per batch: a pass asks after each whether another task waits (a saved stream's
#: refresh), so a batch bounds that wait: about 0.4 s of CPU at 250 pairs (1 000 pairs took
#: 1.4–2 s, 7–14 s of wall time at load 10 on two cores).
BATCH = 250
#: Streams a pass holds at most (about 4 KB each); beyond, it reads them again.
CACHED = 40_000
#: Stream ids per query (SQLite allows 32 766 parameters).
CHUNK = 5000
#: How far back a pass looks again for writes that committed while the last one ran.
MARGIN = datetime.timedelta(minutes=5)


def views_of(offer: Stream, need: Stream, *, analysed: bool = True) -> list[str]:
    """The views of a pair that pages ask for (see the module's docstring), without repeats
    (``analysed``: the offer has composition rows; see :func:`~.stored.value_view`)."""
    return views_for(offer.sensitive_fields, need.sensitive_fields, analysed=analysed)


def views_for(offer_marks: Iterable[str] | None, need_marks: Iterable[str] | None, *,
              analysed: bool) -> list[str]:  # fmt: skip
    """:func:`views_of` from the fields each stream marks sensitive, with what they imply
    (a hidden identity hides the site), as ``registry.access.hidden_fields`` gives them."""
    marked_offer = implied_hidden(offer_marks or ())
    marked_need = implied_hidden(need_marks or ())
    keys = (value_view((), (), analysed=analysed), value_view((), marked_need, analysed=analysed),
            value_view(marked_offer, (), analysed=analysed))  # fmt: skip
    return list(dict.fromkeys(keys))


class Passed(NamedTuple):
    """What a valuing pass did: values stored, pairs looked at, whether it finished, and
    where the rest starts when it gave way (to pass to :func:`value_stale` as ``resume``)."""

    stored: int
    looked: int
    finished: bool
    resume: dict | None = None


def value_stale(
    *,
    full: bool = False,
    prune: bool = False,
    stop: Callable[[], bool] = lambda: False,
    batch: int | None = None,
    resume: dict | None = None,
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

    A pass that gave way returns ``resume``: the rest of the same pass (``resume`` given)
    starts after the last offer done, with the first part's start time and marks, instead of
    walking again every pair the first part looked at (711 045 pairs at 100 000 streams: a
    walk that finds them current costs tens of seconds, and a pass giving way to each of a
    series of saves would never finish). With other factors or code meanwhile it starts over.
    """
    factors = factor_set()
    version = factors_version(factors)
    state = ValuationState.objects.filter(pk=1).first()
    if resume is not None and resume["version"] == version:
        started = datetime.datetime.fromisoformat(resume["started"])
        full, after = resume["full"], resume["after"]
        mark = {k: resume[k] for k in ("last_candidate", "last_analysis")}
    else:
        started, after = timezone.now(), 0
        full = full or state is None or state.since is None or state.version != version
        mark = {
            "last_candidate": Candidate.objects.aggregate(m=Max("pk"))["m"] or 0,
            "last_analysis": CompositionRow.objects.aggregate(m=Max("pk"))["m"] or 0,
        }
    todo = Candidate.objects.all() if full or state is None else _maybe_changed(state)
    streams = _Streams()
    stored, looked = 0, 0
    for last, part in _by_offer(todo.filter(offer_id__gt=after), batch or BATCH):
        looked += len(part)
        stored += _value_batch(part, streams, factors, version)
        if stop():
            rest = {"after": last, "started": started.isoformat(), "version": version,
                    "full": full, **mark}  # fmt: skip
            return Passed(stored, looked, False, rest)
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


def _by_offer(todo: QuerySet[Candidate], batch: int) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """The (offer, need) pairs of ``todo`` in batches of about ``batch`` pairs, offer by
    offer: an offer's pairs come together, so its row is read once in the pass. Each batch
    comes with its last offer's id: every offer up to it is done after the batch.

    Read a batch at a time in the order of the (offer, need) unique index, from the last
    offer done: nothing is read for the whole pass first (counting 711 045 pairs took
    seconds before the first batch, in every part of a pass that gave way).
    """
    pairs = todo.order_by("offer_id", "need_id").values_list("offer_id", "need_id")
    last = 0
    while True:
        head = list(pairs.filter(offer_id__gt=last)[:batch])
        if not head:
            return
        last = head[-1][0]
        if len(head) == batch:  # the last offer's pairs may go on past the batch
            head = [p for p in head if p[0] != last] + list(pairs.filter(offer_id=last))
        yield last, head


class _Streams:
    """The streams of one pass, read once each while at most :data:`CACHED` are held.

    A stream's analysis stamp is read with it and its analysis rows with it (a stream
    without rows gets an empty result, no query), so a value and its stamp always come from
    the same read, however long the pass. :meth:`written` reads only what a stamp needs,
    afresh, to find the pairs whose stored values are current without making model rows.
    """

    def __init__(self) -> None:
        self.rows: dict[int, Stream] = {}
        self.analysis: dict[int, str] = {}
        self.none = CompositionRow.objects.none()

    def written(self, ids: set[int]) -> dict[int, tuple]:
        """Per stream: (when it was written, when its organisation was, marked fields)."""
        out: dict[int, tuple] = {}
        ids_list = sorted(ids)
        for part in (ids_list[i : i + CHUNK] for i in range(0, len(ids_list), CHUNK)):
            rows = Stream.objects.filter(pk__in=part).values_list(
                "pk", "updated_at", "organisation__updated_at", "sensitive_fields"
            )
            out.update((pk, rest) for pk, *rest in rows)
        return out

    def get(self, ids: set[int]) -> dict[int, Stream]:
        missing = [i for i in ids if i not in self.rows]
        if len(self.rows) + len(missing) > CACHED:
            self.rows.clear()
            self.analysis.clear()
            missing = list(ids)
        for part in (missing[i : i + CHUNK] for i in range(0, len(missing), CHUNK)):
            found = Stream.objects.select_related("organisation", "deposit").in_bulk(part)
            stamps = analysis_stamps(part)
            prefetch_related_objects([s for pk, s in found.items() if pk in stamps],
                                     "composition_rows")  # fmt: skip
            for pk, stream in found.items():
                if pk not in stamps:
                    cache = stream.__dict__.setdefault("_prefetched_objects_cache", {})
                    cache["composition_rows"] = self.none
            self.rows.update(found)
            self.analysis.update(stamps)
        return {i: self.rows[i] for i in ids if i in self.rows}


def _value_batch(pairs: list[tuple[int, int]], streams: _Streams, factors, version: str) -> int:
    """Value the pairs whose stored values are missing or stale; returns how many stored.

    Which pairs are current is decided from a light read (:meth:`_Streams.written`); the
    others are valued from full rows, and their stamp is taken from those same rows.
    """
    offers = {o for o, _n in pairs}
    needs = {n for _o, n in pairs}
    light = streams.written(offers | needs)
    analysed = analysis_stamps(offers)
    have = {
        (o, n, v): s
        for o, n, v, s in PairValue.objects.filter(
            offer_id__in=offers, need_id__in=needs
        ).values_list("offer_id", "need_id", "view", "stamp")
    }
    due = []
    for o, n in pairs:
        lo, ln = light.get(o), light.get(n)
        if lo is None or ln is None:
            continue
        current = stamp_of(version, analysed.get(o, ""), lo[:2], ln[:2])
        if any(have.get((o, n, key)) != current
               for key in views_for(lo[2], ln[2], analysed=o in analysed)):  # fmt: skip
            due.append((o, n))
    if not due:
        return 0
    full = streams.get({o for o, _n in due} | {n for _o, n in due})
    rows = []
    for o, n in due:
        offer, need = full.get(o), full.get(n)
        if offer is None or need is None:
            continue
        current = stamp(offer, need, streams.analysis, version)
        for key in views_of(offer, need, analysed=o in streams.analysis):
            if have.get((o, n, key)) == current:
                continue
            hidden_offer, hidden_need = hidden_of(key)
            hidden = {f"offer.{f}" for f in hidden_offer} | {f"need.{f}" for f in hidden_need}
            head = Headline.of(try_assess_pair(offer, need, factors=factors, hidden=hidden))
            rows.append((o, n, key, current, head.to_json() if head else None))
    if rows:
        do_store_pair_values(rows)
    return len(rows)
