"""Adapter between registry rows and the pure matching engine.

Builds :class:`~symbiose.matching.engine.types.StreamInput` from streams. The engine itself
lives in task workers (:mod:`symbiose.matching.worker`), never in a web process.
"""

from __future__ import annotations

from collections.abc import Iterable

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.types import Match, StreamInput
from symbiose.matching.models import Candidate
from symbiose.registry.models import Stream

#: How many counterparts are kept per stream.
TOP_N = 10


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


def live_streams():
    """Active streams with their organisations: what the engine holds."""
    return Stream.objects.active().select_related("organisation")


def get_engine() -> MatchEngine:
    """The worker's engine, brought up to date (batch commands and tests only)."""
    from symbiose.matching.worker import current_engine

    return current_engine()


def reset_engine() -> None:
    """Forget this process's engine."""
    from symbiose.matching.worker import reset

    reset()


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
