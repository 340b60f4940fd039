"""API schemas for resources: fields listed one by one, filled through the access rules."""

from __future__ import annotations

import datetime

from ninja import Schema

from symbiose.registry.schemas import StreamOut


class CompositionRowOut(Schema):
    substance: str
    content: float
    unit: str
    analysed_on: datetime.date | None
    method: str


class CompositionOut(Schema):
    stream_ref: str
    #: ``True`` when the analysis is hidden from the requester (``rows`` is then empty).
    hidden: bool
    rows: list[CompositionRowOut]


class ContainedOut(Schema):
    symbol: str
    tonnes: float
    streams: int
    estimated: bool


class CrmOut(Schema):
    id: str
    name_en: str
    name_nb: str
    critical: bool
    strategic: bool
    elements: list[str]
    applications_en: str
    applications_nb: str
    supply_risk: float | None
    economic_importance: float | None
    sources: list[str]
    streams: int
    deposits: int
    #: Tonnes a year in flows.
    contained: list[ContainedOut]
    #: Tonnes once in deposits and other one-off lots, never added to ``contained``.
    contained_once: list[ContainedOut]


class DepositDetailsOut(Schema):
    kind: str
    setting: str
    accessibility: str
    permit_status: str
    owner: str | None
    source: str
    tonnes_estimated: bool


class DepositOut(StreamOut):
    deposit: DepositDetailsOut


class TechnologyOut(Schema):
    id: str
    name_en: str
    name_nb: str
    family: str
    material_classes: list[str]
    crm: list[str]
    trl_low: int
    trl_high: int
    source: str
