"""API schemas for regional figures: every field listed by name, figures with their reason."""

from __future__ import annotations

import datetime

from ninja import Schema


class FigureOut(Schema):
    """A protected figure: ``value`` is null when it is suppressed (see ``reason``: ``few``,
    ``dominant`` or ``secondary``) or when nothing was stated (``reason`` empty)."""

    value: float | None
    reason: str


class StreamRowOut(Schema):
    key: str
    offers: FigureOut
    needs: FigureOut
    tonnes_per_year: FigureOut
    #: One-off lots (period "once"): tonnes once, never part of ``tonnes_per_year``.
    tonnes_in_one_off_lots: FigureOut


class ImpactOut(Schema):
    """Yearly figures of the pairs valued per year (``valued``), and apart from them the
    figures of one-off lots, which hold once (``one_off_lots_valued``)."""

    status: str
    co2e_t_per_year: FigureOut
    net_nok_per_year: FigureOut
    pairs: int
    valued: int
    co2e_t_once: FigureOut
    net_nok_once: FigureOut
    one_off_lots_valued: int


class PhaseOut(Schema):
    phase: int
    count: int


class TargetOut(Schema):
    id: int
    metric: str
    value: float
    year: int
    region: str
    source: str
    is_demo: bool
    hubs: list[str]
    achieved: FigureOut
    percent: int | None
    status: str


class OutcomesOut(Schema):
    jobs_planned: FigureOut
    jobs_created: FigureOut
    investment_planned_nok: FigureOut
    investment_made_nok: FigureOut
    funding_received_nok: FigureOut


class OverviewOut(Schema):
    hubs: list[str]
    streams_by_category: list[StreamRowOut]
    streams_total: StreamRowOut
    candidates: int
    opportunities_by_phase: list[PhaseOut]
    implemented: int
    shelved: int
    impact: list[ImpactOut]
    outcomes: OutcomesOut
    targets: list[TargetOut]


class RoundOut(Schema):
    id: int
    hub: str
    year: int
    deadline: datetime.date
    open: bool
    asked: int
    confirmed: int
