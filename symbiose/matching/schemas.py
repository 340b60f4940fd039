"""API schemas for matches; filled from :mod:`symbiose.matching.access` (already redacted)."""

from __future__ import annotations

from ninja import Field, Schema

from symbiose.registry.schemas import StreamOut


class ReasonOut(Schema):
    kind: str
    text: str


class MatchOut(Schema):
    offer: StreamOut
    need: StreamOut
    score: float
    feasible: bool
    distance_km: float | None
    distance_rounded: bool
    reasons: list[ReasonOut]


class MatchFilterIn(Schema):
    feasible_only: bool = False
    category: str | None = None
    # Bounds (issue 11, point 9): out of range is a 422 naming the parameter, never a 500.
    max_km: float | None = Field(None, ge=0, le=40_000, allow_inf_nan=False)
    limit: int = Field(20, ge=1, le=10_000)
