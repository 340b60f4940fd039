"""What a contact request shows each side, beyond the streams: what the receiver needs to
decide (distance band, reasons, value range) and, once accepted, the people to talk to.

Reads only: the receiver's view of the pair goes through :mod:`symbiose.matching.access`
(reasons that would reveal a hidden field are dropped) and :mod:`symbiose.impact.adapter`
(values from the inputs the receiver may see). Nothing here names the requester.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from symbiose.contact.models import ContactRequest
from symbiose.impact.adapter import try_assess_pair
from symbiose.matching.access import visible_match
from symbiose.matching.models import Candidate
from symbiose.registry import access

#: Distance bands (upper bound in km, label): coarser than any distance a page shows.
BANDS = (
    (10, gettext_lazy("under 10 km")),
    (50, gettext_lazy("10–50 km")),
    (150, gettext_lazy("50–150 km")),
    (500, gettext_lazy("150–500 km")),
)


def distance_band(km: float | None) -> str:
    """The band a distance falls in, translated ("10–50 km"); "" when unknown."""
    if km is None:
        return ""
    for upper, label in BANDS:
        if km < upper:
            return str(label)
    return _("over 500 km")


def decision(user: Any, req: ContactRequest) -> dict[str, Any]:
    """For the receiver of a pending request: how far, why, and what it may be worth.

    The reasons come from the stored candidate as the receiver may see it, and are shown
    only when the receiver may see the requester's stream; the value is a low–high range.
    """
    own, other = req.target_stream, req.requester_stream
    offer, need = (own, other) if own.direction == "offer" else (other, own)
    cand = (
        Candidate.objects.select_related("offer__organisation", "need__organisation")
        .filter(offer=offer, need=need)
        .first()
    )
    out: dict[str, Any] = {"band": "", "reasons": [], "impact": None}
    if cand is not None:
        out["band"] = distance_band(cand.distance_km)
        if access.can_see_stream(user, other):
            viewer = access.viewer_for(user)
            out["reasons"] = [
                r for r in visible_match(viewer, cand).reasons if r["kind"] != "info"
            ][:4]
    pair = try_assess_pair(offer, need, viewer=access.viewer_for(user))
    out["impact"] = pair.to_dict() if pair and pair.result.modelled else None
    return out


def people(req: ContactRequest, side: str) -> list[dict[str, str]]:
    """The person on the other side to talk to, once accepted: name, e-mail and phone if given.

    ``side`` is the viewer's side; the requester sees who answered, the receiver who asked.
    """
    if req.status != "accepted":
        return []
    user, phone = (
        (req.decided_by, req.target_phone)
        if side == "requester"
        else (req.requested_by, req.requester_phone)
    )
    if user is None:
        return []
    name = user.get_full_name().strip() or user.get_username()
    return [{"name": name, "email": user.email, "phone": phone}]
