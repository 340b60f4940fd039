"""Where an offer's material comes from, when its words name a process and a residue.

Pure module (no Django), used by :meth:`~symbiose.taxonomy.matcher.ThesaurusMatcher.find`.
An offer that names a use together with a residue word names where the material comes from,
not what it is good for: "Pectin production residues", "Pektinrester", "Résidus de la
production de pectine" are what is left after making pectin (spent citrus peel and apple
pomace), not raw material for pectin. A source word ("fra", "from", "aus") says the same and
is read by :func:`~symbiose.taxonomy.matcher.purpose_spans`; this module reads the three
shapes that have none:

* a compound whose head is a residue word or a material after a use ("pektinrester",
  "Zementabfälle", "Cementovnsrøggas": the flue gas of a cement kiln);
* a use, perhaps a process word, then a residue word ("Pectin production residues");
* a residue word, then linking and process words, then a use ("Residues of pectin
  production", "Résidus de la production de pectine").

The words are ``data/origin_words.csv`` (``term,lang,kind,source``): ``head`` residue words,
``process`` words naming a production step, ``link`` the words for "of" between them.
:func:`~symbiose.taxonomy.classify.classify` drops such a use from an offer's uses. The process
alone names no material: its sector's side streams would carry the same use back as a class
use, and documented exchanges never pair a residue with the process it comes from.

Examples
--------
>>> from symbiose.taxonomy.matcher import default_matcher
>>> text = "Pectin production residues"
>>> origin_uses(text, default_matcher().spans(text))
{'food_ingredients'}
>>> text = "Raw material for pectin production"
>>> origin_uses(text, default_matcher().spans(text))
set()
"""

from __future__ import annotations

import csv
from functools import lru_cache

from symbiose.taxonomy.letters import normalise, tokens
from symbiose.taxonomy.lists import DATA_DIR

#: How many process and linking words may stand between a use and its residue word.
MAX_GAP = 4


@lru_cache(maxsize=1)
def origin_words() -> dict[str, frozenset[tuple[str, ...]]]:
    """``kind -> folded word sequences`` of ``data/origin_words.csv``."""
    out: dict[str, set[tuple[str, ...]]] = {"head": set(), "process": set(), "link": set()}
    with (DATA_DIR / "origin_words.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            words = tuple(tokens(row["term"]))
            if words:
                out[row["kind"]].add(words)
    return {k: frozenset(v) for k, v in out.items()}


def _head_at(words: list[str], i: int) -> int:
    """Length of the residue word (sequence) starting at ``words[i]``, else 0."""
    for head in origin_words()["head"]:
        if tuple(words[i : i + len(head)]) == head:
            return len(head)
    return 0


def _filler(word: str) -> bool:
    kinds = origin_words()
    return (word,) in kinds["process"] or (word,) in kinds["link"]


def _compound_head(word: str) -> bool:
    """``word`` is a compound whose last part is a residue word ("pektinrester")."""
    return any(
        len(h) == 1 and word.endswith(h[0]) and len(word) >= len(h[0]) + 4
        for h in origin_words()["head"]
    )


def _modifies(word: str, start: int, end: int, length: int, spans) -> bool:
    """A one-word use that starts a compound whose head is a material ("Cementovnsrøggas",
    "Betongslam"): the use says where the material comes from. A use that is the whole word
    around a material it takes ("gipsplater") is not."""
    return end - start == 1 and any(
        s == start and e == end and kind == "class" and length + n <= len(word) + 1
        for s, e, n, kind, _ident in spans
    )


def origin_uses(text: str, spans: list[tuple[int, int, int, str, str]]) -> set[str]:
    """Uses that ``text`` names as the process its material comes from (see the module)."""
    words = tokens(normalise(text))
    out: set[str] = set()
    for start, end, _length, kind, ident in spans:
        if kind != "use":
            continue
        if _compound_head(words[end - 1]) or _modifies(words[end - 1], start, end, _length,
                                                           spans):  # fmt: skip
            out.add(ident)
            continue
        k = end  # forward: use, process words, residue word
        while k < len(words) and k - end < MAX_GAP and _filler(words[k]):
            k += 1
        if k < len(words) and _head_at(words, k):
            out.add(ident)
            continue
        k = start - 1  # backward: residue word, "of", process words, use
        while k >= 0 and start - k <= MAX_GAP and _filler(words[k]):
            k -= 1
        if k >= 0 and any(_head_at(words, j) and j + _head_at(words, j) == k + 1
                          for j in range(max(0, k - 1), k + 1)):  # fmt: skip
            out.add(ident)
    return out
