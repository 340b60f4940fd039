"""Text features: normalisation, thesaurus term matching and char n-gram TF-IDF vectors.

The thesaurus matcher turns free text in Norwegian or English into material classes and uses
(processes/sectors) from :mod:`symbiose.taxonomy.materials`; the vectoriser turns text into
sparse char n-gram TF-IDF vectors expanded with those class ids, so that "gips" and "gypsum"
meet through the shared class token even though their letters differ.

Examples
--------
>>> normalise("Røykgass-GIPS, CO₂ (Øra)")
'roykgass gips co2 ora'
>>> m = ThesaurusMatcher()
>>> sorted(m.find("gips som råstoff til gipsplater")["classes"])
['gypsum']
>>> sorted(m.find("gips som råstoff til gipsplater")["uses"])
['plasterboard']
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from symbiose.taxonomy.materials import load_materials, load_uses

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "₂": "2", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Lower-case, fold Norwegian letters and accents, keep letters and digits.

    Examples
    --------
    >>> normalise("Ferrosilisium-slagg fra Bremanger")
    'ferrosilisium slagg fra bremanger'
    """
    text = text.lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Return the words of the normalised text."""
    return normalise(text).split()


class ThesaurusMatcher:
    """Find thesaurus classes and uses in text, longest match first.

    Single-word terms match a whole word or, from four letters, a word prefix; terms written
    ``*term`` also match inside compounds; ``term=`` matches the whole word only; multi-word
    terms match as a phrase (last word by prefix). Where terms overlap in the text the longest
    one wins, so ``saltsyre`` is hydrochloric acid and not salt.

    Examples
    --------
    >>> ThesaurusMatcher().find("Stålslagg fra lysbueovn")["classes"]
    {'slag_steel': 1.0}
    """

    def __init__(self) -> None:
        self.single: dict[str, list[tuple[str, str, str]]] = {}  # word -> (kind, id, mode)
        self.infix: dict[str, list[tuple[str, str]]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self.class_uses: dict[str, frozenset[str]] = {}
        for m in load_materials():
            self.class_uses[m.id] = frozenset(u.id for u in m.used_by)
            for term in (*m.terms_en, *m.terms_nb):
                self._add(term, "class", m.id)
        for use in load_uses().values():
            for term in (*use.terms_en, *use.terms_nb):
                self._add(term, "use", use.id)
        self.max_infix = max((len(k) for k in self.infix), default=0)
        self._cache: dict[str, list[tuple[int, str, str]]] = {}

    def _add(self, term: str, kind: str, ident: str) -> None:
        mode = "prefix"
        if term.startswith("*"):
            mode, term = "infix", term[1:]
        elif term.endswith("="):
            mode, term = "exact", term[:-1]
        words = tuple(normalise(term).split())
        if not words:
            return
        if len(words) > 1:
            self.phrases.setdefault(words[0], []).append((words, kind, ident))
            return
        word = words[0]
        if len(word) < 4:
            mode = "exact" if mode != "infix" else "infix"
        entry = (kind, ident, mode)
        if entry not in self.single.setdefault(word, []):
            self.single[word].append(entry)
        if mode == "infix":
            self.infix.setdefault(word, []).append((kind, ident))

    def _word_matches(self, word: str) -> list[tuple[int, str, str]]:
        """Matches inside one word as ``(term_length, kind, id)``."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        found: list[tuple[int, str, str]] = []
        for k in range(3, len(word) + 1):
            for kind, ident, mode in self.single.get(word[:k], ()):
                if k == len(word) or mode in ("prefix", "infix"):
                    found.append((k, kind, ident))
        if self.infix:
            n = len(word)
            for i in range(1, n):
                for j in range(i + 4, min(n, i + self.max_infix) + 1):
                    for kind, ident in self.infix.get(word[i:j], ()):
                        found.append((j - i, kind, ident))
        self._cache[word] = found
        return found

    def spans(self, text: str) -> list[tuple[int, int, int, str, str]]:
        """All matches as ``(start_word, end_word, length, kind, id)``, overlaps resolved."""
        words = tokens(text)
        cands: list[tuple[int, int, int, str, str]] = []
        for i, w in enumerate(words):
            for length, kind, ident in self._word_matches(w):
                cands.append((i, i + 1, length, kind, ident))
            for phrase, kind, ident in self.phrases.get(w, ()):
                n = len(phrase)
                if i + n > len(words):
                    continue
                if all(words[i + k] == phrase[k] for k in range(n - 1)) and words[
                    i + n - 1
                ].startswith(phrase[-1]):
                    cands.append((i, i + n, sum(map(len, phrase)) + n - 1, kind, ident))
        cands.sort(key=lambda c: (-c[2], c[0]))
        taken: list[tuple[int, int, int, str, str]] = []
        for c in cands:
            clash = [t for t in taken if c[0] < t[1] and t[0] < c[1] and t[2] > c[2]]
            # A longer term wins, except that a material survives inside a longer use term
            # that it serves ("gips" in "gipsplater": gypsum is used for plasterboard).
            if clash and not (
                c[3] == "class"
                and all(t[3] == "use" and t[4] in self.class_uses.get(c[4], ()) for t in clash)
            ):
                continue
            taken.append(c)
        return taken

    def find(self, text: str, weight: float = 1.0) -> dict[str, dict[str, float]]:
        """Return ``{"classes": {id: weight}, "uses": {id: weight}}`` found in ``text``."""
        res: dict[str, dict[str, float]] = {"classes": {}, "uses": {}}
        for _s, _e, _l, kind, ident in self.spans(text):
            bucket = res["classes" if kind == "class" else "uses"]
            bucket[ident] = max(bucket.get(ident, 0.0), weight)
        return res


@lru_cache(maxsize=1)
def default_matcher() -> ThesaurusMatcher:
    """A shared matcher (building it reads the thesaurus once)."""
    return ThesaurusMatcher()


def char_ngrams(text: str, sizes: Iterable[int] = (3, 4)) -> dict[str, float]:
    """Sub-linear term frequencies of word-bounded char n-grams of normalised text.

    Examples
    --------
    >>> sorted(char_ngrams("gips", sizes=(3,)))
    [' gi', 'gip', 'ips', 'ps ']
    """
    counts: dict[str, int] = {}
    sizes = tuple(sizes)
    for w in normalise(text).split():
        for g in _word_ngrams(w, sizes):
            counts[g] = counts.get(g, 0) + 1
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
        self.vocab = {g: i for i, g in enumerate(df)}
        self.idf = [math.log((1 + n) / (1 + c)) + 1.0 for c in df.values()]
        self.max_idf = math.log(1 + n) + 1.0
        self._idf = None

    def transform(self, doc: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Return sorted feature indices and L2-normalised float32 weights."""
        vocab = self.vocab
        for g in doc:
            if g not in vocab:
                vocab[g] = len(vocab)
                self.idf.append(self.max_idf)
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
