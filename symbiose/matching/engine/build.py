"""Building an engine's streams at once: features, the text fit and the text vectors.

:class:`~.engine.MatchEngine` derives every stream's features, fits the vectoriser on all
their text documents and turns each document into a vector. On a large registry the two
per-stream steps run in forked processes (:func:`~.parallel.fork_map`), in chunks of
consecutive streams, so only the fit and filing the streams stay in the parent:

1. :func:`features_of` per chunk: each stream's features (the text document packed, see
   :func:`packed_features`), its :func:`~.basis.input_hash` and the chunk's document
   frequencies, in the order each term first appears;
2. :func:`fit` (or :func:`extend`, for a fit made earlier) in the parent, from the chunks'
   counts merged in chunk order: the same vocabulary, in the same order, and the same
   weights as fitting on every document one after the other;
3. :func:`vectors_of` per chunk, forked after the fit: each document's vector by
   :meth:`~.text.Vectoriser.transform`, as one array of lengths and two flat arrays;
4. filing each stream in the engine, in the parent (:func:`file_streams` runs all four).

Before, the parent unpacked every document twice, fitted on all of them and transformed
them one by one: about 17 s of a 100 000-stream build's 41 s of CPU, on one core while the
other waited (0.9 instead of 2.7–3.0 s of the parent's CPU at 20 000 streams). Every
result is the same (``tests/test_build.py``).

Examples
--------
>>> from symbiose.matching.engine.types import EngineConfig, StreamInput
>>> s = StreamInput("o1", "org", "offer", "material", "FGD gypsum")
>>> part = features_of([s], EngineConfig())
>>> len(part.feats), list(part.df)[:3]
(1, [' fg', 'fgd', 'gd '])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .basis import input_hash
from .features import StreamFeatures, stream_features
from .parallel import fork_map
from .text import Vectoriser
from .types import EngineConfig, StreamInput


def pack(f: StreamFeatures):
    """Features with the text document packed for the trip back from a forked process:
    ``(features without the document, (n-grams joined by NUL, their weights))``, or
    ``(f, None)`` when an n-gram holds a NUL.

    Two objects per stream instead of two per n-gram (about 80): the documents were most of
    a 100 000-stream build's memory (about 700 of its 790 MB of features).
    """
    terms = "\x00".join(f.doc)
    if f.doc and terms.count("\x00") != len(f.doc) - 1:
        return f, None
    weights = np.fromiter(f.doc.values(), dtype=np.float64, count=len(f.doc))
    return replace(f, doc={}), (terms, weights)


def packed_features(s: StreamInput, cfg: EngineConfig):
    """:func:`pack` of :func:`~.features.stream_features`."""
    return pack(stream_features(s, cfg))


def unpacked(f: StreamFeatures, packed) -> dict[str, float]:
    """The text document of a :func:`packed_features` result, in its order."""
    if packed is None:
        return f.doc
    terms, weights = packed
    return dict(zip(terms.split("\x00"), weights.tolist(), strict=True)) if len(weights) else {}


@dataclass
class Features:
    """What :func:`features_of` gives for a chunk of consecutive streams."""

    #: Per stream: its features (without the document unless it could not be packed) and
    #: its packed document (see :func:`packed_features`).
    feats: list[tuple[StreamFeatures, tuple | None]]
    #: Per stream: :func:`~.basis.input_hash`.
    hashes: list[int]
    #: How many of the chunk's documents hold each term, terms in order of first appearance.
    df: dict[str, int]


def features_of(streams: Sequence[StreamInput], cfg: EngineConfig) -> Features:
    """Features, input hashes and document frequencies of consecutive streams."""
    feats, hashes, df = [], [], Counter()
    for s in streams:
        f = stream_features(s, cfg)
        df.update(iter(f.doc))  # counted in C, terms in order of first appearance
        feats.append(pack(f))
        hashes.append(input_hash(s))
    return Features(feats, hashes, df)


def _merged(parts: Sequence[Features]) -> dict[str, int]:
    """The chunks' counts added up, each term where it first appears in chunk order (the
    order one pass over every document in turn would have seen it)."""
    df: dict[str, int] = {}
    get = df.get
    for part in parts:
        for g, c in part.df.items():
            df[g] = get(g, 0) + c
    return df


def fit(parts: Sequence[Features]) -> Vectoriser:
    """A vectoriser fitted on every document of ``parts`` (as :meth:`~.text.Vectoriser.fit`
    on them in order would fit it)."""
    v = Vectoriser()
    v.fit_counts(_merged(parts), sum(len(p.hashes) for p in parts))
    return v


def extend(v: Vectoriser, parts: Sequence[Features]) -> None:
    """Add the terms of ``parts`` a fit made earlier has not seen, in the order
    :meth:`~.text.Vectoriser.transform` of each document in turn would add them."""
    for part in parts:
        v.add_terms(part.df)


def vectors_of(v: Vectoriser, feats: Sequence[tuple[StreamFeatures, tuple | None]]):
    """``(lengths, idx, val)``: the vector of each document of ``feats``
    (:meth:`~.text.Vectoriser.transform`), concatenated. ``v`` must hold every term."""
    lengths = np.zeros(len(feats), dtype=np.int64)
    idx, val = [], []
    for k, fp in enumerate(feats):
        i, x = v.transform(unpacked(*fp))
        lengths[k] = len(i)
        idx.append(i)
        val.append(x)
    if not idx:
        return lengths, np.zeros(0, np.int32), np.zeros(0, np.float32)
    return lengths, np.concatenate(idx), np.concatenate(val)


#: Chunks of streams per worker in a build.
CHUNKS = 8


def file_streams(engine, streams: Sequence[StreamInput], vectoriser: Vectoriser | None,
                 workers: int) -> None:  # fmt: skip
    """File ``streams`` (in order of ref) into a new ``engine``, fitting a vectoriser on them
    unless one is given, with ``workers`` forked processes (1: all here)."""
    count = workers * CHUNKS if workers > 1 else 1
    size = max(1, -(-len(streams) // count))
    starts = range(0, len(streams), size)
    # Forked processes see the streams and, later, the features: only chunk numbers travel.
    parts = fork_map(lambda k: features_of(streams[k : k + size], engine.cfg), starts, workers,
                     min_items=2, chunks_per_worker=CHUNKS)  # fmt: skip
    if vectoriser is None:
        vectoriser = fit(parts)
    else:
        extend(vectoriser, parts)
    engine.vectoriser = vectoriser
    vectors = fork_map(lambda k: vectors_of(vectoriser, parts[k].feats), range(len(parts)),
                       workers, min_items=2, chunks_per_worker=CHUNKS)  # fmt: skip
    k = 0
    for part, (lengths, idx, val) in zip(parts, vectors, strict=True):
        ends = np.cumsum(lengths).tolist()
        for (f, _packed), h, end, length in zip(part.feats, part.hashes, ends, lengths.tolist(),
                                                strict=True):  # fmt: skip
            s = streams[k]
            if s.ref in engine.slots:
                raise ValueError(f"duplicate stream ref {s.ref!r}")
            engine._insert(s, f, (idx[end - length : end], val[end - length : end]), h)
            k += 1
        part.feats = []  # the packed documents are no longer needed
