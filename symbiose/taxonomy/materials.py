"""The curated bilingual material thesaurus: what side streams are and who uses them.

Pure module (no Django). The thesaurus lives in ``data/materials.json``; its header carries the
version and source notes. Each :class:`MaterialClass` has a parent (a tree of classes, e.g.
``slag_steel`` under ``slag``), Norwegian and English labels and search terms, the EWC codes or
code prefixes it covers, and the processes and sectors that use it (:class:`MaterialUse`).

Term syntax in the JSON (used by the matching engine's term matcher and by taxonomy search):

* ``"kalk="`` matches the whole word only (not ``kalkulert``).
* ``"gypsum"`` matches a whole word or a word that starts with it (``gypsums``, ``gipsplater``
  for ``"gips"``); terms shorter than four letters match whole words only.
* ``"*slagg"`` also matches as the last part of a compound word, with an inflection
  (``stålslagg``, ``ferrosilisiumslagget``), never in the middle of one.
* Several words match as a phrase (``"fly ash"``).

Examples
--------
>>> classes = load_materials()
>>> by_id = materials_by_id()
>>> by_id["gypsum_fgd"].parent
'gypsum'
>>> "gips" in by_id["gypsum"].terms_nb
True
>>> ancestors("slag_simn")
('slag_simn', 'slag_ferroalloy', 'slag')
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "materials.json"
#: Words in the other languages and further trade names (``kind,id,lang,terms,source``).
WORDS_FILE = Path(__file__).parent / "data" / "material_words.csv"
#: Words that name a product's form, not its material ("pellets", "flis", "granulat").
FORMS_FILE = Path(__file__).parent / "data" / "form_words.csv"
#: Words that start like a material term and mean something else ("slagtesvin" is no slag).
FALSE_FRIENDS_FILE = Path(__file__).parent / "data" / "false_friends.csv"


@dataclass(frozen=True)
class MaterialUse:
    """A process, product or sector that takes a material as input.

    ``id`` is shared across classes (``cement`` uses slag, fly ash and gypsum); ``nace`` lists
    NACE Rev. 2.1 codes or prefixes of the sectors that run that process.
    """

    id: str
    terms_en: tuple[str, ...]
    terms_nb: tuple[str, ...]
    nace: tuple[str, ...] = ()
    terms_more: tuple[str, ...] = ()


@dataclass(frozen=True)
class MaterialClass:
    """One node of the material thesaurus.

    Attributes
    ----------
    id, parent : str, str or None
        Stable identifier and the parent's id (``None`` for a top class).
    label_en, label_nb : str
        Display labels.
    terms_en, terms_nb : tuple of str
        Search terms and synonyms (see the module docstring for the syntax).
    ewc : tuple of str
        Six-digit EWC codes or 2/4-digit chapter/sub-chapter prefixes, no spaces.
    category : str
        The listing category the class belongs to: material, heat, cold, water, gas or service.
    used_by : tuple of MaterialUse
        Processes and sectors that use the material.
    nace_producers : tuple of str
        NACE codes or prefixes of sectors that typically produce it.
    crm : tuple of str
        EU critical raw materials it may contain (lower-case names).
    terms_more : tuple of str
        Words in the other languages read (sv, da, de, nl, fi, fr, it, es) and further trade
        names, from ``data/material_words.csv``; read like the others, never displayed.
    """

    id: str
    parent: str | None
    label_en: str
    label_nb: str
    terms_en: tuple[str, ...]
    terms_nb: tuple[str, ...]
    ewc: tuple[str, ...]
    category: str = "material"
    used_by: tuple[MaterialUse, ...] = ()
    nace_producers: tuple[str, ...] = ()
    crm: tuple[str, ...] = ()
    terms_more: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def more_terms() -> dict[tuple[str, str], tuple[str, ...]]:
    """Words of ``data/material_words.csv`` by ``(kind, id)``, kind ``class`` or ``use``.

    Examples
    --------
    >>> "bleicherde" in more_terms()[("class", "spent_bleaching_earth")]
    True
    """
    out: dict[tuple[str, str], list[str]] = {}
    with WORDS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            terms = [t.strip() for t in row["terms"].split(";") if t.strip()]
            out.setdefault((row["kind"], row["id"]), []).extend(terms)
    return {key: tuple(dict.fromkeys(terms)) for key, terms in out.items()}


@lru_cache(maxsize=1)
def term_languages() -> dict[str, frozenset[str]]:
    """The languages each term of ``data/material_words.csv`` is written in (the matcher
    reads a term of a language that inflects in its inflected forms too).

    Examples
    --------
    >>> sorted(term_languages()["lakieji pelenai"])
    ['lt']
    """
    out: dict[str, set[str]] = {}
    with WORDS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for term in row["terms"].split(";"):
                if term.strip():
                    out.setdefault(term.strip(), set()).add(row["lang"])
    return {term: frozenset(langs) for term, langs in out.items()}


@lru_cache(maxsize=1)
def false_friends() -> tuple[str, ...]:
    """Word beginnings that look like a material term and mean something else.

    Each one takes part in the matcher's longest-term rule and names nothing, so the Danish
    "slagtesvin" (a pig for slaughter) is no longer read as slag through the English "slag",
    and a place such as Sandnes is no sand.

    Examples
    --------
    >>> "slagt" in false_friends()
    True
    """
    with FALSE_FRIENDS_FILE.open(encoding="utf-8", newline="") as fh:
        return tuple(row["term"] for row in csv.DictReader(fh))


def form_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(term, candidate classes)``: words that say what form a product has, and the classes
    it may then be, most likely first. Such a word names a class only with a context (a
    waste code or a sector) that agrees with one of them.

    Examples
    --------
    >>> dict(form_words())["pellets"]
    ('wood_clean', 'polymer')
    """
    with FORMS_FILE.open(encoding="utf-8", newline="") as fh:
        return tuple(
            (row["term"], tuple(c for c in row["classes"].split(";") if c))
            for row in csv.DictReader(fh)
        )


