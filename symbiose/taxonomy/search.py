"""Plain-word search over every code list: EWC, NACE, critical raw materials, R/D operations
and the material thesaurus, in Norwegian and English.

Pure module (no Django). A company contact types "slagg", "fly ash", "gips" or "spillvarme" and
should find the codes without knowing them; a facilitator types "10 01 05" or "24.42" and gets
that code first. The index is built once (``lru_cache``) and a query scans only the distinct
words of the index, so a search takes a few milliseconds.

How words match (after folding case, accents and æ/ø/å to ae/o/a):

* equal words score highest; a query word that starts a longer word ("slagg" -> "slaggen",
  "gips" -> "gipsbaserte") and a query word with a short inflection ending ("slaggen" ->
  "slagg") score a little less;
* a query word inside a compound ("slagg" in "stålslagg") and a known word inside a query
  compound ("aske" in "flygeaske") score lower still; words of one or two letters ("cu",
  "h2") match only whole;
* every query word must match the same term (a label, title or synonym) for full score.

Material classes also lead to their EWC codes, so "flygeaske" finds 10 01 02 and 19 01 13*
even where the official title is English only. Extra search-only synonyms live in
``data/search_synonyms.csv`` (``term,lang,kind,code``), and the everyday names of EWC entries
("sagflis", "rødslam", "spent pot lining") in ``data/ewc_words.csv`` (``code,lang,terms``).

Examples
--------
>>> search("100105")[0].display
'10 01 05'
>>> any(h.kind == "crm" and h.code == "copper" for h in search("kobber"))
True
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from symbiose.taxonomy.lists import DATA_DIR, load_crm, load_nace, load_operations, pick_lang

KINDS = ("material", "ewc", "crm", "nace", "operation")
_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
_KIND_WEIGHT = {"material": 1.0, "crm": 1.0, "ewc": 0.95, "nace": 0.85, "operation": 0.85}
_EXACT_CODE = 10.0
_CHILD_CODE = 5.0
_STEM = 5
_RELATIVE_CUTOFF = 0.1  # drop text hits scoring under a tenth of the best one (stray partials)
#: Once a term matched whole (best score at least this), partial hits must reach a third of it:
#: "sagbruk" finds 16.11 by name and no longer "bruk" in "til eget bruk".
_WHOLE_MATCH, _WHOLE_CUTOFF = 0.8, 0.34
_STOPWORDS = frozenset(
    "a an and as at by for from in into of on or other the to with "
    "av eller for fra i med og pa som til under".split()
)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``code`` is the stored form (EWC ``"100105"``, NACE ``"24.42"``, CRM id, ``"R5"``,
    material id); ``display`` is how to show it (``"10 01 05"``); ``label`` is in the asked
    language; ``matched`` is the label, title or synonym that matched the query.
    """

    kind: str
    code: str
    label: str
    score: float
    matched: str
    display: str


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


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def _word_score(q: str, t: str) -> float:
    """How well query word ``q`` matches index word ``t`` (0 when it does not)."""
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
    if _stem(q) == _stem(t) and len(q) >= _STEM and len(t) >= _STEM:
        return 0.7  # shared stem, different endings: "battery" / "batteries"
    return 0.0


def _stem(word: str) -> str:
    """A crude stem: the word without its last two letters, at least ``_STEM`` letters long."""
    return word[: max(_STEM, len(word) - 2)]


@dataclass(frozen=True)
class _Doc:
    kind: str
    code: str
    display: str
    label_en: str
    label_nb: str


@dataclass(frozen=True)
class _Term:
    doc: int
    text: str
    tokens: tuple[str, ...]
    weight: float


