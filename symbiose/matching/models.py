"""Stored match candidates: the engine's output, kept so pages read it without recomputing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.matching.engine.ties import tiebreak
from symbiose.registry.models import Stream


class CandidateQuerySet(models.QuerySet):
    def best_per_side(self, top_n: int) -> set[int]:
        """The ids of each offer's best ``top_n`` needs and each need's best ``top_n`` offers
        among these rows, ranked as the engine ranks (rank key, then the counterpart's
        ``tiebreak``): what ``match_all(top_n)`` returns, read from stored rows instead of
        matching again (exact for ``top_n`` up to the stored top N)."""
        rows = list(self.values_list("pk", "offer__ref", "need__ref", "rank"))
        keep: set[int] = set()
        for side, other in ((1, 2), (2, 1)):
            groups: dict[str, list[tuple]] = {}
            for row in rows:
                groups.setdefault(row[side], []).append(row)
            for group in groups.values():
                group.sort(key=lambda r, o=other: (-r[3], tiebreak(r[o])))
                keep.update(r[0] for r in group[:top_n])
        return keep


class Candidate(models.Model):
    """One scored offer-need pair with its reasons as (template, params, reveals, kind)."""

    #: No index of its own: the unique (offer, need) index starts with it and serves every
    #: lookup by offer; a second one cost each inserted row about 16 % more (issue 13).
    offer = models.ForeignKey(
        Stream, on_delete=models.CASCADE, related_name="as_offer", db_index=False
    )
    need = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="as_need")
    score = models.FloatField(_("score"))
    feasible = models.BooleanField(_("feasible"))
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    intra_company = models.BooleanField(default=False)
    components = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)
    #: The engine's rank key (score, plus 1 when feasible): orders a stream's counterparts.
    rank = models.FloatField(default=0.0)
    #: Why the pair is stored: the need is in the offer's top N, the offer in the need's.
    by_offer = models.BooleanField(default=True)
    by_need = models.BooleanField(default=True)
    #: A hash of what the row says except its flags (``matching/rows.py``): a full recompute
    #: rewrites only the rows whose digest or flags differ; 0 never matches.
    digest = models.BigIntegerField(default=0)
    #: A hash of everything the row was built from (``engine/basis.py``: both streams'
    #: inputs, the scoring arrays, the code version): a full recompute keeps a row whose
    #: basis, flags, score and rank are unchanged without building its reasons again.
    basis = models.BigIntegerField(default=0)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="unique_candidate_pair")
        ]
        ordering = ["-feasible", "-score"]
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")

    def __str__(self) -> str:
        return f"{self.offer.ref} -> {self.need.ref} ({self.score:.2f})"


from symbiose.matching.state_models import Change, MatchState  # noqa: E402,F401
