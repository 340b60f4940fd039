"""Adapter between registry rows and the pure matching engine.

Builds :class:`~symbiose.matching.engine.types.StreamInput` from streams. The engine itself
lives in task workers (:mod:`symbiose.matching.worker`), never in a web process.
"""

from __future__ import annotations

from symbiose.matching.engine.engine import MatchEngine
from symbiose.matching.engine.types import StreamInput
from symbiose.registry.access import shown_point
from symbiose.registry.models import Stream

#: How many counterparts are kept per stream.
TOP_N = 10


def stream_input(stream: Stream) -> StreamInput:
    """The engine's view of a stream (all fields: visibility is applied when showing results).

    A stream that hides its owner's identity is matched without the owner's NACE code: the
    sector would otherwise shape which candidates exist, their scores, feasibility and reasons
    for every viewer, and so tell outsiders what kind of company hides behind it
    (``tests/test_permission_matrix_identity.py``). Its own words still name sectors.

    A stream that hides its site from someone (location or identity) carries the point an
    outsider places it at (``registry.access.shown_point``): the engine ranks and keeps its
    pairs there (``tests/test_permission_matrix_hidden_site.py``).
    """
    point = stream.point
    org = stream.organisation
    marks = stream.sensitive_fields or ()
    nace = None if "identity" in marks else (org.nace or None)
    hides = "identity" in marks or "location" in marks
    shown = shown_point(stream) if hides else None
    return StreamInput(
        ref=stream.ref, org_ref=org.ref, direction=stream.direction, category=stream.category,
        title=stream.title, description=stream.description, ewc_code=stream.ewc_code or None,
        quantity=stream.annual_quantity, unit=stream.annual_unit or None,
        temperature_c=stream.temperature_c, hazardous=stream.hazardous,
        accepts_hazardous=stream.accepts_hazardous, legal_status=stream.legal_status or None,
        lat=point[0] if point else None, lon=point[1] if point else None,
        available_from=stream.available_from, available_to=stream.available_to,
        crm=tuple(stream.crm or ()), price_nok_per_unit=stream.price_nok_per_unit,
        nace=nace, hides_site=hides, shown_lat=shown[0] if shown else None,
        shown_lon=shown[1] if shown else None,
    )  # fmt: skip


def live_streams():
    """Active streams with their organisations: what the engine holds."""
    return Stream.objects.active().select_related("organisation")


def get_engine() -> MatchEngine:
    """The worker's engine, brought up to date (batch commands and tests only)."""
    from symbiose.matching.worker import current_engine

    return current_engine()
