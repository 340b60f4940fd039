"""Text features: char n-gram TF-IDF vectors over normalised text.

The vectoriser turns text into sparse char n-gram TF-IDF vectors expanded with the listing's
class ids, so that "gips" and "gypsum" meet through the shared class token even though their
letters differ. The classes themselves come from :func:`symbiose.taxonomy.classify.classify`
(the one text-to-class function), through :mod:`.features`.

Examples
--------
>>> sorted(char_ngrams("Gips!", sizes=(3,)))
[' gi', 'gip', 'ips', 'ps ']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

import numpy as np

from symbiose.taxonomy.classify import normalise


def char_ngrams(text: str, sizes: Iterable[int] = (3, 4)) -> dict[str, float]:
    """Sub-linear term frequencies of word-bounded char n-grams of normalised text.

    Examples
    --------
    >>> sorted(char_ngrams("gips", sizes=(3,)))
    [' gi', 'gip', 'ips', 'ps ']
    """
    sizes = tuple(sizes)
    # Counted in C, n-grams in the order first seen (the order of the vocabulary).
    counts = Counter(chain.from_iterable(_word_ngrams(w, sizes) for w in normalise(text).split()))
    return {g: _SUBLINEAR[c] if c < 64 else 1.0 + math.log(c) for g, c in counts.items()}


_SUBLINEAR = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]


@lru_cache(maxsize=200_000)
def _word_ngrams(word: str, sizes: tuple[int, ...]) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1))


class Vectoriser:
    """Char n-gram TF-IDF with extra concept tokens, L2-normalised, fitted once.

    The vocabulary grows when unseen n-grams arrive (incremental streams); their IDF is the
    largest fitted one. Refit (rebuild the engine) to update IDF weights.

    Examples
    --------
    >>> v = Vectoriser()
    >>> v.fit([{"a": 1.0, "b": 1.0}, {"a": 1.0}])
    >>> idx, val = v.transform({"a": 1.0, "b": 1.0})
    >>> round(float(np.sum(val**2)), 6)
    1.0
    """

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.idf: list[float] = []
        self.max_idf = 1.0
        self._idf: np.ndarray | None = None  # self.idf as an array, rebuilt when it grows

    def fit(self, docs: Iterable[dict[str, float]]) -> None:
        """Learn vocabulary and IDF from term-frequency dictionaries."""
        df: dict[str, int] = {}
        n = 0
        for d in docs:
            n += 1
            for g in d:
                df[g] = df.get(g, 0) + 1
        self.fit_counts(df, n)

    def fit_counts(self, df: dict[str, int], n: int) -> None:
        """Learn vocabulary and IDF from how many of ``n`` documents hold each term (the
        vocabulary in the order of ``df``: :meth:`fit` gives the order terms first appear)."""
        self.vocab = {g: i for i, g in enumerate(df)}
        self.idf = [math.log((1 + n) / (1 + c)) + 1.0 for c in df.values()]
        self.max_idf = math.log(1 + n) + 1.0
        self._idf = None

    def add_terms(self, terms: Iterable[str]) -> None:
        """Add unseen terms in order, each with the largest IDF weight (as :meth:`transform`
        adds a document's unseen terms)."""
        vocab = self.vocab
        for g in terms:
            if g not in vocab:
                vocab[g] = len(vocab)
                self.idf.append(self.max_idf)

    def transform(self, doc: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Return sorted feature indices and L2-normalised float32 weights."""
        self.add_terms(doc)
        vocab = self.vocab
        if self._idf is None or len(self._idf) != len(self.idf):
            self._idf = np.array(self.idf, dtype=np.float64)
        idx = np.fromiter(map(vocab.__getitem__, doc), dtype=np.int32, count=len(doc))
        tf = np.fromiter(doc.values(), dtype=np.float64, count=len(doc))
        val = (tf * self._idf[idx]).astype(np.float32)
        norm = float(np.sqrt(np.sum(val.astype(np.float64) ** 2)))
        if norm > 0:
            val /= norm
        order = np.argsort(idx)
        return idx[order], val[order]
