"""Words for the code-list search: folding, tokens and how well two words match.

Pure module (no Django); see :mod:`symbiose.taxonomy.search` for the rules.
"""

from __future__ import annotations

import re

from symbiose.taxonomy.letters import latin

STEM = 5
STOPWORDS = frozenset(
    "a an and as at by for from in into of on or other the to with "
    "av eller for fra i med og pa som til under".split()
)


#: Function words of the other languages listings are written in, as written (before folding,
#: so that German "für", which folds to English "fur", is dropped and "fur" itself is not).
#: None of them names a material, code or sector in any of these languages.
FUNCTION_WORDS = frozenset(
    "für über und mit von der die das den dem des ein eine einer zur zum aus bei "
    "för och från till på med som vid hos "
    "og til fra af "
    "voor van met uit het een "
    "pour avec des les une dans sur "
    "per con del della dei delle una "
    "para los las por em dos das com "
    "dla do na przy oraz ze po "
    "pro nebo pre alebo "
    "és az egy vagy "
    "iz za ali "
    "pentru cu din la si și "
    "για και από με στο στη του της των "
    "за от с на".split()
)


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` without function words of any supported language.

    >>> content_words("Porosierungsmittel für Hochlochziegel")
    ['porosierungsmittel', 'hochlochziegel']
    >>> content_words("fur and skins")
    ['fur', 'skins']
    """
    kept = [w for w in re.findall(r"\w+", text.lower()) if w not in FUNCTION_WORDS]
    return [w for w in fold(" ".join(kept)).split() if w not in STOPWORDS]


def fold(text: str) -> str:
    """Lower-case ``text``, fold æ/ø/å and strip accents, keep letters and digits.

    Examples
    --------
    >>> fold("Stålslagg, FLYGEASKE!")
    'stalslagg flygeaske'
    """
    return " ".join(re.findall(r"[a-z0-9]+", latin(text)))


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
    # Inside a word, only the head of a compound counts ("stålslagg" is a slag,
    # "slagtesvin" a pig for slaughter): the part must end the word, before an inflection.
    if len(q) >= 4 and _is_head(q, t):
        return 0.6 - 0.2 * (1 - len(q) / len(t))
    if len(t) >= 4 and _is_head(t, q):
        return 0.5 * len(t) / len(q)
    if stem(q) == stem(t) and len(q) >= STEM and len(t) >= STEM:
        return 0.7  # shared stem, different endings: "battery" / "batteries"
    return 0.0


#: Heads of compounds that say "leftovers" and leave the material to the first part
#: (as the `-` rows of ``ewc_context.csv``): "malingsrester", "beinavfall", "Lackreste".
GENERIC_HEADS = ("rester", "rest", "avfall", "affald", "abfall", "reste", "soppel", "spill")


def _is_head(part: str, word: str) -> bool:
    """``part`` names what the compound ``word`` is: its last part (before at most three
    letters of inflection), or its first part before a generic head such as "rester".

    >>> _is_head("slagg", "stalslaggen"), _is_head("slag", "slagtesvin")
    (True, False)
    >>> _is_head("maling", "malingsrester")
    True
    """
    at = word.rfind(part)
    if at > 0 and at + len(part) >= len(word) - 3:
        return True
    # A generic head leaves the material to the first part: "malingsrester" are paint.
    rest = word[len(part) :] if word.startswith(part) else ""
    return any(rest.lstrip("se").startswith(h) for h in GENERIC_HEADS) if rest else False


def stem(word: str) -> str:
    """A crude stem: the word without its last two letters, at least ``STEM`` letters long."""
    return word[: max(STEM, len(word) - 2)]