class _Index:
    """Documents (one per code), their terms, and a word -> terms map."""

    def __init__(self) -> None:
        self.docs: list[_Doc] = []
        self.doc_ids: dict[tuple[str, str], int] = {}
        self.terms: list[_Term] = []
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
        self.docs.append(_Doc(kind, code, display, label_en, label_nb))
        self.doc_ids[(kind, code)] = idx
        return idx

    def add_term(self, doc: int, text: str, weight: float = 1.0) -> None:
        tokens = tuple(t for t in _tokens(text.lstrip("*")))
        if not tokens:
            return
        term_id = len(self.terms)
        self.terms.append(_Term(doc, text.lstrip("*"), tokens, weight))
        for tok in set(tokens):
            self.vocab[tok].append(term_id)


def _add_ewc(index: _Index) -> None:
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


def _add_materials(index: _Index) -> None:
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


def _add_synonyms(index: _Index) -> None:
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
def _index() -> _Index:
    """Build the search index over every list (once per process)."""
    index = _Index()
    _add_ewc(index)
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
    _add_materials(index)
    _add_synonyms(index)
    index.vocab = dict(index.vocab)
    for tok in index.vocab:
        index.by_stem.setdefault(_stem(tok), []).append(tok)
    return index


@lru_cache(maxsize=2048)
def _word_postings(q: str) -> dict[int, float]:
    """Return the best score of query word ``q`` in every term that contains a matching word."""
    index = _index()
    out: dict[int, float] = {}
    # Cheap filter first: every word with a non-zero _word_score is in one of these.
    near = {tok for tok in index.vocab if q in tok or tok in q}
    near.update(index.by_stem.get(_stem(q), ()))
    for tok in near:
        term_ids = index.vocab[tok]
        s = _word_score(q, tok)
        if s <= 0.0:
            continue
        for term_id in term_ids:
            if s > out.get(term_id, 0.0):
                out[term_id] = s
    return out


def _code_hits(query: str) -> dict[int, float]:
    """Return documents whose code the query spells (exact) or starts (children)."""
    index = _index()
    raw = query.strip().upper().rstrip("*").strip()
    compact = re.sub(r"[\s.]", "", raw)
    found: dict[int, float] = {}

    def exact(kind: str, code: str) -> bool:
        doc = index.doc_ids.get((kind, code))
        if doc is not None:
            found[doc] = _EXACT_CODE
        return doc is not None

    if re.fullmatch(r"[RD]\d{1,2}", compact):
        exact("operation", compact)
    elif re.fullmatch(r"[A-Z]", compact):
        if exact("nace", compact):
            for n in load_nace():
                if n.parent == compact:
                    found.setdefault(index.doc_ids[("nace", n.code)], _CHILD_CODE)
    elif re.fullmatch(r"\d{2,6}", compact):
        if len(compact) in (2, 4, 6) and exact("ewc", compact) and len(compact) < 6:
            for code in index.ewc_under(compact):
                found.setdefault(index.doc_ids[("ewc", code)], _CHILD_CODE)
        nace_code = ".".join((compact[:2], compact[2:])).strip(".")
        if len(compact) <= 4 and exact("nace", nace_code):
            for n in load_nace():
                if n.code.startswith(nace_code) and n.code != nace_code:
                    found.setdefault(index.doc_ids[("nace", n.code)], _CHILD_CODE)
    return found


