"""The change log the match workers follow, and the shared state of the stored candidates.

A registry write adds a :class:`Change` row in its own transaction (so a rolled-back write
leaves none). Workers apply changes to their in-memory engine and refresh the candidates they
touch in numbered *passes*: a pass stamps the changes it handled with its number, so every
worker can bring its engine up to date with what other workers did, in commit order.

Changes handled up to the last full recompute are pruned: every engine that may still replay
the log (in a worker, or a snapshot) has the fit that recompute stored and is at its pass or
later; an engine of an older fit is rebuilt, never replayed.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from symbiose.registry.models import Organisation, Stream

#: How long a storing recompute may go without committing a part before it is taken for dead
#: (its process was killed): between two parts it only builds rows, seconds even at
#: 100 000 streams on a loaded host.
STORE_LEASE = datetime.timedelta(minutes=5)
#: ``Change.handled_in`` of a change a refresh pass has already shown while a full recompute
#: stores its rows: the pass wrote the changed streams' own pairs at once, and that
#: recompute's catch-up handles the change (the next full recompute, if it was stopped).
SHOWN_IN_STORE = -1


class ChangeQuerySet(models.QuerySet):
    def pending(self) -> ChangeQuerySet:
        """Changes no candidate pass has handled yet."""
        return self.filter(handled_in__isnull=True)

    def unhandled(self) -> ChangeQuerySet:
        """Changes no pass has handled for good: pending, or shown during a store
        (:data:`SHOWN_IN_STORE`)."""
        return self.filter(models.Q(handled_in__isnull=True) | models.Q(handled_in=SHOWN_IN_STORE))

    def pending_for(self, stream: Stream) -> bool:
        """Whether the candidates of ``stream`` are still being refreshed after a change."""
        mine = models.Q(stream_id=stream.pk) | models.Q(organisation_id=stream.organisation_id)
        return self.pending().filter(mine).exists()


class Change(models.Model):
    """A stream, or an organisation (and so all its streams), changed in a way matching sees."""

    stream = models.ForeignKey(Stream, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")  # fmt: skip
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")  # fmt: skip
    at = models.DateTimeField(auto_now_add=True)
    #: The candidate pass that handled it (``None`` while pending, :data:`SHOWN_IN_STORE`
    #: while a storing recompute is to handle it).
    handled_in = models.BigIntegerField(null=True, blank=True, db_index=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["handled_in"], name="pending_changes",
                         condition=models.Q(handled_in__isnull=True)),
        ]  # fmt: skip

    def __str__(self) -> str:
        what = f"stream {self.stream_id}" if self.stream_id else f"org {self.organisation_id}"
        return f"{what} changed (pass {self.handled_in or 'pending'})"


class MatchState(models.Model):
    """One row: which pass the stored candidates reflect and the text weights they used.

    ``generation`` grows at every full recompute (IDF weights refitted); a worker whose engine
    is of an older generation rebuilds it with the stored ``vectoriser`` (vocabulary and IDF),
    so engines on every host score pairs alike.
    """

    generation = models.BigIntegerField(default=0)
    pass_no = models.BigIntegerField(default=0)
    #: Names the stored fit (a random id), so a worker compares ids, not the fit itself.
    fit_id = models.CharField(max_length=32, blank=True)
    vectoriser = models.JSONField(null=True, blank=True)
    recomputed_at = models.DateTimeField(null=True, blank=True)
    #: The pass of the last full recompute: no usable engine is older, so the changes handled
    #: up to it are never replayed again (``actions.do_prune_changes`` deletes them).
    recomputed_pass = models.BigIntegerField(default=0)
    #: The full recompute storing its rows now, in many short transactions
    #: (``actions.do_store_recompute``); blank when none. While it is set a refresh pass
    #: only shows the changed streams' own pairs (``actions.do_show_in_store``); the
    #: recompute catches their changes up.
    storing = models.CharField(max_length=32, blank=True)
    #: When that recompute last committed a part; ``None`` once it was stopped. A store
    #: stopped or silent for :data:`STORE_LEASE` is abandoned: its rows are half written, so
    #: the next pass is a full recompute.
    storing_seen = models.DateTimeField(null=True, blank=True)
    #: That recompute has written its rows and plans its catch-up: no refresh pass shows a
    #: stream now (they wait, seconds), so the catch-up sees every shown stream. Without it
    #: a steady stream of saves kept the catch-up planning again and again.
    storing_closed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"generation {self.generation}, pass {self.pass_no}"

    def store(self) -> str:
        """``"idle"``, ``"storing"`` (a full recompute is storing its rows) or
        ``"abandoned"`` (one was stopped half-way, or wrote nothing for
        :data:`STORE_LEASE`: the stored rows are part old, part new)."""
        if not self.storing:
            return "idle"
        if self.storing_seen is None or timezone.now() - self.storing_seen > STORE_LEASE:
            return "abandoned"
        return "storing"

    @classmethod
    def current(cls) -> MatchState:
        """The state row without the (large) fit (an unsaved blank one before the first pass)."""
        return cls.objects.defer("vectoriser").filter(pk=1).first() or cls(pk=1)
