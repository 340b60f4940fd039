"""The code-list search index: one document per code, its terms, and a word -> terms map.

Built once per process (``lru_cache``) from every list: EWC, NACE, critical raw materials,
R/D operations, the material thesaurus and the search-only synonyms in ``data/``. Pure
module (no Django).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from symbiose.taxonomy.lists import DATA_DIR, load_crm, load_nace, load_operations
from symbiose.taxonomy.search.words import stem
from symbiose.taxonomy.search.words import tokens as words_of


@dataclass(frozen=True)
class Doc:
    """One code of one list, with its labels."""

    kind: str
    code: str
    display: str
    label_en: str
    label_nb: str


@dataclass(frozen=True)
class Term:
    """A label, title or synonym of a document, with its words and weight."""

    doc: int
    text: str
    tokens: tuple[str, ...]
    weight: float


class Index:
    """Documents (one per code), their terms, and a word -> terms map."""

    def __init__(self) -> None:
        self.docs: list[Doc] = []
        self.doc_ids: dict[tuple[str, str], int] = {}
        self.terms: list[Term] = []
        self.vocab: dict[str, list[int]] = defaultdict(list)
        self.material_ewc: dict[int, tuple[str, ...]] = {}
        self.ewc_codes: list[str] = []
        self.by_stem: dict[str, list[str]] = {}
        self._under: dict[str, tuple[str, ...]] = {}

    def ewc_under(self, prefix: str) -> tuple[str, ...]:
        """Return the six-digit EWC entries under a chapter or sub-chapter ``prefix``."""
        if prefix not in self._under:
            self._under[prefix] = tuple(c for c in self.ewc_codes if c.startswith(prefix))
        return self._under[prefix]

    def add_doc(self, kind: str, code: str, display: str, label_en: str, label_nb: str) -> int:
        idx = len(self.docs)
        self.docs.append(Doc(kind, code, display, label_en, label_nb))
        self.doc_ids[(kind, code)] = idx
        return idx

    def add_term(self, doc: int, text: str, weight: float = 1.0) -> None:
        tokens = words_of(text.lstrip("*"))
        if not tokens:
            return
        term_id = len(self.terms)
        self.terms.append(Term(doc, text.lstrip("*"), tokens, weight))
        for tok in set(tokens):
            self.vocab[tok].append(term_id)


def add_ewc(index: Index) -> None:
    try:
        from symbiose.taxonomy.ewc import load_ewc
    except ImportError:  # the EWC list is optional while it is being written
        return
    for entry in load_ewc().values():
        doc = index.add_doc("ewc", entry.code, entry.display, entry.title_en, entry.title_nb)
        index.add_term(doc, entry.title_en)
        if entry.title_nb:
            index.add_term(doc, entry.title_nb)
        if entry.level == "entry":
            index.ewc_codes.append(entry.code)
    index.ewc_codes.sort()


def add_materials(index: Index) -> None:
    try:
        from symbiose.taxonomy.materials import load_materials

        materials = load_materials()
    except (ImportError, FileNotFoundError):  # the thesaurus is optional while it is written
        return
    for m in materials:
        doc = index.add_doc("material", m.id, m.id, m.label_en, m.label_nb)
        index.add_term(doc, m.label_en)
        index.add_term(doc, m.label_nb)
        for term in (*m.terms_en, *m.terms_nb):
            index.add_term(doc, term, 0.95)
        index.material_ewc[doc] = m.ewc


def add_synonyms(index: Index) -> None:
    """Search-only synonyms, and the plain words of EWC entries (``ewc_words.csv``)."""
    for name, weight in (("search_synonyms.csv", 0.95), ("ewc_words.csv", 0.97)):
        path = DATA_DIR / name
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                doc = index.doc_ids.get((row.get("kind", "ewc"), row["code"]))
                for term in (row["term"],) if "term" in row else row["terms"].split(";"):
                    if doc is not None:
                        index.add_term(doc, term, weight)


@lru_cache(maxsize=1)
def search_index() -> Index:
    """Build the search index over every list (once per process)."""
    index = Index()
    add_ewc(index)
    for n in load_nace():
        doc = index.add_doc("nace", n.code, n.code, n.label_en, n.label_nb)
        index.add_term(doc, n.label_en)
        if n.label_nb:
            index.add_term(doc, n.label_nb)
    for m in load_crm():
        doc = index.add_doc("crm", m.id, m.id, m.name_en, m.name_nb)
        for name in (m.name_en, m.name_nb):
            index.add_term(doc, name)
            for part in name.split("/"):
                index.add_term(doc, part)
        for symbol in m.elements:
            index.add_term(doc, symbol, 0.9)
    for op in load_operations().values():
        doc = index.add_doc("operation", op.code, op.code, op.title_en, op.title_nb)
        index.add_term(doc, op.title_en)
        index.add_term(doc, op.title_nb)
    add_materials(index)
    add_synonyms(index)
    index.vocab = dict(index.vocab)
    for tok in index.vocab:
        index.by_stem.setdefault(stem(tok), []).append(tok)
    return index
