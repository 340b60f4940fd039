"""The language a listing is written in, read from the knowledge base's own words.

When neither side of a pair has a place, the distance says nothing, and a registry that
spans countries has many equally plausible partners for each listing: every brewery's spent
grain fits every cattle farm's feed need. The one sign of where a listing is that the pair
itself still carries is the language it is written in: a listing in Finnish was very likely
written in Finland, and one in Finnish and one in German likely lie in two countries.
English is written everywhere, so an English listing says nothing about where it is
(:data:`NEUTRAL`). :func:`unknown_distance_scale` turns two languages into the distance a
pair without places is assumed to span (``docs/matching.md``).

The engine reads the language of a listing's title only: every viewer may see the title,
while a description may be hidden, and its language would show through the score. The
words are read against the words the knowledge base holds in each language (the
thesaurus's Norwegian and English terms, the official Norwegian and English waste-code
titles, ``material_words.csv``, ``sector_words.csv``, ``ewc_words.csv``, ``form_words.csv``),
each language's commonest function words (:data:`FUNCTION_WORDS`) and the letters only some
languages write (:data:`LETTERS`). Each word votes for the languages that hold it, split among
them; a language must lead by a whole vote, else there is none. Nothing is read from other
listings, so the reading of a listing never changes with the registry.

Examples
--------
>>> listing_language("Brødrester og returbrød", "fra bakeriet")
'nb'
>>> listing_language("Restvärme från raffinaderiet", "")
'sv'
>>> listing_language("Fly ash from the power plant", "")
'en'
>>> listing_language("XYZ-123", "")
''
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from functools import lru_cache

import numpy as np

from symbiose.taxonomy.lists import DATA_DIR
from symbiose.taxonomy.search.words import fold

from .physics import factor_at_scale

#: English is written in every country: an English listing says nothing about where it is.
NEUTRAL = "en"
#: Languages the knowledge base holds words in (a listing's language is one of these or "").
LANGUAGES = ("en", "nb", "da", "sv", "fi", "de", "nl", "fr", "it", "es", "pt", "pl", "cs",
             "sk", "hu", "ro", "sl", "hr", "el", "bg", "lt", "lv", "et", "is")  # fmt: skip
#: The commonest function words (articles, conjunctions, prepositions) of each language, as
#: grammars list them (the team's reading); Greek and Bulgarian as ``letters.latin`` spells
#: them. A word several languages share votes for each of them at a share.
FUNCTION_WORDS = {
    "en": "the and for from with of to in on by at into other",
    "nb": "og til fra av med for som etter ved",
    "da": "og til fra af med for som efter ved",
    "sv": "och till fran av med for som efter vid",
    "fi": "ja seka tai",
    "de": "fur und mit von der die das den dem des aus zur zum bei ein eine",
    "nl": "voor van met uit het een en de bij",
    "fr": "pour avec des les une dans sur du et de la le",
    "it": "per con del della dei delle una di e da il",
    "es": "para los las por del con y de el la",
    "pt": "para dos das com em do da e de",
    "pl": "dla do na przy oraz ze po i z w od bez",
    "cs": "pro nebo a z na ze od bez",
    "sk": "pre alebo a z na zo od bez",
    "hu": "es az egy vagy a",
    "ro": "pentru cu din la si",
    "sl": "za iz in ali na",
    "hr": "za iz i ili na",
    "el": "kai apo gia me sto sti tou tis ton",
    "bg": "za ot s na i",
    "is": "og fyrir med sem vid eda ur",
}
#: A pair in two national languages (likely two countries) is assumed at least this many km
#: and this many of its own scales apart (:func:`unknown_distance_scale`). An estimate: sites
#: in two neighbouring countries lie some 250–1 500 km apart (Oslo–Copenhagen 480 km,
#: Brussels–Paris 260 km, Berlin–Warsaw 520 km), the low end of a wide range, so that a pair
#: abroad is never assumed nearer than the default of one country.
ABROAD_KM, OTHER_TONGUE = 500.0, 2.0
#: Letters that only some languages write (their spelling rules), each a vote when present.
LETTERS = {
    "ø": "nb da", "æ": "nb da", "å": "nb da sv", "ä": "sv fi de et", "ö": "sv fi de hu et",
    "ü": "de hu et", "ß": "de", "ł": "pl", "ą": "pl lt", "ę": "pl lt", "ś": "pl", "ż": "pl",
    "ź": "pl", "ř": "cs", "ě": "cs", "ů": "cs", "ľ": "sk", "ŕ": "sk", "ő": "hu", "ű": "hu",
    "ș": "ro", "ț": "ro", "ă": "ro", "ç": "pt fr", "ã": "pt", "õ": "pt et", "ñ": "es",
    "è": "fr it", "ê": "fr pt", "œ": "fr", "č": "cs sk sl hr lt lv", "š": "cs sk sl hr lt lv et",
    "ž": "cs sk sl hr lt lv et", "đ": "hr", "ć": "hr pl", "ė": "lt", "į": "lt", "ų": "lt",
    "ū": "lt lv", "ā": "lv", "ē": "lv", "ī": "lv", "ģ": "lv", "ķ": "lv", "ļ": "lv", "ņ": "lv",
    "ð": "is", "þ": "is",
}  # fmt: skip
#: Neighbouring languages so alike in writing that a few words rarely tell them apart: a
#: pair written in two of one group says nothing about a border.
NEIGHBOURS = (frozenset({"nb", "da", "sv"}), frozenset({"cs", "sk"}), frozenset({"hr", "sl"}),
              frozenset({"es", "pt"}))  # fmt: skip
_MIN_PREFIX = 5  # a word is read by its longest known prefix of at least this many letters
#: Votes are sums of shares (a letter five languages write gives each 0.2): a lead of exactly
#: one vote must not be lost to rounding ("Rötslam" is Swedish 1.2 against 0.2 each).
_EPS = 1e-9


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Folded word -> languages holding it: the knowledge base's words and function words."""
    terms: dict[str, set[str]] = defaultdict(set)

    def add(text: str, lang: str) -> None:
        for w in fold(text.rstrip("=")).split():
            if len(w) >= 3 and not w.isdigit():
                terms[w].add(lang)

    thesaurus = json.loads((DATA_DIR / "materials.json").read_text(encoding="utf-8"))
    for c in thesaurus["classes"]:
        for lang in ("en", "nb"):
            for t in (c[f"label_{lang}"], *c[f"terms_{lang}"]):
                add(t.replace("*", ""), lang)
    for u in thesaurus["uses"]:
        for lang in ("en", "nb"):
            for t in u.get(lang, ()):
                add(t, lang)
    for name, term in (("material_words.csv", "terms"), ("ewc_words.csv", "terms"),
                       ("sector_words.csv", "term"), ("form_words.csv", "term")):  # fmt: skip
        with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                for t in r[term].split(";"):
                    add(t, r["lang"])
    with (DATA_DIR / "ewc.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            add(r["title_en"], "en")
            add(r["title_nb"], "nb")
    function: dict[str, set[str]] = defaultdict(set)
    for lang, words in FUNCTION_WORDS.items():
        for w in words.split():
            function[w].add(lang)
    return ({k: frozenset(v) for k, v in terms.items()},
            {k: frozenset(v) for k, v in function.items()})  # fmt: skip


def language_words() -> int:
    """Read the words of every language now (cached); how many there are."""
    return len(_words()[0])


@lru_cache(maxsize=65_536)
def _languages_of(word: str) -> frozenset[str]:
    terms, function = _words()
    found = function.get(word) or terms.get(word)
    if found:
        return found
    for n in range(len(word) - 1, _MIN_PREFIX - 1, -1):
        found = terms.get(word[:n])
        if found:
            return found
    return frozenset()


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65_536)
def _word_votes(raw: str) -> tuple[tuple[str, float], ...]:
    """The votes of one word as written (folded, it may give several)."""
    out = []
    for word in fold(raw).split():
        langs = _languages_of(word)
        out += [(lang, 1.0 / len(langs)) for lang in langs]
    return tuple(out)


