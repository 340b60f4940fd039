"""Impact API: the worth of an offer -> need pair, as the requester may see it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from symbiose.impact.adapter import ELECTRICITY_BASES, assess_pair
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.registry import access

router = Router(tags=["impact"])


@router.get("/pairs/{offer_ref}/{need_ref}")
def pair_impact(request: HttpRequest, offer_ref: str, need_ref: str,
                basis: str = "NO") -> dict[str, Any]:  # fmt: skip
    """CO2e, money and resources of an exchange, with the breakdown and the factors used."""
    if basis not in ELECTRICITY_BASES:
        raise HttpError(422, f"basis must be one of {', '.join(ELECTRICITY_BASES)}")
    try:
        offer = access.get_stream(request.user, offer_ref)
        need = access.get_stream(request.user, need_ref)
    except access.NotFound:
        raise HttpError(404, "Not found") from None
    if offer.direction != "offer" or need.direction != "need":
        raise HttpError(404, "Not found")
    try:
        return assess_pair(offer, need, viewer=request.user, electricity_basis=basis).to_dict()
    except ImpactInputError as err:
        raise HttpError(422, f"{err.field}: {err}") from None
