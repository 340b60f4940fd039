"""The pure matching engine (no Django): explainable offer-need ranking and allocation.

Public API: :class:`MatchEngine`, :class:`StreamInput`, :class:`Match`, :class:`Reason`,
:class:`EngineConfig`, :func:`render` and :func:`allocate`. See ``docs/matching.md``.
"""

from .allocation import allocate
from .engine import MatchEngine
from .reasons import render
from .types import Allocation, EngineConfig, Match, Reason, StreamInput

__all__ = [
    "Allocation",
    "EngineConfig",
    "Match",
    "MatchEngine",
    "Reason",
    "StreamInput",
    "allocate",
    "render",
]
