"""The baseline: rank by fuzzy text similarity and distance only.

This is what a simple listing marketplace does: character-trigram similarity of titles and
descriptions (no thesaurus, no codes, no physics, no law), discounted by distance. It is the
yardstick the engine must beat on the evaluation set.

Examples
--------
>>> from symbiose.matching.engine.types import StreamInput
>>> a = StreamInput("o", "x", "offer", "material", "wood chips")
>>> b = StreamInput("n", "y", "need", "material", "woodchips wanted")
>>> c = StreamInput("m", "y", "need", "material", "steel scrap")
>>> [r for r, _s in BaselineRanker([a, b, c]).rank("o")]
['n', 'm']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .geo import haversine_km
from .text import char_ngrams
from .types import StreamInput


class BaselineRanker:
    """Fuzzy text (char 3-gram cosine, no IDF) times ``1 / (1 + d / 200 km)``."""

    def __init__(self, streams: Sequence[StreamInput], half_km: float = 200.0) -> None:
        self.streams = {s.ref: s for s in streams}
        self.half_km = half_km
        self.vec = {}
        for s in streams:
            v = char_ngrams(f"{s.title} {s.description}", (3,))
            norm = float(np.sqrt(sum(x * x for x in v.values()))) or 1.0
            self.vec[s.ref] = {g: x / norm for g, x in v.items()}

    def score(self, a: str, b: str) -> float:
        """Similarity of two streams in [0, 1]."""
        va, vb = self.vec[a], self.vec[b]
        if len(va) > len(vb):
            va, vb = vb, va
        text = sum(x * vb.get(g, 0.0) for g, x in va.items())
        sa, sb = self.streams[a], self.streams[b]
        if None in (sa.lat, sa.lon, sb.lat, sb.lon):
            return text * 0.85
        return text / (1.0 + float(haversine_km(sa.lat, sa.lon, sb.lat, sb.lon)) / self.half_km)

    def rank(self, ref: str, top_n: int = 10) -> list[tuple[str, float]]:
        """Counterparts of ``ref`` (other direction, other organisation), best first."""
        me = self.streams[ref]
        out = [
            (s.ref, self.score(ref, s.ref))
            for s in self.streams.values()
            if s.direction != me.direction and s.org_ref != me.org_ref
        ]
        out.sort(key=lambda t: (-t[1], t[0]))
        return out[:top_n]
