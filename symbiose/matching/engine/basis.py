"""A 64-bit fingerprint of everything a pair's :class:`~.types.Match` is built from.

A :class:`~.types.Match` (its score, components, distance and reasons) is a function of the
two streams' inputs (:class:`~.types.StreamInput`, which holds the organisation's location
and NACE code too), the engine's code, knowledge and configuration, and the scoring arrays of
the pair (which also carry the text fit). :func:`pair_basis` hashes the inputs' hashes and
every scoring array the match is built from, so two pairs with the same basis build the same
match: a full recompute can keep a stored row whose basis is unchanged without building its
reasons again. Visibility (which fields a company hides) is not an input: reasons say which
fields they reveal and are redacted when read, so hiding a field changes no basis.

Examples
--------
>>> import numpy as np
>>> from .types import StreamInput
>>> a = StreamInput("o1", "org", "offer", "material", "slag")
>>> input_hash(a) == input_hash(StreamInput("o1", "org", "offer", "material", "slag"))
True
>>> input_hash(a) == input_hash(StreamInput("o1", "org", "offer", "material", "slag", nace="24.1"))
False
>>> h = np.array([input_hash(a), 7], dtype=np.uint64)
>>> x = mix(np.zeros(2, np.uint64), h)
>>> bool(x[0] != x[1]), mix(np.zeros(2, np.uint64), h).tolist() == x.tolist()
(True, True)
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import numpy as np

from .scoring import Scored
from .types import EngineConfig, StreamInput

_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xBF58476D1CE4E5B9)
_K3 = np.uint64(0x94D049BB133111EB)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def input_hash(s: StreamInput) -> int:
    """An unsigned 64-bit hash of every field of ``s`` (its ``repr``: exact floats, dates)."""
    return _hash(repr(s))


def inputs_digest(hashes: np.ndarray) -> str:
    """A hash of the streams' :func:`input_hash` values, given in order of ref.

    Two registries with the same digest hold the same streams with the same inputs, so a
    text fit made on one is the fit the other would get (the engine takes streams in order
    of ref).
    """
    data = np.ascontiguousarray(hashes, dtype=np.uint64).tobytes()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def config_hash(cfg: EngineConfig, salt: int = 0) -> int:
    """An unsigned 64-bit hash of the configuration (not its process count) and ``salt``."""
    return _hash(f"{replace(cfg, workers=1)!r}\x1f{salt}")


def mix(h: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Fold the ``uint64`` array ``x`` into the running hashes ``h`` (splitmix64 rounds)."""
    h = (h ^ x) * _K1
    h ^= h >> np.uint64(31)
    h *= _K2
    h ^= h >> np.uint64(29)
    h *= _K3
    return h ^ (h >> np.uint64(32))


def _bits(values: np.ndarray) -> np.ndarray:
    """The float64 bits of ``values``, with one NaN and one zero (so equal values hash alike)."""
    x = np.asarray(values, dtype=np.float64) + 0.0  # -0.0 becomes 0.0
    x = np.where(np.isnan(x), np.nan, x)
    return np.ascontiguousarray(x).view(np.uint64)


def pair_basis(seed: int, hash_o: np.ndarray, hash_n: np.ndarray, sc: Scored) -> np.ndarray:
    """Each pair's basis (``int64``) from its streams' input hashes and its scoring arrays.

    ``seed`` is :func:`config_hash` (the code and knowledge version folded in as its salt);
    ``hash_o``/``hash_n`` are the offers' and needs' :func:`input_hash` values (``uint64``).
    """
    h = mix(np.full(len(hash_o), seed, dtype=np.uint64), hash_o)
    h = mix(h, hash_n)
    for values in (sc.score, sc.feasible, sc.blocked, sc.what, sc.distance_km, sc.limit_km):
        h = mix(h, _bits(values))
    for name in sorted(sc.components):
        h = mix(h, np.uint64(_hash(name)))
        h = mix(h, _bits(sc.components[name]))
    return h.view(np.int64)
