"""What a score's absolute level means, and the thresholds that read it.

The score ranks: an offer's needs, a need's offers, a hub's pairs. Its absolute level is read
in two places only, both deciding whether to bother a person: a follow-up task after a
workshop for a feasible pair at least :data:`STRONG_SCORE` (``facilitation.actions.tasks``),
and an e-mail alert about a new match at least the alert's ``min_score``, by default
:data:`ALERT_MIN_SCORE` (``contact.models.SavedSearch``, ``web`` command ``send_alerts``).

Both are set from the scores of documented exchanges, the true pairs of the evaluation sets
(``benchmarks/score_scale.py``; figures in ``docs/matching.md``): a strong match scores at
least as well as the median documented exchange, and an alert fires for a match as good as
the best quarter of them. ``matching/engine/tests/test_score_scale.py`` keeps both within a
band of those shares, so a change that moves the scale (as the nearness term did) fails
there and the thresholds are set again from the figures, instead of drifting.

A pair without a known distance (one side has no place) ranks as if far apart: its nearness
is taken at 500 km (:data:`~.physics.UNKNOWN_SHARE`), so that listings without a place do not
crowd out located partners. A missing place is missing data, not evidence of distance, so a
threshold reads :func:`attention_score`, which takes that pair's nearness at the median
distance of brokered exchanges (:data:`~.physics.NEARNESS_KM`) instead: neither near nor far.

Examples
--------
>>> round(attention_score(0.387, known_distance=False), 2)   # the unknown factor, restored
0.6
>>> attention_score(0.387, known_distance=True)
0.387
"""

from __future__ import annotations

from .physics import UNKNOWN_SHARE

#: A feasible candidate at least this good is worth a follow-up task: the median documented
#: exchange (sets 1-7, 593 true pairs, 51 % of them feasible and at least this; 0.4 before the
#: nearness term, when 48 % were).
STRONG_SCORE = 0.36
#: Default minimum score of an e-mail alert: a match as good as the best quarter of documented
#: exchanges (25 % of them feasible and at least this; 27 % before the nearness term).
ALERT_MIN_SCORE = 0.5


def attention_score(score: float, known_distance: bool, distance_scored: bool = True) -> float:
    """The score a threshold compares: ``score`` itself, except for a pair whose distance is
    unknown, whose nearness is taken at the median brokered distance instead of as far apart
    (``score / UNKNOWN_SHARE``).

    ``distance_scored`` is false when the score left its distance component out (a viewer who
    may not see the quantity or temperature that sets a pipe's limit gets a score without it:
    ``matching.access.visible_figures``); there is then nothing to restore.
    """
    if known_distance or not distance_scored:
        return score
    return score / UNKNOWN_SHARE
