"""The best few of a hub's candidates as one viewer ranks them, without reading them all.

A viewer ranks candidates on what they may see (:func:`symbiose.matching.access.rank_rows`):
the score, feasibility and distance are recomputed when a field they read is hidden from the
viewer. For a pair where neither stream hides anything from the viewer but its analysis (the
viewer is an insider of the organisation, or the stream marks nothing else sensitive), the
visible figures are the stored ones, so the database can order those pairs. :func:`top_rows`
therefore reads

* every pair where a side hides more from the viewer (ranked in Python, as before), and
* the best ``k`` of the other pairs in the stored order (and any tied with the ``k``-th),

then ranks the two together and keeps ``k``. Each row read is ranked by the same
:func:`~symbiose.matching.access.ranking_figures` as the full ranking. This rests on what the
engine stores: a pair is feasible exactly when it has no blocking reason, so a pair hiding
nothing is ranked on its stored score and flag (``test_ranking.py`` checks that invariant on
the stored candidates). Should a row read of the second kind come out with other figures, the
stored order cannot be trusted and every row is ranked instead. The result then equals
``rank_rows(viewer, rows)[:k]`` (``facilitation/tests/test_ranking.py``, every role).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Count, Q, QuerySet

from symbiose.facilitation import access, hubpairs
from symbiose.facilitation.models import Hub, HubPair, HubPairState
from symbiose.matching.access import rank_rows, ranking_figures
from symbiose.matching.models import Candidate
from symbiose.registry import access as registry_access
from symbiose.registry.models import Stream
from symbiose.registry.models.stream import UNREAD_MARKS

#: Sensitive-field lists that hide nothing a ranking reads (every new stream marks its
#: analysis: composition rows, which no score, reason or distance reads); a stream marking
#: anything else has ``marks_sensitive`` set by the database.
PLAIN_MARKS: tuple[list[str], ...] = UNREAD_MARKS


def plain_stream_q(viewer: Any, prefix: str = "") -> Q:
    """Streams (at ``prefix``) that hide nothing a ranking reads from ``viewer`` (``Q()``,
    every stream, for an admin)."""
    if viewer.is_admin:
        return Q()
    insiders = viewer.own_org_ids | viewer.facilitated_org_ids
    plain = Q()
    for marks in PLAIN_MARKS:
        plain |= Q(**{f"{prefix}sensitive_fields": marks})
    if insiders:
        plain |= Q(**{f"{prefix}organisation_id__in": insiders})
    return plain


def hiding_streams(viewer: Any) -> QuerySet[Stream]:
    """The streams that hide something a ranking reads from ``viewer`` (those outside
    :func:`plain_stream_q`), read through the partial index of the streams marking a
    sensitive field (``marks_sensitive``: exactly those whose marks are not in
    :data:`PLAIN_MARKS`), never every stream; none without a query when no stream marks
    one (probed without the viewer's list of insider organisations)."""
    marking = Stream.objects.order_by().filter(marks_sensitive=True)
    if not marking.exists():
        return Stream.objects.none()
    return marking.exclude(plain_stream_q(viewer))


def plain_q(viewer: Any) -> Q:
    """Pairs whose two streams hide nothing a ranking reads from ``viewer``."""
    if viewer.is_admin:
        return Q()
    return plain_stream_q(viewer, "offer__") & plain_stream_q(viewer, "need__")


class LiveRows:
    """Candidate rows read from the candidate table (any queryset of candidates)."""

    def __init__(self, viewer: Any, rows: QuerySet[Candidate]) -> None:
        self.viewer, self.rows = registry_access.viewer_for(viewer), rows
        self.plain = plain_q(self.viewer)

    def counts(self) -> tuple[int, int]:
        if not self.plain:
            return self.rows.count(), 0
        found = self.rows.aggregate(total=Count("pk"), hiding=Count("pk", filter=~self.plain))
        return found["total"], found["hiding"]

    def plain_feasible(self) -> tuple[int, int]:
        """(rows, rows hiding nothing a ranking reads whose stored pair is feasible)."""
        feasible = Q(feasible=True) & self.plain if self.plain else Q(feasible=True)
        found = self.rows.aggregate(total=Count("pk"), feasible=Count("pk", filter=feasible))
        return found["total"], found["feasible"]

    def hiding_rows(self) -> QuerySet[Candidate]:
        return self.rows.exclude(self.plain)

    def best(self, k: int) -> list[Candidate]:
        return _best_stored(self.rows.filter(self.plain), k)

    def every_row(self) -> QuerySet[Candidate]:
        return self.rows


class StoredRows:
    """The same rows for one viewer read from the hubs' pair rows (``HubPair``), which must
    be current (:func:`symbiose.facilitation.hubpairs.current`).

    Which streams the viewer may not see and which hide something from them are read once,
    as two id lists (usually short; a long one stays a subquery), through the stream
    table's partial indexes of the streams someone is refused (not public, archived, marking
    a sensitive field): never every stream, so the cost does not grow with the public,
    plain streams of the registry (``tests/test_page_rows.py``). The pair rows are filtered
    on them from the one index that holds a hub's pairs in the stored order with both stream
    ids: counting reads that index range, the best *k* read its first rows. These are the
    rows of ``access.hub_candidate_rows`` (``test_hub_pairs.py`` compares them for every
    role).
    """

    def __init__(self, viewer: Any, hubs: list[Hub], *, category: str = "") -> None:
        self.viewer = viewer = registry_access.viewer_for(viewer)
        # who may see a stream, as the few streams they may not: an ``IN`` list of every
        # visible id cost three times as much at 100 000 streams (a deleted stream makes the
        # rows stale, ``tasks.after_stream_deleted``, so every id in them is a stream's)
        self.pairs = HubPair.objects.filter(hub__in=hubs)
        self.hubs = hubs
        self.hub_count = len(hubs)
        #: the ids of the streams refused to the viewer and of those hiding something from
        #: them, when read as lists (``None``: a subquery, too many to list)
        self.unseen_ids: list[int] | None = []
        for part in registry_access.unseen_stream_parts(viewer):
            unseen = _ids(part)
            if unseen != []:
                self.pairs = self.pairs.exclude(offer_id__in=unseen).exclude(need_id__in=unseen)
                self.unseen_ids = (
                    self.unseen_ids + unseen
                    if isinstance(unseen, list) and self.unseen_ids is not None
                    else None
                )  # fmt: skip
        self.category = category
        if category:
            offers = Stream.objects.filter(category=category).values("id")
            self.pairs = self.pairs.filter(offer_id__in=offers)
        self.plain = plain_stream_q(viewer)
        hiding = _ids(hiding_streams(viewer)) if self.plain else []
        self.hiding_ids = hiding if isinstance(hiding, list) else None
        self.hiding = None if hiding == [] else Q(offer_id__in=hiding) | Q(need_id__in=hiding)

    @cached_property
    def _kept(self) -> tuple[int, int, int] | None:
        """(rows, rows hiding something from the viewer, plain rows whose stored pair is
        feasible) from the counts kept with the rows (``HubPairState``) less the rows that
        touch a stream refused to the viewer or hiding something from them, read through
        the candidate table's indexes of each side (:func:`hubpairs.touching`): a few rows
        per stream, not every pair row of the hub (about 150 000 at 100 000 streams).
        ``None`` when that does not apply: several hubs, a category, counts not kept, or
        more such streams than :data:`TOUCHING` (then every row is counted)."""
        if self.hub_count != 1 or self.category:
            return None
        if self.unseen_ids is None or self.hiding_ids is None:
            return None
        if len(self.unseen_ids) + len(self.hiding_ids) > TOUCHING:
            return None
        kept = HubPairState.objects.filter(hub=self.hubs[0]).values_list("pairs", "feasible")
        kept = kept.first()
        if kept is None or kept[0] is None or kept[1] is None:
            return None
        total, feasible = kept
        unseen, hiding = set(self.unseen_ids), set(self.hiding_ids)
        refused = hidden = 0
        for offer_id, need_id, is_feasible in hubpairs.touching(self.hubs[0], unseen | hiding):
            if offer_id in unseen or need_id in unseen:
                refused += 1
                feasible -= is_feasible
            elif offer_id in hiding or need_id in hiding:
                hidden += 1
                feasible -= is_feasible
        return total - refused, hidden, feasible

    def counts(self) -> tuple[int, int]:
        if (kept := self._kept) is not None:
            return kept[0], kept[1]
        if self.hiding is None:
            return self.pairs.count(), 0
        found = self.pairs.aggregate(total=Count("pk"), hiding=Count("pk", filter=self.hiding))
        return found["total"], found["hiding"]

    def plain_feasible(self) -> tuple[int, int]:
        if (kept := self._kept) is not None:
            return kept[0], kept[2]
        feasible = Q(feasible=True) if self.hiding is None else Q(feasible=True) & ~self.hiding
        found = self.pairs.aggregate(total=Count("pk"), feasible=Count("pk", filter=feasible))
        return found["total"], found["feasible"]

    def distinct_count(self) -> int:
        """How many candidates (a pair in two of the hubs counts once; one hub's rows hold
        each candidate once, ``hubpairs.source_rows``, so they are counted without the
        DISTINCT, which sorted every row)."""
        if self.hub_count == 1:
            kept = self._kept
            return kept[0] if kept is not None else self.pairs.count()
        return self.pairs.values("candidate_id").distinct().count()

    def hiding_rows(self) -> QuerySet[Candidate]:
        if self.hiding is None:
            return Candidate.objects.none()
        return _candidates(self.pairs.filter(self.hiding).values("candidate_id"))

    def best(self, k: int) -> list[Candidate] | None:
        plain = self.pairs if self.hiding is None else self.pairs.exclude(self.hiding)
        ordered = plain.order_by("-feasible", "-score", "candidate_id")
        n = k + 20
        while True:
            got = list(ordered.values_list("candidate_id", "feasible", "score")[:n])
            if len(got) < n or _key(got[-1][1:]) != _key(got[k - 1][1:]):
                break
            n *= 2
        if not got:
            return []
        last = _key(got[min(k, len(got)) - 1][1:])
        kept = {pk: (feasible, score) for pk, feasible, score in got
                if _key((feasible, score)) <= last}  # fmt: skip
        found = {c.pk: c for c in _candidates(list(kept))}
        if any((c.feasible, c.score) != kept[pk] for pk, c in found.items()):
            return None  # a candidate changed past the actions: the stored order fails
        return [found[pk] for pk in kept if pk in found]

    def every_row(self) -> QuerySet[Candidate]:
        return _candidates(self.pairs.values("candidate_id"))


#: Longest id list read into a query as values; a longer one stays a subquery.
ID_LIST = 5000
#: Most streams refused to a viewer or hiding something from them for which a hub's counts
#: are the kept counts less the rows touching those streams (each read through the candidate
#: table's indexes); with more, every row is counted.
TOUCHING = 1000


def _ids(streams: QuerySet[Stream]) -> list[int] | QuerySet:
    """The streams' ids as a list when short (read once, not once per use), else a subquery."""
    streams = streams.order_by()  # the default order joined the organisations to sort by name
    found = list(streams.values_list("id", flat=True)[: ID_LIST + 1])
    return found if len(found) <= ID_LIST else streams.values("id")


def _candidates(ids: Any) -> QuerySet[Candidate]:
    return Candidate.objects.select_related("offer__organisation", "need__organisation").filter(
        pk__in=ids
    )


def hub_rows(viewer: Any, hub: Hub, *, category: str = "") -> LiveRows | StoredRows:
    """The hub's candidates ``viewer`` may see (with a side among the hub's streams, the
    offer of ``category`` when given): from the pair rows when they are current, else from
    the candidate table (:func:`symbiose.facilitation.access.hub_candidate_rows`)."""
    viewer = registry_access.viewer_for(viewer)
    if hubpairs.current([hub]):
        return StoredRows(viewer, [hub], category=category)
    rows = access.hub_candidate_rows(viewer, hub)
    return LiveRows(viewer, rows.filter(offer__category=category) if category else rows)


def candidate_count(user: Any, hubs: list[Hub]) -> int:
    """How many candidates with a side in any of ``hubs`` the user may see (each once).

    Counted by the database: before the hub pair rows are current, reading every pair into
    a set of ids took 35 MB at 100 000 streams, which the web process then kept."""
    viewer = registry_access.viewer_for(user)
    if hubpairs.current(hubs):
        return StoredRows(viewer, hubs).distinct_count()
    if not hubs:
        return 0
    anywhere = Q()
    for hub in hubs:
        anywhere |= Q(pk__in=access.hub_candidate_rows(viewer, hub).values("pk"))
    return Candidate.objects.filter(anywhere).count()


def counts(user: Any, rows: QuerySet[Candidate] | LiveRows | StoredRows) -> tuple[int, int]:
    """(rows, rows that hide something a ranking reads from the viewer) in one pass."""
    return _source(registry_access.viewer_for(user), rows).counts()


def feasible_counts(
    user: Any, rows: QuerySet[Candidate] | LiveRows | StoredRows
) -> tuple[int, int]:
    """(rows, rows feasible as the viewer sees them): the stored flag of rows that hide
    nothing a ranking reads, the visible one (:func:`ranking_figures`) of the others. The
    hub's dashboard shows these, so it counts what the match board lists (its total)."""
    viewer = registry_access.viewer_for(user)
    source = _source(viewer, rows)
    total, feasible = source.plain_feasible()
    if source.plain:
        feasible += sum(1 for c in source.hiding_rows() if ranking_figures(viewer, c)["feasible"])
    return total, feasible


def top_and_counts(
    user: Any, rows: QuerySet[Candidate] | LiveRows | StoredRows, k: int
) -> tuple[list[tuple[Candidate, dict]], int, int]:
    """(:func:`top_rows`, then :func:`feasible_counts`) ranking the rows that hide something
    from the viewer once for both (the dashboard's list and its counts)."""
    viewer = registry_access.viewer_for(user)
    source = _source(viewer, rows)
    total, feasible = source.plain_feasible()
    hiding = rank_rows(viewer, source.hiding_rows()) if source.plain else []
    feasible += sum(1 for _c, fig in hiding if fig["feasible"])
    return top_rows(viewer, source, k, ranked_hiding=hiding), total, feasible


def _source(viewer: Any, rows: Any) -> LiveRows | StoredRows:
    return rows if isinstance(rows, LiveRows | StoredRows) else LiveRows(viewer, rows)


def top_rows(
    user: Any, rows: QuerySet[Candidate] | LiveRows | StoredRows, k: int, *,
    hiding: int | None = None, ranked_hiding: list[tuple[Candidate, dict]] | None = None,
) -> list[tuple[Candidate, dict]]:  # fmt: skip
    """``rank_rows(user, rows)[:k]``: the best ``k`` rows with their figures, reading only
    the rows that hide something from the viewer and the best ``k`` (plus ties) of the rest
    (``hiding``: how many rows hide something, from :func:`counts`; 0 skips reading them;
    ``ranked_hiding``: those rows already ranked, :func:`top_and_counts`)."""
    viewer = registry_access.viewer_for(user)
    if k <= 0:
        return []
    source = _source(viewer, rows)
    if ranked_hiding is not None:
        ranked = list(ranked_hiding)
    else:
        ranked = rank_rows(viewer, source.hiding_rows()) if source.plain and hiding != 0 else []
    best = source.best(k)
    if best is None:
        return rank_rows(viewer, source.every_row())[:k]
    figured = [(cand, ranking_figures(viewer, cand)) for cand in best]
    for cand, fig in figured:
        if (fig["score"], fig["feasible"], fig["distance_km"]) != (
            cand.score,
            cand.feasible,
            cand.distance_km,
        ):
            return rank_rows(viewer, source.every_row())[:k]  # the stored order fails: all
    ranked += figured  # figures computed once (rank_rows would compute them again)
    ranked.sort(
        key=lambda r: (not r[1]["feasible"], -r[1]["score"], r[0].offer.ref, r[0].need.ref)
    )  # fmt: skip  (the order of rank_rows)
    return ranked[:k]


def _best_stored(rows: QuerySet[Candidate], k: int) -> list[Candidate]:
    """The first ``k`` rows in the stored order, and every row tied with the ``k``-th."""
    ordered = rows.order_by("-feasible", "-score", "pk")
    n = k + 20
    while True:
        got = list(ordered[:n])
        if not got:
            return []
        if len(got) < n or _key((got[-1].feasible, got[-1].score)) != _key(
            (got[k - 1].feasible, got[k - 1].score)
        ):
            last = _key((got[min(k, len(got)) - 1].feasible, got[min(k, len(got)) - 1].score))
            return [c for c in got if _key((c.feasible, c.score)) <= last]
        n *= 2


def _key(stored: tuple[bool, float]) -> tuple[bool, float]:
    """The stored order's key of (feasible, score): smaller ranks first."""
    return (not stored[0], -stored[1])
