"""A stable order for equal rank keys, independent of how an engine was built.

Two engines holding the same streams may file them in different slots (one built at once,
one grown by incremental adds and removals). Ranking equal keys by slot would make their
top-N lists differ; ranking them by a hash of the counterpart's ref makes them identical.

Examples
--------
>>> tiebreak("heat-1") == tiebreak("heat-1")
True
>>> 0 <= tiebreak("x") < 2**63
True
"""

from __future__ import annotations

import hashlib
from functools import lru_cache


@lru_cache(maxsize=500_000)
def tiebreak(ref: str) -> int:
    """A non-negative 63-bit integer derived from ``ref``; lower ranks first among equals."""
    digest = hashlib.blake2b(ref.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1
