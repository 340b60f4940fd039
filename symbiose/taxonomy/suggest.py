"""Suggest EWC codes for the words a company types, harmless entry first, in its chapter.

Pure module (no Django). It ranks the six-digit entries that :func:`search.search` finds for
the words (official titles, the material thesaurus and the everyday names in
``data/ewc_words.csv``) and then applies three rules, all driven by data:

* **Context.** Words that name a sector or a place ("bakeri", "sagbruk", "stålverk",
  "renseanlegg", "household") point to a chapter or sub-chapter (``data/ewc_context.csv``);
  entries there rank higher, so "filterstøv fra stålverk" finds 10 02 08 before 10 08 16.
  The sector words of the knowledge base count too, through their NACE code
  (``data/nace_ewc.csv``).
* **Mirror pairs.** Many entries come in pairs: a hazardous one "containing hazardous
  substances" and a harmless one "other than those mentioned in …". Unless the words say
  hazardous ("farlig", "forurenset", "impregnert", "asbest", "contaminated" … the rows of
  ``ewc_context.csv`` marked ``*``), the harmless entry of a pair comes first and the hazardous
  one right after it; when they do, the order is reversed. Each suggestion in a pair explains
  the other one.
* **Not waste.** Words that mean heat, cold or water (surplus heat, cooling water) get no
  waste code at all: such streams are utilities, not waste.

Every suggestion carries its chapter and sub-chapter titles, because many titles ("wastes not
otherwise specified", "sludges from on-site effluent treatment") mean nothing on their own.
Notes are English templates marked with ``N_`` and their parameters, for the caller to
translate.

Examples
--------
>>> [s.display for s in suggest_ewc("sagflis")][:2]
['03 01 05', '03 01 04*']
>>> suggest_ewc("impregnert sagflis")[0].display
'03 01 04*'
>>> suggest_ewc("spillvarme")
[]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from symbiose.taxonomy.categories import UTILITIES
from symbiose.taxonomy.ewc import load_ewc
from symbiose.taxonomy.knowledge import sector_words
from symbiose.taxonomy.lists import DATA_DIR
from symbiose.taxonomy.matcher import PURPOSE
from symbiose.taxonomy.search import STOPWORDS, fold, search, search_index
from symbiose.textmarks import N_

NOTE_HARMLESS = N_("Mirror entry: choose {other} instead if it contains hazardous substances.")
NOTE_HAZARDOUS = N_(
    "Hazardous mirror entry: only if it contains hazardous substances; otherwise {other}."
)
NOTE_ABSOLUTE = N_("Always hazardous waste.")
HAZARD_MARK = "*"
NEGATIONS = frozenset({"uten", "without", "ingen", "no", "not", "ikke", "free", "fri"})
HEAD_MARK = "-"
PLACE_MARK = "~"
GENERIC_MARK = "!"  # "råvare", "raw material": what a need takes in, never a waste of its own
MARKS = (HAZARD_MARK, HEAD_MARK, PLACE_MARK, GENERIC_MARK)
CONTEXT_BOOST = 1.25
UTILITY_CATEGORIES = frozenset(UTILITIES)
UTILITY_MIN = 0.5  # how clearly the words must name the utility


@dataclass(frozen=True)
class EwcSuggestion:
    """One suggested entry with the context a reader needs to choose it.

    ``chapter`` and ``subchapter`` are ``"10 02 Wastes from the iron and steel industry"``
    style lines in the asked language; ``note`` is an English template (``N_``) with
    ``note_params``, empty for an ordinary non-hazardous entry.
    """

    code: str
    display: str
    label: str
    hazardous: bool
    chapter: str
    subchapter: str
    score: float
    mirror: tuple[str, ...] = ()
    note: str = ""
    note_params: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _context() -> tuple[tuple[tuple[str, ...], str, bool], ...]:
    """``(folded words of the term, prefix, loose)`` context rows.

    The sector words of the knowledge base (``sector_words.csv``), led to a List of Waste
    chapter through their NACE code (``nace_ewc.csv``), match as whole words or, from six
    letters, with an ending; our own rows (``ewc_context.csv``) also match inside compounds.
    """
    with (DATA_DIR / "nace_ewc.csv").open(encoding="utf-8", newline="") as fh:
        chapters = {r["nace"]: r["ewc"] for r in csv.DictReader(fh)}
    rows = []
    for term, _lang, nace in sector_words():
        prefix = next((chapters[k] for k in (nace, nace[:4], nace[:2]) if k in chapters), None)
        if prefix:
            rows.append((tuple(fold(term).split()), prefix, False))
    with (DATA_DIR / "ewc_context.csv").open(encoding="utf-8", newline="") as fh:
        rows += [(tuple(fold(r["term"]).split()), r["prefix"], True) for r in csv.DictReader(fh)]
    return tuple(rows)


def _says(term: tuple[str, ...], words: list[str], loose: bool = True) -> bool:
    """Whether the query ``words`` contain ``term``: as words, word starts or compound parts."""
    if len(term) > 1:
        return f" {' '.join(term)} " in f" {' '.join(words)} "
    (t,) = term
    if not loose:
        return any(w == t or (len(t) >= 6 and w.startswith(t) and len(w) - len(t) <= 3)
                   for w in words)  # fmt: skip
    return any(w == t or (len(t) >= 4 and w.startswith(t)) or (len(t) >= 5 and t in w)
               for w in words)  # fmt: skip


def _split(word: str, heads: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """Split a compound the index does not know before a generic head.

    Returns ``(part, keep)`` pairs: material heads ("rester", "avfall") are kept as words of
    their own, place heads ("anlegg", "verket") are dropped; the modifier is always kept.
    """
    if word in search_index().vocab:
        return [(word, True)]
    for head, mark in heads:
        i = word.rfind(head)
        if i >= 3 and len(word) - i - len(head) <= 3:
            return [(word[:i], True), (head, mark == HEAD_MARK)]
    return [(word, True)]


def context_of(query: str) -> tuple[frozenset[str], bool, str]:
    """The chapter prefixes the words point to, whether they say hazardous, and the rest.

    The rest is the query's material words: context and hazard words left out, compounds split
    before a generic head ("beinrester" -> "bein rester", "oppdrettsanlegg" -> "oppdretts"),
    for a second search.

    Examples
    --------
    >>> context_of("forurenset slam fra meieri")
    (frozenset({'0205'}), True, 'slam fra')
    >>> context_of("beinrester fra slakteriet")[2]
    'bein rester fra'
    """
    words = fold(query).split()
    # "asfalt uten tjære", "free of asbestos": a negated hazard word says the opposite.
    said = [w for i, w in enumerate(words) if not (i and words[i - 1] in NEGATIONS)]
    heads = [(term[0], mark) for term, mark, _ in _context() if mark in (HEAD_MARK, PLACE_MARK)]
    prefixes, hazardous, used = set(), False, set()
    for term, prefix, loose in _context():
        if prefix not in (HEAD_MARK, PLACE_MARK) and _says(term, words, loose):
            if prefix == HAZARD_MARK:
                hazardous = hazardous or _says(term, said, loose)
            else:
                prefixes.add(prefix)
            used.update(w for w in words if w not in STOPWORDS
                        and any(w.startswith(t) or t in w for t in term))  # fmt: skip
    drop = {head for head, mark in heads if mark == PLACE_MARK}
    rest: list[str] = []
    for word in words:
        parts = _split(word, heads)
        if word in used and len(parts) == 1:
            # a context word that starts a compound leaves its material: "bryggerimasken"
            parts = [(word[len(t[0]):], True) for t, p, _ in _context()
                     if len(t) == 1 and p not in MARKS and word.startswith(t[0])
                     and len(word) - len(t[0]) >= 4][:1]  # fmt: skip
        rest.extend(part for part, keep in parts if keep and part not in drop)
    return frozenset(prefixes), hazardous, " ".join(rest)


def _without_generic(query: str) -> str:
    """``query`` folded without its generic input words ("råvare", "raw material"), or ""
    when the words before its first purpose word ("til", "for", "to") are only such words
    and little words: what follows says where the material goes, not what it is. Unchanged
    when it has no generic word.

    >>> _without_generic("råvare til fôrfabrikk"), _without_generic("raw material for cement")
    ('', '')
    >>> _without_generic("waste from washing raw materials")
    'waste from washing'
    """
    words = fold(query).split()
    generic = [term for term, mark, _ in _context() if mark == GENERIC_MARK]
    if not any(_says(term, words, loose=False) for term in generic):
        return query
    text = f" {' '.join(words)} "
    for term in sorted(generic, key=len, reverse=True):
        text = text.replace(f" {' '.join(term)} ", " ")
    rest = text.split()
    cut = next((k for k, w in enumerate(rest) if w in PURPOSE), len(rest))
    return " ".join(rest) if any(w not in STOPWORDS for w in rest[:cut]) else ""


def _is_utility(materials, hits) -> bool:
    """Whether the words clearly mean heat, cold or water rather than a waste."""
    if not materials or materials[0].score < UTILITY_MIN:
        return False
    from symbiose.taxonomy.materials import load_materials

    category = {m.id: m.category for m in load_materials()}.get(materials[0].code)
    best_ewc = max((h.score for h in hits), default=0.0)
    return category in UTILITY_CATEGORIES and best_ewc < materials[0].score


def _mirror_order(ranked: list[str], scores: dict[str, float], hazardous: bool) -> list[str]:
    """Put the harmless entry of each mirror pair first (or the hazardous one, if said)."""
    ewc = load_ewc()
    out: list[str] = []
    for code in ranked:
        if code in out:
            continue
        entry = ewc[code]
        partners = [m for m in entry.mirror_codes
                    if m in ewc and ewc[m].hazardous != entry.hazardous]  # fmt: skip
        wanted_first = [m for m in partners if ewc[m].hazardous == hazardous]
        if entry.hazardous != hazardous and wanted_first:
            first = max(wanted_first, key=lambda m: scores.get(m, 0.0))
            if first not in out:
                out.append(first)
                scores.setdefault(first, scores[code])
        out.append(code)
    return out


def _line(code: str, lang: str) -> str:
    entry = load_ewc()[code]
    return f"{entry.display} {entry.title(lang)}"


def suggest_ewc(query: str, *, lang: str = "nb", limit: int = 6) -> list[EwcSuggestion]:
    """Suggest six-digit EWC entries for plain words (or a code), best first.

    Parameters
    ----------
    query : str
        What the company calls the stream ("sagflis", "filterstøv fra stålverk",
        "spent pot lining") or a code ("10 01 05").
    lang : str
        Language of the titles returned ("nb" or "en"); the words may be in either.
    limit : int
        Maximum number of suggestions.

    Examples
    --------
    >>> s = suggest_ewc("filterstøv fra stålverk", lang="en")[0]
    >>> s.display, s.subchapter
    ('10 02 08', '10 02 wastes from the iron and steel industry')
    >>> s.note_params
    {'other': '10 02 07*'}
    """
    if not query or not query.strip():
        return []
    query = _without_generic(query)
    if not query:  # "råvare til fôrfabrikk" names what a process takes, no waste
        return []
    hits = search(query, lang=lang, kinds={"ewc"}, limit=60)
    named = re.split(r"\b(?:fra|from)\b", fold(query))[0].strip() or query
    if _is_utility(search(named, lang=lang, kinds={"material"}, limit=3), hits):
        return []
    prefixes, hazardous, rest = context_of(query)
    if rest and rest != fold(query):
        hits += search(rest, lang=lang, kinds={"ewc"}, limit=60)
    head = re.split(r"\b(?:fra|from)\b", rest)[0].strip()
    if prefixes and head and head != rest:
        # "ash from the boiler": the words before "from" name the material
        hits += search(head, lang=lang, kinds={"ewc"}, limit=60)
    scores: dict[str, float] = {}
    for h in hits:
        if h.kind == "ewc" and len(h.code) == 6:
            boost = CONTEXT_BOOST if any(h.code.startswith(p) for p in prefixes) else 1.0
            scores[h.code] = max(scores.get(h.code, 0.0), h.score * boost)
    ewc = load_ewc()
    ranked = sorted(scores, key=lambda c: (-round(scores[c], 4), ewc[c].hazardous != hazardous, c))
    ranked = _mirror_order(ranked, scores, hazardous)[:limit]
    out = []
    for code in ranked:
        entry = ewc[code]
        partners = tuple(m for m in entry.mirror_codes if m in ewc)
        note, params = "", {}
        if partners:
            other = ", ".join(ewc[m].display for m in partners)
            note, params = (NOTE_HAZARDOUS if entry.hazardous else NOTE_HARMLESS), {"other": other}
        elif entry.hazardous and entry.hazard_type == "absolute":
            note = NOTE_ABSOLUTE
        out.append(EwcSuggestion(
            code=code, display=entry.display, label=entry.title(lang), hazardous=entry.hazardous,
            chapter=_line(code[:2], lang), subchapter=_line(code[:4], lang),
            score=round(scores[code], 4), mirror=tuple(ewc[m].display for m in partners),
            note=note, note_params=params,
        ))  # fmt: skip
    return out
