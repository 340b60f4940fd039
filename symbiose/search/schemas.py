"""API schemas for search. Results reuse the registry's ``StreamOut`` (filled from
:func:`symbiose.registry.access.redacted`, hidden values ``null``); every field is listed."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from symbiose.inputs import SafeText
from symbiose.registry.schemas import StreamOut


class SearchIn(Schema):
    """The page's filters; each is text so a bad value gets a located message (422)."""

    q: SafeText | None = Field(None, max_length=200)
    direction: SafeText | None = Field(None, max_length=20)
    category: SafeText | None = Field(None, max_length=20)
    material: SafeText | None = Field(None, max_length=60)
    ewc: SafeText | None = Field(None, max_length=20)
    crm: SafeText | None = Field(None, max_length=60)
    element: SafeText | None = Field(None, max_length=20)
    county: SafeText | None = Field(None, max_length=4)
    municipality: SafeText | None = Field(None, max_length=100)
    near: SafeText | None = Field(None, max_length=100)
    lat: SafeText | None = Field(None, max_length=30)
    lon: SafeText | None = Field(None, max_length=30)
    km: SafeText | None = Field(None, max_length=30)
    qmin: SafeText | None = Field(None, max_length=30)
    qmax: SafeText | None = Field(None, max_length=30)
    unit: SafeText | None = Field(None, max_length=10)
    fresh: SafeText | None = Field(None, max_length=5)
    sort: SafeText | None = Field(None, max_length=10)
    limit: int = Field(100, ge=1, le=2000)
    offset: int = Field(0, ge=0, le=1_000_000)


class HitOut(Schema):
    stream: StreamOut
    distance_km: float | None
    distance_coarse: bool


class SearchOut(Schema):
    count: int
    #: The search index is being rebuilt (after an import): every hit is still found, slower.
    index_building: bool = False
    results: list[HitOut]


class ProblemsOut(Schema):
    problems: list[str]


class SavedSearchIn(Schema):
    name: SafeText = Field(..., max_length=100)
    query: dict[str, SafeText] = Field(default_factory=dict)


class SavedSearchOut(Schema):
    id: int
    name: str
    query: dict[str, str]
    created_at: datetime.datetime


class NotificationOut(Schema):
    id: int
    kind: str
    stream_ref: str
    message: str
    created_at: datetime.datetime
    read: bool


class WatchIn(Schema):
    """What to watch: ``kind`` is material, crm, search (``saved_search`` id) or stream
    (``stream`` ref); an optional threshold on quantity (with ``threshold_unit``) or price."""

    kind: SafeText = Field(..., max_length=10)
    material: SafeText | None = Field(None, max_length=60)
    crm: SafeText | None = Field(None, max_length=60)
    saved_search: int | None = Field(None, ge=1, le=2_000_000_000)
    stream: SafeText | None = Field(None, max_length=80)
    threshold_field: SafeText | None = Field(None, max_length=10)
    threshold_op: SafeText | None = Field(None, max_length=5)
    threshold_value: float | None = Field(None, ge=-1e12, le=1e12)
    threshold_unit: SafeText | None = Field(None, max_length=10)


class WatchOut(Schema):
    id: int
    kind: str
    description: str
    created_at: datetime.datetime