@lru_cache(maxsize=65_536)
def listing_language(title: str, description: str = "") -> str:
    """The language ``title`` and ``description`` are written in (a code of
    :data:`LANGUAGES`), or ``""`` when the words do not say (no known word, or a tie)."""
    votes: dict[str, float] = defaultdict(float)
    text = f"{title} {description or ''}"
    for letter in set(text.lower()) & LETTERS.keys():
        langs = LETTERS[letter].split()
        for lang in langs:
            votes[lang] += 1.0 / len(langs)
    for raw in _WORD.findall(text.lower()):
        for lang, share in _word_votes(raw):
            votes[lang] += share
    if not votes:
        return ""
    # Neighbouring languages share most words ("til", "betong", "råvare"), so their votes
    # add up: the group must lead by a whole vote, then its own leading language is named
    # (the rule of :func:`unknown_distance_scale` reads only the group).
    groups: dict[str, float] = defaultdict(float)
    for lang, v in votes.items():
        groups[_GROUP_NAME[lang]] += v
    ranked = sorted(groups.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - 1.0 + _EPS:  # not a whole word ahead
        return ""
    inside = [lang for lang in LANGUAGES if _GROUP_NAME[lang] == ranked[0][0] and lang in votes]
    return max(inside, key=lambda lang: votes[lang])  # the first of equals in LANGUAGES


def language_code(lang: str) -> int:
    """A listing language as the integer the feature table stores: -1 for none or English
    (neither says where a listing is), else its place in :data:`LANGUAGES`."""
    if not lang or lang == NEUTRAL:
        return -1
    return LANGUAGES.index(lang)


def unknown_distance_scale(t, o, n, scale_km):
    """How far apart a pair without a known distance is assumed to lie, in units of its own
    scale ``scale_km`` (the material's reach by road, or the pipe's limit): 1, the unknown
    distance's default, unless the two listings are written in two national languages that
    are not neighbours (:data:`NEIGHBOURS`). Such a pair likely crosses a border, and is
    assumed at least :data:`ABROAD_KM` apart and at least ``OTHER_TONGUE`` times its scale.

    One language on both sides adds nothing: the default already describes the usual pair of
    a registry, two listings of one country. English, or a listing whose words name no
    language, says nothing either.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> nb, da, fi, de = (LANGUAGES.index(x) for x in ("nb", "da", "fi", "de"))
    >>> t = SimpleNamespace(lang=np.array([nb, nb, da, fi, -1, de]))
    >>> unknown_distance_scale(t, np.zeros(5, int), np.arange(1, 6), 100.0).tolist()
    [1.0, 1.0, 5.0, 1.0, 5.0]
    >>> float(unknown_distance_scale(t, 3, 5, 1500.0))  # metals travel far: twice their reach
    2.0
    """
    lo, ln = t.lang[o], t.lang[n]
    abroad = (lo >= 0) & (ln >= 0) & (_GROUP[lo] != _GROUP[ln])
    far = np.maximum(OTHER_TONGUE, ABROAD_KM / np.asarray(scale_km, dtype=float))
    return np.where(abroad, far, 1.0)


def abroad_factor(t, o, n, dist, limit, reach, f_dist):
    """``f_dist`` with each pair of unknown distance (NaN ``dist``) scored at the scale
    :func:`unknown_distance_scale` assumes: its pipe's ``limit`` where that is finite, else
    its material's ``reach`` (km)."""
    unknown = np.isnan(dist)
    if not unknown.any():
        return f_dist
    pipe = np.isfinite(limit)
    x = unknown_distance_scale(t, o, n, np.where(pipe, limit, reach))
    return np.where(unknown, factor_at_scale(x, pipe), f_dist)


def abroad(lang_a: str, lang_b: str) -> bool:
    """Whether two listings' languages say they are in two countries (the rule of
    :func:`unknown_distance_scale`).

    >>> abroad("fi", "de"), abroad("nb", "da"), abroad("fi", "en"), abroad("fi", "fi")
    (True, False, False, False)
    """
    a, b = language_code(lang_a), language_code(lang_b)
    return bool(a >= 0 and b >= 0 and _GROUP[a] != _GROUP[b])


#: Each language's group by name: the first language of its :data:`NEIGHBOURS` group, else
#: itself.
_GROUP_NAME = {lang: next((min(g, key=LANGUAGES.index) for g in NEIGHBOURS if lang in g), lang)
               for lang in LANGUAGES}  # fmt: skip
#: Each language's group (:data:`NEIGHBOURS`, else its own), indexed by language code.
_GROUP = np.array([next((min(LANGUAGES.index(x) for x in g) for g in NEIGHBOURS if lang in g), i)
                   for i, lang in enumerate(LANGUAGES)])  # fmt: skip
