"""API schemas for matches; filled from :mod:`symbiose.matching.access` (already redacted)."""

from __future__ import annotations

from ninja import Schema

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
    max_km: float | None = None
    limit: int = 20
