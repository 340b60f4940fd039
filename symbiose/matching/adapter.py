"""Adapter between registry rows and the pure matching engine.

Builds :class:`~symbiose.matching.engine.types.StreamInput` from streams, keeps one engine per
process (rebuilt when the registry changed behind its back), and stores candidates. A new or
edited stream is refreshed incrementally: its own candidates are recomputed against the engine
and its pairs in other streams' lists replaced.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db.models import Max

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.types import Match, StreamInput
from symbiose.matching.models import Candidate
from symbiose.registry.models import Stream

#: How many counterparts are kept per stream.
TOP_N = 10
_lock = threading.Lock()
_cache: dict[str, object] = {}


def stream_input(stream: Stream) -> StreamInput:
    """The engine's view of a stream (all fields: visibility is applied when showing results)."""
    point = stream.point
    org = stream.organisation
    return StreamInput(
        ref=stream.ref, org_ref=org.ref, direction=stream.direction, category=stream.category,
        title=stream.title, description=stream.description, ewc_code=stream.ewc_code or None,
        quantity=stream.annual_quantity, unit=stream.annual_unit or None,
        temperature_c=stream.temperature_c, hazardous=stream.hazardous,
        accepts_hazardous=stream.accepts_hazardous, legal_status=stream.legal_status or None,
        lat=point[0] if point else None, lon=point[1] if point else None,
        available_from=stream.available_from, available_to=stream.available_to,
        crm=tuple(stream.crm or ()), price_nok_per_unit=stream.price_nok_per_unit,
        nace=org.nace or None,
    )  # fmt: skip


def _stamp() -> tuple[int, object]:
    agg = Stream.objects.aggregate(last=Max("updated_at"))
    return (Stream.objects.count(), agg["last"])


def live_streams():
    return Stream.objects.active().select_related("organisation")


def lock() -> threading.Lock:
    return _lock


def mark_current() -> None:
    """Record that the cached engine reflects the registry as it is now."""
    _cache["stamp"] = _stamp()


def get_engine() -> MatchEngine:
    """The process's engine, rebuilt if streams changed since it was built."""
    with _lock:
        stamp = _stamp()
        if _cache.get("stamp") != stamp:
            _cache["engine"] = MatchEngine([stream_input(s) for s in live_streams()])
            _cache["stamp"] = stamp
        return _cache["engine"]  # type: ignore[return-value]


def reset_engine() -> None:
    with _lock:
        _cache.clear()


def candidate_rows(matches: Iterable[Match], streams: dict[str, Stream]) -> list[Candidate]:
    return [
        Candidate(
            offer=streams[m.offer_ref],
            need=streams[m.need_ref],
            score=round(m.score, 6),
            feasible=m.feasible,
            distance_km=m.distance_km,
            intra_company=m.intra_company,
            components={k: round(float(v), 6) for k, v in m.components.items()},
            reasons=[
                {
                    "template": r.template,
                    "params": _plain(r.params),
                    "reveals": sorted(r.reveals),
                    "kind": r.kind,
                }
                for r in m.reasons
            ],
        )  # fmt: skip
        for m in matches
        if m.offer_ref in streams and m.need_ref in streams
    ]


def _plain(params: dict[str, object]) -> dict[str, object]:
    out = {}
    for key, value in params.items():
        out[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
    return out
