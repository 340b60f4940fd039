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
import re
from dataclasses import dataclass
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


@lru_cache(maxsize=1)
def _heads() -> tuple[dict[str, frozenset[tuple[str, ...]]], frozenset[str]]:
    """The residue words indexed for lookup: ``(first word -> the rest of each word
    sequence it starts, single residue words)``. A lookup per word instead of a loop over
    every residue word (about 80) per word of every listing."""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for head in origin_words()["head"]:
        by_first.setdefault(head[0], set()).add(head[1:])
    singles = frozenset(h[0] for h in origin_words()["head"] if len(h) == 1)
    return {k: frozenset(v) for k, v in by_first.items()}, singles


def _heads_at(words: list[str], i: int) -> set[int]:
    """Lengths of the residue words (sequences) starting at ``words[i]``."""
    rests = _heads()[0].get(words[i], ())
    return {1 + len(r) for r in rests if tuple(words[i + 1 : i + 1 + len(r)]) == r}


def _filler(word: str) -> bool:
    kinds = origin_words()
    return (word,) in kinds["process"] or (word,) in kinds["link"]


def _compound_head(word: str) -> bool:
    """``word`` is a compound whose last part is a residue word ("pektinrester"), with at
    least four letters before it."""
    singles = _heads()[1]
    return any(word[j:] in singles for j in range(4, len(word)))


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
        if _residue_after(words, end)[0] or _residue_before(words, start)[0]:
            out.add(ident)
    return out


def _residue_after(words: list[str], end: int) -> tuple[bool, int]:
    """Whether a residue word follows ``words[:end]`` past at most :data:`MAX_GAP` filler
    (process) words ("use, process words, residue word"), and where those fillers end."""
    k = end
    while k < len(words) and k - end < MAX_GAP and _filler(words[k]):
        k += 1
    return k < len(words) and bool(_heads_at(words, k)), k


def _residue_before(words: list[str], start: int) -> tuple[bool, int]:
    """Whether a residue word ends before ``words[start:]`` past at most :data:`MAX_GAP`
    filler words ("residue word, of, process words, use"), and the index before those
    fillers."""
    k = start - 1
    while k >= 0 and start - k <= MAX_GAP and _filler(words[k]):
        k -= 1
    found = k >= 0 and any(k + 1 - j in _heads_at(words, j) for j in range(max(0, k - 1), k + 1))
    return found, k


@dataclass(frozen=True)
class Origin:
    """The sector whose side streams an offer named only by its origin is read as (``nace``)
    and the use of that same process (``spent``: a residue does not feed what left it)."""

    nace: str
    spent: str


@lru_cache(maxsize=1)
def _origin_rows() -> tuple[
    dict[str, Origin], dict[str, list[tuple[tuple[str, ...], bool, Origin]]]
]:
    """``data/origin_sectors.csv``: uses by id, and product words by their first folded word
    as ``(words, exact, origin)``; a term written ``term=`` or shorter than four letters
    matches only the whole word or the start of a compound with a process word."""
    uses: dict[str, Origin] = {}
    products: dict[str, list[tuple[tuple[str, ...], bool, Origin]]] = {}
    with (DATA_DIR / "origin_sectors.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            origin = Origin(row["nace"], row["spent"])
            if row["kind"] == "use":
                if row["nace"]:
                    uses[row["key"]] = origin
                continue
            exact = row["key"].endswith("=")
            words = tuple(tokens(normalise(row["key"].rstrip("="))))
            if words:
                exact = exact or len(words[-1]) < 4
                products.setdefault(words[0], []).append((words, exact, origin))
    return uses, products


def use_origin(use: str) -> Origin | None:
    """The sector that runs ``use`` as a process, for an offer naming it as its origin.

    >>> use_origin("food_ingredients")
    Origin(nace='10.89', spent='food_ingredients')
    >>> use_origin("transport") is None
    True
    """
    return _origin_rows()[0].get(use)


def _compound_rest(rest: str) -> bool:
    """``rest`` (what follows a product in one word) is a process word: "olproduksjon",
    "Zuckerherstellung". A residue word there names the product itself ("Brødrester" are
    bread leftovers), not its process."""
    rests = {rest, rest[1:]} if rest[:1] in ("s", "e", "-") else {rest}  # linking letter
    return any(len(w[0]) >= 5 and r.startswith(w[0]) for w in origin_words()["process"]
               for r in rests)  # fmt: skip


def _product_at(words: list[str], i: int) -> list[tuple[int, bool, Origin]]:
    """Products starting at ``words[i]``: ``(end, with a process word in the word, origin)``."""
    out = []
    w = words[i]
    products = _origin_rows()[1]
    for key in {w} | {w[:k] for k in range(2, len(w))}:
        for terms, exact, origin in products.get(key, ()):
            n = len(terms)
            if i + n > len(words) or tuple(words[i : i + n - 1]) != terms[:-1]:
                continue
            if n == 1 and key != terms[0]:
                continue
            last = words[i + n - 1]
            if last == terms[-1]:
                out.append((i + n, False, origin))
            elif last.startswith(terms[-1]):
                compound = _compound_rest(last[len(terms[-1]) :])
                if compound or not exact:
                    out.append((i + n, compound, origin))
    return out


def _process_in(words: list[str]) -> bool:
    return any((w,) in origin_words()["process"] for w in words)


def origin_products(text: str, purpose: frozenset[str], source: frozenset[str]) -> list[
        tuple[int, int, Origin]]:  # fmt: skip
    """Products that ``text`` names as the process its material comes from: with a process
    word ("production", "Herstellung", "produksjon", in the word or beside it) and after a
    source word ("Abfälle aus der Zuckerherstellung", "Rester fra produksjon av ost"), before
    a residue word ("Sugar production residues"), after a residue word and "of" ("Résidus
    de la production de sucre"), or as one word ("Stahlerzeugung"); never after a purpose
    word ("Kalk til sukkerproduksjon"). A product with a residue word and no process word
    is the product itself ("Brødrester", "Paper residues").
    ``purpose`` and ``source`` are the marker words (:mod:`~symbiose.taxonomy.matcher`).

    >>> from symbiose.taxonomy.matcher import PURPOSE, SOURCE
    >>> [o.nace for _s, _e, o in origin_products("Residues from sugar production", PURPOSE,
    ...                                          SOURCE)]
    ['10.81']
    >>> origin_products("Kalk til sukkerproduksjon", PURPOSE, SOURCE)
    []
    >>> origin_products("Brødrester", PURPOSE, SOURCE)
    []
    """
    words = tokens(normalise(text))
    clause = _clauses(text, len(words))
    out = []
    for i in range(len(words)):
        for end, compound, origin in _product_at(words, i):
            marks = [k for k in range(i) if clause[k] == clause[i]
                     and (words[k] in purpose or words[k] in source)]  # fmt: skip
            if marks and words[marks[-1]] in purpose:
                continue
            after, k = _residue_after(words, end)
            process = compound or _process_in(words[end:k])
            before, k = _residue_before(words, i)
            process = process or _process_in(words[k + 1 : i])
            if process and (marks or compound or after or before):
                out.append((i, end, origin))
    return out


def _clauses(text: str, n: int) -> list[int]:
    """The clause number of each of the ``n`` words (split at stops, commas and brackets)."""
    clause: list[int] = []
    for k, part in enumerate(re.split(r"[.;:!?()\n,]+", text)):
        clause += [k] * len(tokens(normalise(part)))
    return clause if len(clause) == n else [0] * n
