"""Words for the code-list search: folding, tokens and how well two words match.

Pure module (no Django); see :mod:`symbiose.taxonomy.search` for the rules.
"""

from __future__ import annotations

import re
import unicodedata

STEM = 5
STOPWORDS = frozenset(
    "a an and as at by for from in into of on or other the to with "
    "av eller for fra i med og pa som til under".split()
)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case ``text``, fold æ/ø/å and strip accents, keep letters and digits.

    Examples
    --------
    >>> fold("Stålslagg, FLYGEASKE!")
    'stalslagg flygeaske'
    """
    text = text.lower().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of ``text``."""
    return tuple(fold(text).split())


def word_score(q: str, t: str) -> float:
    """How well query word ``q`` matches index word ``t`` (0 when it does not).

    >>> word_score("slagg", "slaggen") > word_score("slagg", "stalslagg") > 0
    True
    """
    if q == t:
        return 1.0
    if len(q) < 3 or len(t) < 3:
        return 0.0
    if t.startswith(q):
        return 0.9 - 0.3 * (1 - len(q) / len(t))
    if len(t) >= 4 and q.startswith(t) and len(q) - len(t) <= 3:
        return 0.8
    if len(q) >= 4 and q in t:
        return 0.6 - 0.2 * (1 - len(q) / len(t))
    if len(t) >= 4 and t in q:
        return 0.5 * len(t) / len(q)
    if stem(q) == stem(t) and len(q) >= STEM and len(t) >= STEM:
        return 0.7  # shared stem, different endings: "battery" / "batteries"
    return 0.0


def stem(word: str) -> str:
    """A crude stem: the word without its last two letters, at least ``STEM`` letters long."""
    return word[: max(STEM, len(word) - 2)]
