"""API schemas for the registry. Out-schemas list their fields one by one (never all of a
model): they are filled from :func:`symbiose.registry.access.redacted`, so hidden values are
``null``. When the owner's identity is hidden, ``organisation_ref`` is ``null`` and
``organisation_name`` reads "an organisation in <municipality>"."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from symbiose.inputs import SafeText


class StreamOut(Schema):
    ref: str
    organisation_ref: str | None
    organisation_name: str
    municipality: str | None
    direction: str
    category: str
    title: str
    description: str | None
    composition: str | None
    ewc_code: str | None
    hazardous: bool | None
    legal_status: str
    quantity: float | None
    unit: str | None
    period: str | None
    annual_quantity: float | None
    annual_unit: str | None
    temperature_c: float | None
    crm: list[str]
    price_nok_per_unit: float | None
    available_from: datetime.date | None
    available_to: datetime.date | None
    lat: float | None
    lon: float | None
    visibility: str
    confirmed_at: datetime.date | None
    hidden_fields: list[str]


class StreamFilterIn(Schema):
    direction: str | None = None
    category: str | None = None
    # Bounds (issue 11, point 9): out of range is a 422 naming the parameter, never a 500.
    q: SafeText | None = Field(None, max_length=200)
    limit: int = Field(100, ge=1, le=10_000)
    offset: int = Field(0, ge=0, le=1_000_000_000)
