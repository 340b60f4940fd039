"""API schemas for facilitation: separate in and out shapes, every field listed by name."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from symbiose.inputs import SafeText
from symbiose.registry.validation import LONG_TEXT


class HubOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    center_lat: float | None
    center_lon: float | None
    radius_km: float | None
    member_refs: list[str]


class OpportunityOut(Schema):
    ref: str
    hub: str
    title: str
    kind: str
    description: str
    phase: int
    status: str
    readiness: dict[str, int]
    srl: int | None
    organisation_refs: list[str]
    stream_refs: list[str]
    next_step: str
    due_date: datetime.date | None


class OpportunityIn(Schema):
    title: SafeText = Field(..., min_length=1, max_length=200)
    kind: str = Field("by-product", pattern="^(by-product|utility|service|genesis)$")
    description: SafeText = Field("", max_length=LONG_TEXT)
    stream_refs: list[str] = Field(default_factory=list, max_length=50)
    next_step: SafeText = Field("", max_length=300)
    due_date: datetime.date | None = None


class ProblemsOut(Schema):
    problems: list[str]


class ImportedOut(Schema):
    refs: list[str]
