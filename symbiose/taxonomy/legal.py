"""Where a material may legally go: uses the law forbids or allows only under conditions.

Pure module (no Django). ``data/use_limits.csv`` holds, per material class and use, a rule
(``forbidden`` or ``conditional``), when it applies (``always``; ``catering`` when the
listing's words say the material comes from a kitchen, a canteen or a household; ``animal``
when they say it contains meat or fish; ``category1`` when they say it is Category 1 animal
by-product material, which may only be burnt, rendered for burning or landfilled), why in nb
and en, and the source. A row of a class
holds for its narrower classes too. ``data/legal_words.csv`` holds the words that mark a
listing ``catering``, ``animal`` or ``category1``.

How a class and use resolve (:func:`limit`): a ``forbidden`` row whose mark the listing
carries wins anywhere on the class's chain (bread from a canteen is catering waste, whatever
bread may otherwise do); else the nearest ``always`` row decides (food waste may not be fed,
its narrower class bread may, under conditions). :func:`class_uses` is what a class may be
used for: the uses of the class and its ancestors (``materials.json``) less those forbidden.

Examples
--------
>>> "feed" in class_uses("bakery_waste"), "feed" in class_uses("food_waste")
(True, False)
>>> limit("food_waste", "feed").rule
'forbidden'
>>> "feed" in class_uses("bakery_waste", listing_marks("Brødrester fra kantina"))
False
>>> sorted(listing_marks("Utgåtte baguetter med skinke")), listing_marks("Brød uten kjøtt")
(['animal'], frozenset())
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from symbiose.taxonomy.letters import normalise, tokens
from symbiose.taxonomy.lists import DATA_DIR
from symbiose.taxonomy.materials import ancestors, materials_by_id

MARKS = ("catering", "animal", "category1")
RULES = ("forbidden", "conditional")
WHENS = ("always", *MARKS)
#: Words after which, in the same clause, a word is what the material is free of or not in
#: contact with ("uten kjøtt", "ikke i kontakt med kjøtt", "no meat").
WITHOUT = frozenset(
    "uten utan uden without ohne zonder sans senza sin sem bez brez fara ilman "
    "ikke inte ikkje not no non ingen inga kein keine nicht niet geen pas".split()
)
FREE = ("fri", "free", "frei", "vrij")  # "kjøttfri", "meat-free": the word says it holds none
_CLAUSE = re.compile(r"[.;:!?()\n,]+")


@dataclass(frozen=True)
class UseLimit:
    """One legal limit: ``class_id`` may not go to ``use`` (``rule`` forbidden), or only under
    conditions (conditional), ``when`` always or when the listing carries that mark."""

    class_id: str
    use: str
    rule: str
    when: str
    why_en: str
    why_nb: str
    source: str
    version: str


@lru_cache(maxsize=1)
def use_limits() -> tuple[UseLimit, ...]:
    """Every row of ``data/use_limits.csv``."""
    with (DATA_DIR / "use_limits.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            UseLimit(
                r["class"],
                r["use"],
                r["rule"],
                r["when"],
                r["why_en"],
                r["why_nb"],
                r["source"],
                r["version"],
            )  # fmt: skip
            for r in csv.DictReader(fh)
        )


@lru_cache(maxsize=1)
def _by_key() -> dict[tuple[str, str], tuple[UseLimit, ...]]:
    out: dict[tuple[str, str], list[UseLimit]] = {}
    for row in use_limits():
        out.setdefault((row.class_id, row.use), []).append(row)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=65_536)
def limit(class_id: str, use: str, marks: frozenset[str] = frozenset()) -> UseLimit | None:
    """The limit that holds for ``class_id`` going to ``use``, for a listing with ``marks``.

    A forbidden row whose mark the listing carries wins anywhere on the class's chain; else
    the nearest row that always applies; None when the law sets no limit here.
    """
    rows = _by_key()
    chain = ancestors(class_id) if class_id in materials_by_id() else (class_id,)
    for a in chain:
        for r in rows.get((a, use), ()):
            if r.rule == "forbidden" and r.when in marks:
                return r
    for a in chain:
        for r in rows.get((a, use), ()):
            if r.when == "always":
                return r
    return None


@lru_cache(maxsize=65_536)
def class_uses(class_id: str, marks: frozenset[str] = frozenset()) -> frozenset[str]:
    """Uses a class may go to: its own and its ancestors' (``materials.json``), less those
    the law forbids for a listing with ``marks``."""
    by_id = materials_by_id()
    uses = {u.id for a in ancestors(class_id) for u in by_id[a].used_by}
    return frozenset(u for u in uses if not _forbidden(class_id, u, marks))


@lru_cache(maxsize=65_536)
def forbidden_uses(class_id: str, marks: frozenset[str] = frozenset()) -> frozenset[str]:
    """Uses the law forbids for a class (and a listing with ``marks``), whether or not the
    knowledge base lists them: what a need may ask for that this material may not serve."""
    return frozenset(r.use for r in use_limits() if _forbidden(class_id, r.use, marks))


@lru_cache(maxsize=4096)
def marks_matter(class_ids: tuple[str, ...]) -> bool:
    """Whether a listing's marks can change what these classes may be used for (a row that
    applies ``when`` marked lies on one of their chains): only then are its words read.

    >>> marks_matter(("bakery_waste",)), marks_matter(("slag_steel",))
    (True, False)
    """
    marked = {r.class_id for r in use_limits() if r.when != "always"}
    by_id = materials_by_id()
    return any(a in marked for c in class_ids if c in by_id for a in ancestors(c))


def _forbidden(class_id: str, use: str, marks: frozenset[str]) -> bool:
    found = limit(class_id, use, marks)
    return found is not None and found.rule == "forbidden"


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...],
                      tuple[tuple[str, str], ...]]:  # fmt: skip
    """``data/legal_words.csv`` folded and indexed: single words by themselves (whole word,
    or word start from four letters), compound heads (``*term``) and phrases, each with its
    mark."""
    whole: dict[str, str] = {}
    start: dict[str, str] = {}
    heads: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    with (DATA_DIR / "legal_words.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            term = r["term"].strip()
            words = normalise(term.lstrip("*")).split()
            if len(words) > 1:
                phrases.append((" ".join(words), r["mark"]))
            elif words:
                (w,) = words
                whole[w] = r["mark"]
                if len(w) >= 4:
                    start[w] = r["mark"]
                if term.startswith("*"):
                    heads.append((w, r["mark"]))
    return whole, start, tuple(heads), tuple(phrases)


def _marks_of(words: list[str]) -> set[str]:
    """The marks of some folded words (a word before "free"/"fri" does not count)."""
    whole, start, heads, phrases = _words()
    found: set[str] = set()
    for i, w in enumerate(words):
        if i + 1 < len(words) and words[i + 1] in FREE:
            continue  # "meat free"
        hits = [(whole[w], len(w))] if w in whole else []
        hits += [(start[w[:k]], k) for k in range(4, len(w)) if w[:k] in start]
        for t, mark in heads:  # the head of a compound: "svinekjøtt", "storkjøkkenet"
            at = w.find(t, 2)
            if at > 0:
                hits.append((mark, at + len(t)))
        found.update(mark for mark, end in hits if not w[end:].startswith(FREE))
    text = f" {' '.join(words)} "
    found.update(mark for p, mark in phrases if f" {p} " in text)
    return found


@lru_cache(maxsize=65_536)
def listing_marks(text: str) -> frozenset[str]:
    """The marks a listing's words carry: ``catering`` (from a kitchen, canteen or household),
    ``animal`` (contains meat or fish) and ``category1`` (Category 1 animal by-products).
    Words a "without" word ("uten kjøtt og fisk") rules out in the same clause do not count.

    >>> sorted(listing_marks("Used cooking oil from restaurants"))
    ['catering']
    >>> sorted(listing_marks("Animalsk fett (kategori 1)")), listing_marks("Kategori 3-materiale")
    (['category1'], frozenset())
    """
    if not text:
        return frozenset()
    said: list[str] = []
    for part in _CLAUSE.split(text):
        words = tokens(part)
        cut = next((i for i, w in enumerate(words) if w in WITHOUT), len(words))
        said.extend(words[:cut])
    return frozenset(_marks_of(said))