def _use(raw: dict) -> MaterialUse:
    return MaterialUse(
        id=raw["id"],
        terms_en=tuple(raw.get("en", ())),
        terms_nb=tuple(raw.get("nb", ())),
        nace=tuple(raw.get("nace", ())),
        terms_more=more_terms().get(("use", raw["id"]), ()),
    )


@lru_cache(maxsize=1)
def load_uses() -> dict[str, MaterialUse]:
    """Return the shared uses (processes/sectors) by id."""
    with DATA_FILE.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {u["id"]: _use(u) for u in data.get("uses", [])}


@lru_cache(maxsize=1)
def load_materials() -> list[MaterialClass]:
    """Load the thesaurus once and return its classes, parents before children.

    Examples
    --------
    >>> len(load_materials()) > 50
    True
    """
    with DATA_FILE.open(encoding="utf-8") as fh:
        data = json.load(fh)
    uses = load_uses()
    out = []
    for raw in data["classes"]:
        out.append(
            MaterialClass(
                id=raw["id"],
                parent=raw.get("parent"),
                label_en=raw["label_en"],
                label_nb=raw["label_nb"],
                terms_en=tuple(raw.get("terms_en", ())),
                terms_nb=tuple(raw.get("terms_nb", ())),
                ewc=tuple(raw.get("ewc", ())),
                category=raw.get("category", "material"),
                used_by=tuple(uses[u] for u in raw.get("used_by", ())),
                nace_producers=tuple(raw.get("nace_producers", ())),
                crm=tuple(raw.get("crm", ())),
                terms_more=more_terms().get(("class", raw["id"]), ()),
            )
        )
    return out


def in_running_text(label: str) -> str:
    """A class label as it reads inside a sentence ("Both are {material}").

    Only a plain capitalised first word loses its capital; an acronym or a word with a
    capital or digit inside ("CO-rik", "FGD", "PE/PP") stays as written, and so does the
    rest of the label ("(GGBS)", "(CO2)"): lowercasing the whole label read "co-rik ovnsgass".

    Examples
    --------
    >>> in_running_text("Blast-furnace slag (GGBS)"), in_running_text("CO-rik ovnsgass")
    ('blast-furnace slag (GGBS)', 'CO-rik ovnsgass')
    >>> in_running_text("FGD gypsum"), in_running_text("Karbondioksid (CO2)")
    ('FGD gypsum', 'karbondioksid (CO2)')
    """
    first = label.split(" ", 1)[0]
    if not first[:1].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return label
    return label[:1].lower() + label[1:]


@lru_cache(maxsize=1)
def materials_by_id() -> dict[str, MaterialClass]:
    """Return the classes keyed by id."""
    return {m.id: m for m in load_materials()}


@lru_cache(maxsize=4096)
def ancestors(class_id: str) -> tuple[str, ...]:
    """Return ``class_id`` followed by its parents up to the top class.

    Examples
    --------
    >>> ancestors("gypsum_fgd")
    ('gypsum_fgd', 'gypsum')
    """
    by_id = materials_by_id()
    chain = []
    current: str | None = class_id
    while current is not None and current not in chain:
        chain.append(current)
        current = by_id[current].parent if current in by_id else None
    return tuple(chain)


def classes_for_ewc(code: str) -> tuple[str, ...]:
    """Return the classes whose EWC list covers ``code``.

    The longest matching prefix wins; among equals, a parent is dropped when its child matches.

    Examples
    --------
    >>> classes_for_ewc("100105")
    ('gypsum_fgd',)
    """
    code = code.replace(" ", "").replace("*", "")
    best: list[str] = []
    best_len = 0
    for m in load_materials():
        for prefix in m.ewc:
            if code.startswith(prefix):
                if len(prefix) > best_len:
                    best, best_len = [m.id], len(prefix)
                elif len(prefix) == best_len and m.id not in best:
                    best.append(m.id)
    inner = {a for c in best for a in ancestors(c)[1:]}
    return tuple(c for c in best if c not in inner)
