"""A hub's candidate pairs in their stored order: what the facilitator pages rank from.

Derived data, like the candidates it copies (no audit rows, rebuilt by a task worker). A
:class:`HubPair` row says that a stored candidate has a side in the hub, with the few columns
a page orders and filters on. One index holds them in the stored order with both stream ids,
so a page reads the best *k* of a hub's pairs, or counts those a viewer may see, from the
index alone instead of joining every candidate to its two streams
(``facilitation/hubpairs.py``, ``facilitation/ranking.py``).

The rows are used only while :class:`HubPairState` says they were built from the stored
candidates as they are now (the matching pass number) and from the hub's streams as they are
now (a digest of their ids): any other state is read from the candidates as before.
"""

from __future__ import annotations

from django.db import models


class HubPair(models.Model):
    """One stored candidate (not within one company) with a side among the hub's streams."""

    hub = models.ForeignKey(
        "facilitation.Hub", on_delete=models.CASCADE, related_name="+", db_index=False
    )  # fmt: skip  (the index below starts with it)
    #: The candidate's id. No constraint: a recompute deletes candidates in bulk, and the
    #: rows are never used once the matching pass moved on (``HubPairState``).
    candidate = models.ForeignKey(
        "matching.Candidate",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    #: Plain ids, not keys: an index of their own would tempt SQLite to probe it once per id
    #: of an ``IN`` list instead of reading the hub's range of the index below.
    offer_id = models.BigIntegerField()
    need_id = models.BigIntegerField()
    feasible = models.BooleanField()
    score = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["hub", "-feasible", "-score", "candidate", "offer_id",
                                 "need_id"], name="hub_pair_order"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"hub {self.hub_id}: candidate {self.candidate_id}"


class HubPairState(models.Model):
    """What a hub's :class:`HubPair` rows were built from."""

    hub = models.OneToOneField("facilitation.Hub", on_delete=models.CASCADE, related_name="+")
    #: ``matching.MatchState.pass_no`` when built: every write of candidates moves it on.
    pass_no = models.BigIntegerField()
    #: A digest of the ids of the hub's streams when built (members joined or left, streams
    #: added or moved).
    streams = models.CharField(max_length=64)
    built_at = models.DateTimeField(auto_now=True)
    #: How many rows were built, and how many of them feasible (stored flag): pages start
    #: their counts from these and subtract the few rows a viewer is refused or that hide
    #: something from them (``facilitation/ranking.py``), instead of counting every row.
    #: ``None``: built before these were kept (counted row by row).
    pairs = models.IntegerField(null=True)
    feasible = models.IntegerField(null=True)

    def __str__(self) -> str:
        return f"hub {self.hub_id}: pass {self.pass_no}"
