"""What a user may see of match candidates: the only way pages, API and exports read them.

A candidate is shown only if the user may see both streams. Each reason declares which
stream fields its text reveals (``"offer.quantity"``, ``"need.location"``); a reason is dropped
when any of those fields is hidden from the user, so a sensitive value never reaches a reason.
When a side's location is hidden, the distance is shown rounded to 10 km. Reasons stored before
``identity`` existed are read with :data:`IMPLIED_REVEALS`, so "both belong to the same
organisation" never links two streams whose owner is hidden from the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from symbiose.matching.engine.reasons import R_SAME_ORG, render
from symbiose.matching.engine.types import Reason
from symbiose.matching.models import Candidate
from symbiose.matching.reasontext import localised_params
from symbiose.registry import access as registry_access
from symbiose.registry.models import Stream


@dataclass
class VisibleMatch:
    """A candidate as one user may see it."""

    offer: dict[str, Any]
    need: dict[str, Any]
    score: float
    feasible: bool
    distance_km: float | None
    distance_rounded: bool
    intra_company: bool
    reasons: list[dict[str, str]] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)

    def counterpart(self, ref: str) -> dict[str, Any]:
        """The other side of the pair, seen from the stream ``ref``."""
        return self.need if self.offer["ref"] == ref else self.offer


#: Fields a reason's text reveals beyond the ones stored with it.
IMPLIED_REVEALS = {R_SAME_ORG.template: ("offer.identity", "need.identity")}


def _visible_reasons(raw: list[dict[str, Any]], hidden: dict[str, frozenset[str]]) -> list[dict]:
    out = []
    for item in raw:
        reveals = [*item.get("reveals", []), *IMPLIED_REVEALS.get(item["template"], ())]
        if any(r.split(".", 1)[1] in hidden[r.split(".", 1)[0]] for r in reveals if "." in r):
            continue
        params = localised_params(item.get("params", {}))
        reason = Reason(item["template"], params, frozenset(reveals),
                        item.get("kind", "info"))  # fmt: skip
        out.append({"kind": reason.kind, "text": render(reason, gettext)})
    return out


def visible_match(viewer: Any, cand: Candidate) -> VisibleMatch:
    """Redact one candidate for ``viewer`` (both streams must already be visible)."""
    hidden = {
        "offer": registry_access.hidden_fields(viewer, cand.offer),
        "need": registry_access.hidden_fields(viewer, cand.need),
    }
    distance = cand.distance_km
    rounded = False
    if distance is not None and ("location" in hidden["offer"] or "location" in hidden["need"]):
        distance, rounded = float(max(10, round(distance / 10.0) * 10)), True
    return VisibleMatch(
        offer=registry_access.redacted(viewer, cand.offer),
        need=registry_access.redacted(viewer, cand.need),
        score=cand.score, feasible=cand.feasible, distance_km=distance,
        distance_rounded=rounded, intra_company=cand.intra_company,
        reasons=_visible_reasons(cand.reasons, hidden), components=dict(cand.components),
    )  # fmt: skip


def matches_for_stream(
    user: Any,
    stream: Stream,
    *,
    feasible_only: bool = False,
    category: str | None = None,
    max_km: float | None = None,
    include_intra_company: bool = False,
    limit: int = 20,
) -> list[VisibleMatch]:
    """Ranked candidates of ``stream`` that ``user`` may see (raises NotFound if the stream is
    not visible to them)."""
    viewer = registry_access.viewer_for(user)
    if not registry_access.can_see_stream(viewer, stream):
        raise registry_access.NotFound(stream.ref)
    visible_ids = registry_access.visible_streams(viewer).values("id")
    qs = Candidate.objects.select_related("offer__organisation", "need__organisation")
    if stream.direction == "offer":
        qs = qs.filter(offer=stream, need_id__in=visible_ids)
    else:
        qs = qs.filter(need=stream, offer_id__in=visible_ids)
    if feasible_only:
        qs = qs.filter(feasible=True)
    if not include_intra_company:
        qs = qs.filter(intra_company=False)
    if category:
        qs = qs.filter(Q(offer__category=category) & Q(need__category=category))
    if max_km is not None:
        qs = qs.filter(distance_km__lte=max_km)
    return [visible_match(viewer, c) for c in qs.order_by("-feasible", "-score")[:limit]]


def visible_candidates(user: Any, *, limit: int = 500) -> list[VisibleMatch]:
    """All candidates whose two streams ``user`` may see, best first (dashboards, exports)."""
    viewer = registry_access.viewer_for(user)
    visible_ids = registry_access.visible_streams(viewer).values("id")
    qs = Candidate.objects.select_related("offer__organisation", "need__organisation").filter(
        offer_id__in=visible_ids, need_id__in=visible_ids, intra_company=False
    )
    return [visible_match(viewer, c) for c in qs.order_by("-feasible", "-score")[:limit]]