def _text_hits(words: list[str]) -> dict[int, tuple[float, str]]:
    """Score documents by their best term for the query words; add material -> EWC links."""
    index = _index()
    per_word = [_word_postings(w) for w in words]
    candidates: set[int] = set().union(*per_word)
    # Rare words say more than common ones ("cement" vs "waste"): weight words by IDF.
    weights = [math.log(1 + len(index.terms) / (1 + len(p))) for p in per_word]
    best: dict[int, tuple[float, str]] = {}
    n = len(words)
    per_doc: dict[int, list[float]] = {}  # best score of each word over all of a doc's terms
    for term_id in candidates:
        term = index.terms[term_id]
        scores = [p.get(term_id, 0.0) for p in per_word]
        kind_weight = _KIND_WEIGHT[index.docs[term.doc].kind]
        score = _coverage(scores, weights) * term.weight * kind_weight
        score *= 0.9 + 0.1 * min(1.0, n / len(term.tokens))
        if score > best.get(term.doc, (0.0, ""))[0]:
            best[term.doc] = (score, term.text)
        if n > 1:
            doc_scores = per_doc.setdefault(term.doc, [0.0] * n)
            for i, s in enumerate(scores):
                doc_scores[i] = max(doc_scores[i], s * term.weight * kind_weight)
    # Words spread over several terms of one code ("neodymium" + "magnets") count a bit less.
    for doc, doc_scores in per_doc.items():
        combined = _coverage(doc_scores, weights) * 0.85
        if combined > best[doc][0]:
            best[doc] = (combined, best[doc][1])
    for doc, (score, matched) in list(best.items()):
        for code in index.material_ewc.get(doc, ()):
            if len(code) == 6:
                _link(best, ("ewc", code), score * 0.9, matched)
            else:
                _link(best, ("ewc", code), score * 0.8, matched)
                for entry in index.ewc_under(code):
                    _link(best, ("ewc", entry), score * 0.75, matched)
    return best


def _coverage(scores: list[float], weights: list[float]) -> float:
    """Weighted mean word score, cut hard when some query words matched nothing."""
    total = sum(weights)
    mean = sum(s * w for s, w in zip(scores, weights, strict=True)) / total
    if all(s > 0 for s in scores):
        return mean
    covered = sum(w for s, w in zip(scores, weights, strict=True) if s > 0) / total
    return mean * 0.5 * covered


def _link(best: dict[int, tuple[float, str]], key: tuple[str, str], score: float, matched: str):
    """Give the document at ``key`` at least ``score`` through a material class."""
    doc = _index().doc_ids.get(key)
    if doc is not None and score > best.get(doc, (0.0, ""))[0]:
        best[doc] = (score, matched)


def search(
    query: str, *, lang: str = "nb", kinds: set[str] | None = None, limit: int = 20
) -> list[Hit]:
    """Search every code list for ``query`` and return the best hits, best first.

    Parameters
    ----------
    query : str
        Plain words in Norwegian or English ("flygeaske", "fly ash") or a code ("10 01 05",
        "100105", "24.42", "C", "R5").
    lang : str
        Language of the returned labels ("nb" or "en"); matching uses both languages.
    kinds : set of str, optional
        Restrict results to these kinds (ewc, nace, crm, operation, material).
    limit : int
        Maximum number of hits.

    Examples
    --------
    >>> [h.code for h in search("24.42", kinds={"nace"})][:1]
    ['24.42']
    >>> search("spillvarme", kinds={"material"})[0].code
    'heat'
    """
    index = _index()
    if not query or not query.strip():
        return []
    scored: dict[int, tuple[float, str]] = {
        doc: (s, index.docs[doc].code) for doc, s in _code_hits(query).items()
    }
    if not scored:
        words = [w for w in fold(query).split() if w not in _STOPWORDS]
        scored = _text_hits(words) if words else {}
    ranked = sorted(
        (-round(score, 4), _KIND_ORDER[index.docs[d].kind], index.docs[d].code, d)
        for d, (score, _matched) in scored.items()
        if kinds is None or index.docs[d].kind in kinds
    )
    if not ranked:
        return []
    best = -ranked[0][0]
    floor = best * (_WHOLE_CUTOFF if best >= _WHOLE_MATCH else _RELATIVE_CUTOFF)
    hits = []
    for neg_score, _order, _code, doc_id in ranked[:limit]:
        if -neg_score < floor:
            break
        doc = index.docs[doc_id]
        label = pick_lang(lang, doc.label_nb, doc.label_en)
        hits.append(Hit(doc.kind, doc.code, label, -neg_score, scored[doc_id][1], doc.display))
    return hits
