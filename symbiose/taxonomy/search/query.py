"""Answering a query over the code-list index: codes spelled, words matched, ranked hits.

Pure module (no Django); see :mod:`symbiose.taxonomy.search` for the rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from symbiose.taxonomy.lists import load_nace, pick_lang
from symbiose.taxonomy.search.index import search_index
from symbiose.taxonomy.search.words import content_words, stem, word_score

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


@lru_cache(maxsize=2048)
def _word_postings(q: str) -> dict[int, float]:
    """Return the best score of query word ``q`` in every term that contains a matching word."""
    index = search_index()
    out: dict[int, float] = {}
    # Cheap filter first: every word with a non-zero _word_score is in one of these.
    near = {tok for tok in index.vocab if q in tok or tok in q}
    near.update(index.by_stem.get(stem(q), ()))
    for tok in near:
        term_ids = index.vocab[tok]
        s = word_score(q, tok)
        if s <= 0.0:
            continue
        for term_id in term_ids:
            if s > out.get(term_id, 0.0):
                out[term_id] = s
    return out


def _code_hits(query: str) -> dict[int, float]:
    """Return documents whose code the query spells (exact) or starts (children)."""
    index = search_index()
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
    index = search_index()
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
    doc = search_index().doc_ids.get(key)
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
    index = search_index()
    if not query or not query.strip():
        return []
    scored: dict[int, tuple[float, str]] = {
        doc: (s, index.docs[doc].code) for doc, s in _code_hits(query).items()
    }
    if not scored:
        words = content_words(query)
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
