"""The thesaurus matcher: words and phrases of a text to material classes, uses and sectors.

Pure module (no Django), used by :func:`symbiose.taxonomy.classify.classify`. Terms match
whole words, word prefixes from four letters, or, where a term is written ``*term``, the head
of a compound; phrases match word by word, and a phrase of a language that inflects (Greek,
the Slavic languages, Finnish, Lithuanian, Latvian, Estonian) also in its inflected forms
(``letters.inflects``). Where terms overlap the longest wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from symbiose.taxonomy.categories import THERMAL
from symbiose.taxonomy.knowledge import sector_words
from symbiose.taxonomy.letters import (
    ENDINGS,
    drop_fleeting_vowel,
    inflects,
    normalise,
    stem,
    tokens,
    without_fleeting_vowel,
)
from symbiose.taxonomy.materials import (
    ancestors,
    false_friends,
    form_words,
    load_materials,
    load_uses,
    term_languages,
)
from symbiose.taxonomy.origin import origin_products, origin_uses

# Inflections a compound's head may carry (nb: -en/-et/-er/-ene/-a, genitive -s; en: -s, -es).
COMPOUND_ENDINGS = frozenset({"", "e", "en", "et", "er", "ene", "a", "s", "es", "n", "r"})


#: One match in a text: ``(start_word, end_word, length, kind, id)``.
Span = tuple[int, int, int, str, str]
#: A phrase of a language that inflects: its words, the language, kind and id.
StemEntry = tuple[tuple[str, ...], str, str, str]
#: What one word holds: ``(term_length, kind, id)`` matches, and the phrases of languages that
#: inflect it may start, by their second word's initial (``None`` when there are none).
WordHits = tuple[list[tuple[int, str, str]], dict[str, list[StemEntry]] | None]
#: Languages whose words change their end by case and number (``letters.ENDINGS``).
INFLECTING = frozenset(ENDINGS)
HEAD = "head"  # a class term found as the last part of a compound word
NOTHING = "nothing"  # a word that looks like a material term and is not one (false_friends.csv)
_BUCKET = {"class": "classes", "use": "uses", "sector": "sectors", "form": "forms"}


class ThesaurusMatcher:
    """Find thesaurus classes and uses in text, longest match first.

    Single-word terms match a whole word or, from four letters, a word prefix; terms written
    ``*term`` also match inside compounds; ``term=`` matches the whole word only; multi-word
    terms match as a phrase (last word by prefix). Where terms overlap in the text the longest
    one wins, so ``saltsyre`` is hydrochloric acid and not salt.

    Examples
    --------
    >>> ThesaurusMatcher().find("Stålslagg fra lysbueovn")["classes"]
    {'slag_steel': 1.0}
    >>> found = ThesaurusMatcher().find("gips som råstoff til gipsplater")
    >>> sorted(found["classes"]), sorted(found["uses"])
    (['gypsum'], ['plasterboard'])
    """

    def __init__(self) -> None:
        # word -> (kind, id, mode); mode "prefix", "infix", "exact", or ("stem", words, lang)
        # for a term of a language that inflects, keyed by the stem of its first word: a word
        # of the text that starts with the stem is tested against the term (``inflects``).
        self.single: dict[str, list[tuple[str, str, Any]]] = {}
        self.infix: dict[str, list[tuple[str, str]]] = {}
        self.phrases: dict[tuple[str, str], list[tuple[tuple[str, ...], str, str]]] = {}
        self.class_uses: dict[str, frozenset[str]] = {}
        self.category: dict[str, str] = {}
        langs = term_languages()
        for m in load_materials():
            self.class_uses[m.id] = frozenset(u.id for u in m.used_by)
            self.category[m.id] = m.category
            for term in (*m.terms_en, *m.terms_nb, *m.terms_more):
                self._add(term, "class", m.id, langs.get(term, ()))
        for use in load_uses().values():
            for term in (*use.terms_en, *use.terms_nb, *use.terms_more):
                self._add(term, "use", use.id, langs.get(term, ()))
        for term, candidates in form_words():
            self._add(term, "form", ";".join(candidates))
        for term in false_friends():
            self._add(term, NOTHING, "")
        for term, _lang, nace in sector_words():
            # Sector words need a word boundary: "mine" must not match "mineral".
            # Short ones are whole words; from six letters also with an ending ("sagbruket").
            whole = " " in term or term.endswith("=") or len(term) >= 6
            self._add(term if whole else term + "=", "sector", nace)
        self.max_infix = max((len(k) for k in self.infix), default=0)
        self._cache: dict[str, WordHits] = {}

    def _add(self, term: str, kind: str, ident: str, langs: Iterable[str] = ()) -> None:
        mode = "prefix"
        if term.startswith("*"):
            mode, term = "infix", term[1:]
        elif term.endswith("="):
            mode, term = "exact", term[:-1]
        words = tuple(normalise(term).split())
        if not words:
            return
        if mode == "prefix" and len(words) > 1:
            # A phrase of a language that inflects matches with every word carrying another
            # ending ("popiołu lotnego" for "popiół lotny"). Single words are written as
            # stems that the prefix rule extends ("pasz"); read by their endings alone, they
            # met too many words of other languages ("happy" for Finnish "happo", acid).
            for lang in sorted(set(langs) & INFLECTING):
                first = words[0]
                for key in {stem(first, lang), stem(without_fleeting_vowel(first, lang), lang)}:
                    # Read in the same pass as the prefixes: mode ("stem", words, lang).
                    entry = (kind, ident, ("stem", words, lang))
                    if entry not in self.single.get(key, ()):
                        self.single.setdefault(key, []).append(entry)
        if len(words) > 1:
            # Keyed by the first word and the first letter of the second, which cuts the
            # phrases to check per word (the last word may be a prefix, so no more than that).
            key = (words[0], words[1][:1])
            self.phrases.setdefault(key, []).append((words, kind, ident))
            return
        word = words[0]
        if len(word) < 4:
            mode = "exact" if mode != "infix" else "infix"
        entry = (kind, ident, mode)
        if entry not in self.single.setdefault(word, []):
            self.single[word].append(entry)
        if mode == "infix":
            self.infix.setdefault(word, []).append((kind, ident))

    def _word_matches(self, word: str) -> WordHits:
        """Matches inside one word as ``(term_length, kind, id)``, and the phrases of languages
        that inflect whose first word ``word`` is a form of, by their second word's initial."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        found: list[tuple[int, str, str]] = []
        stemmed: dict[str, list[StemEntry]] = {}
        short = drop_fleeting_vowel(word)  # "strusek" (strusk) is a form of "struska"
        for k in range(2, len(word) + 2):
            key = word[:k] if k <= len(word) else short if short != word else None
            for kind, ident, mode in self.single.get(key, ()) if key else ():
                if type(mode) is not tuple:
                    if k == len(word) or (k < len(word) and mode in ("prefix", "infix")):
                        found.append((k, kind, ident))
                elif inflects(word, mode[1][0], mode[2]):
                    stemmed.setdefault(mode[1][1][:1], []).append((mode[1], mode[2], kind, ident))
        if self.infix:
            # A compound's head comes last ("stålslagg", "filterstøvet"): a marked term counts
            # only at the end of the word, before an inflection, never in the middle.
            n = len(word)
            for j in {n - len(e) for e in COMPOUND_ENDINGS if word.endswith(e)}:
                for i in range(max(1, j - self.max_infix), j - 3):
                    for kind, ident in self.infix.get(word[i:j], ()):
                        # The head of a compound names what it is ("betongslam" is a sludge).
                        found.append((j - i, HEAD if kind == "class" else kind, ident))
        hit = self._cache[word] = (found, stemmed or None)
        return hit

    def spans(self, text: str) -> list[tuple[int, int, int, str, str]]:
        """All matches as ``(start_word, end_word, length, kind, id)``, overlaps resolved."""
        words = tokens(text)
        cands: list[tuple[int, int, int, str, str]] = []
        last = len(words) - 1
        for i, w in enumerate(words):
            found, stemmed = self._cache.get(w) or self._word_matches(w)
            for length, kind, ident in found:
                cands.append((i, i + 1, length, kind, ident))
            if i == last:
                continue
            for phrase, kind, ident in self.phrases.get((w, words[i + 1][:1]), ()):
                n = len(phrase)
                if i + n > len(words):
                    continue
                if all(words[i + k] == phrase[k] for k in range(1, n - 1)) and words[
                    i + n - 1
                ].startswith(phrase[-1]):
                    cands.append((i, i + n, sum(map(len, phrase)) + n - 1, kind, ident))
            for phrase, lang, kind, ident in stemmed.get(words[i + 1][:1], ()) if stemmed else ():
                n = len(phrase)
                if i + n <= len(words) and all(
                    words[i + k] == phrase[k]
                    or (k == n - 1 and words[i + k].startswith(phrase[k]))
                    or inflects(words[i + k], phrase[k], lang)
                    for k in range(1, n)
                ):
                    # Counted by the words of the text, so "bioplynovej stanice" does not
                    # outweigh a sector word written "bioplynová stanice".
                    length = sum(min(len(words[i + k]), len(phrase[k])) for k in range(n))
                    cands.append((i, i + n, length + n - 1, kind, ident))
        cands = list(dict.fromkeys(cands))  # a term listed in several languages counts once
        # A false friend removes the shorter terms it starts with ("slag" in "slagtesvin"),
        # even where a longer term of the same word then wins ("brandstof" is a fuel).
        nothing = [c for c in cands if c[3] == NOTHING]
        if nothing:
            cands = [c for c in cands if c[3] == NOTHING or not any(
                n[0] == c[0] and n[1] == c[1] and n[2] > c[2] for n in nothing)]  # fmt: skip
        cands.sort(key=lambda c: (-c[2], c[0]))
        taken: list[tuple[int, int, int, str, str]] = []
        for c in cands:
            clash = [t for t in taken if c[0] < t[1] and t[0] < c[1] and t[2] > c[2]]
            if c[3] == HEAD:
                # A compound's material head survives a longer use or sector word that starts
                # the same word: "betongslam" is sludge, whatever "betong" says.
                c = (c[0], c[1], c[2], "class", c[4])
                clash = [t for t in clash if t[3] == "class" or t[1] - t[0] > 1]
            # A longer term wins, except that a material survives inside a one-word use term
            # that it serves ("gips" in "gipsplater": gypsum is used for plasterboard). Inside
            # a phrase it names the product ("calcium carbonate plant"), not what is wanted.
            if clash and not (
                c[3] == "class"
                and all(
                    t[3] == "use" and t[1] - t[0] == 1 and t[4] in self.class_uses.get(c[4], ())
                    for t in clash
                )  # fmt: skip
            ):
                continue
            taken.append(c)
        # A false friend wins its words by length and then names nothing.
        return [t for t in taken if t[3] != NOTHING]

    def find(
        self,
        text: str,
        weight: float = 1.0,
        prefer_uses: bool = False,
        category: str = "material",
    ) -> dict[str, dict[str, float]]:
        """Return ``{"classes": …, "uses": …, "sectors": …, "forms": …}`` (id -> weight) found
        in ``text``; a form's id is its candidate classes joined by ``;``.

        With ``prefer_uses`` (a need's text) a word that is both a material and a use is read
        as the use: "substrate for biogas" wants something for a biogas plant, not biogas;
        unless it names a class of the listing's own thermal ``category``: a heat need for
        "höyry" or "process steam" wants steam (a water need keeps its category's broad
        class, which every kind of water serves). Classes that only say what the
        listing's material is for, where it comes from or what it is without are context,
        not its material (:func:`context_spans`).
        """
        res: dict[str, dict[str, float]] = {"classes": {}, "uses": {}, "sectors": {}, "forms": {}}
        spans = self.spans(text)
        if prefer_uses and len(spans) > 1:
            used = {(t[0], t[1]) for t in spans if t[3] == "use"}
            if used:
                own = category if category in THERMAL else None
                spans = [t for t in spans if t[3] != "class" or (t[0], t[1]) not in used
                         or self.category.get(t[4]) == own]  # fmt: skip
        if any(t[0] > 0 and t[3] == "class" for t in spans):  # a class after some word
            context = context_spans(text, spans, uses_lead=prefer_uses)
            if context:
                spans = [t for t in spans if t not in context]
        res["origin"], res["spent"], res["product"] = {}, {}, {}
        if not prefer_uses:  # an offer's origin ("Residues from sugar production")
            for s, e, origin in origin_products(text, PURPOSE, SOURCE):
                res["origin"][origin.nace] = weight
                if origin.spent:
                    res["spent"][origin.spent] = weight
                # The product names the process, not the material ("from paper production").
                product = [t for t in spans if t[3] == "class" and s <= t[0] and t[1] <= e]
                res["product"].update((t[4], weight) for t in product)
                spans = [t for t in spans if t not in product]
        for _s, _e, _l, kind, ident in spans:
            res[_BUCKET[kind]][ident] = weight  # one weight per call
        res["purpose"] = {t[4]: weight for t in purpose_spans(text, spans)}
        res["source"] = {t[4]: weight for t in purpose_spans(text, spans, "use", SOURCE)}
        res["source"].update(dict.fromkeys(origin_uses(text, spans), weight))
        return res


#: Words after which a material is context, not the listing's own (folded, per language):
#: what it is for ("Syre til nøytralisering av flygeaske", acid to neutralise fly ash), where
#: it comes from ("Gips z instalacji odsiarczania spalin", gypsum from flue-gas cleaning)
#: and, without a material before them, what it is free of ("Granulat asfaltowy, bez smoły").
#: Greek and Bulgarian "για", "από", "за", "от" are dropped with the function words before
#: matching (``letters.latin``), so those languages are not read this way.
PURPOSE = frozenset(
    "til for till fur zur zum voor ter pour per para do dla pro za pentru".split()
)  # nb da sv en de nl fr it es pt pl cs sk sl hr ro
SOURCE = frozenset(
    "fra fran from aus uit dal dalla dallo dai dagli dalle z ze iz din".split()
)  # nb da sv en de nl it pl cs sk sl hr ro
WITHOUT = frozenset(
    "uten utan uden without ohne zonder sans senza sin sem bez brez fara ilman".split()
)
_MARKERS = PURPOSE | SOURCE | WITHOUT
#: Uses whose plant is named by the fuel it takes (:func:`context_spans`).
FUEL_USES = frozenset({"energy_recovery"})
_CLAUSE = re.compile(r"[.;:!?()\n,]+")


def _refines(class_id: str, named: set[str]) -> bool:
    """``class_id`` is one of the ``named`` classes, an ancestor or a narrower class of one."""
    return class_id in named or any(
        class_id in ancestors(c) or c in ancestors(class_id) for c in named
    )


def context_spans(text: str, spans: list[Span], uses_lead: bool = False) -> set[Span]:
    """Class spans of ``text`` that are context: after a purpose or source word in the same
    clause when a material is named before that word, or after a "without" word.

    A class after the word that is a narrower or broader class of one named before it
    refines that material and stays ("Slagg fra ferrokromproduksjonen").

    With ``uses_lead`` (a need's text) a use named before a purpose word counts as the
    wanted thing too: "Soil amendment for sandy soils" wants a soil improver, and the sand
    after "for" is the soil it goes on, not what is wanted; but not a fuel use
    (:data:`FUEL_USES`), whose plant is named by its fuel.

    >>> text = "Soil amendment for sandy soils"
    >>> spans = default_matcher().spans(text)
    >>> sorted(s[4] for s in context_spans(text, spans, uses_lead=True))
    ['aggregate', 'soil']

    Examples
    --------
    >>> m = default_matcher()
    >>> text = "Syre til nøytralisering av flygeaske"
    >>> sorted(s[4] for s in context_spans(text, m.spans(text)))
    ['ash_fly']
    >>> text = "Behov for flis"  # nothing named before "for": flis is what is wanted
    >>> context_spans(text, m.spans(text))
    set()
    """
    words = tokens(text)
    marks = [i for i, w in enumerate(words) if w in _MARKERS]
    if not marks:
        return set()
    # The clause of each word: split where the text has a stop, a comma or a bracket.
    clause: list[int] = []
    for k, part in enumerate(_CLAUSE.split(text)):
        clause += [k] * len(tokens(part))
    if len(clause) != len(words):
        clause = [0] * len(words)
    classes = [t for t in spans if t[3] == "class"]
    # A fuel need names its plant by what it burns ("Combustibile per la caldaia a cippato",
    # "Fuel for the biomass CHP"): after a fuel use the class is the wanted fuel.
    uses = [t for t in spans if t[3] == "use" and t[4] not in FUEL_USES] if uses_lead else []
    out: set[Span] = set()
    for m in marks:
        before = [t for t in classes if t[1] <= m and clause[t[0]] == clause[m]]
        use_first = words[m] in PURPOSE and any(
            t[1] <= m and clause[t[0]] == clause[m] for t in uses
        )
        if words[m] not in WITHOUT and not before and not use_first:
            continue
        named = {t[4] for t in before}
        named -= {a for c in named for a in ancestors(c)[1:]}  # the narrowest named
        out.update(t for t in classes if t[0] > m and clause[t[0]] == clause[m]
                   and (words[m] in WITHOUT or not _refines(t[4], named)))  # fmt: skip
    return out


def purpose_spans(
    text: str, spans: list[Span], kind: str = "sector", markers: frozenset[str] = PURPOSE
) -> list[Span]:
    """Spans of ``kind`` after one of ``markers`` in the same clause. Sectors after a purpose
    word: where a listing's material goes ("Flis til fjernvarmeanlegget"), not who gives it
    off. Uses after a source word (``markers=SOURCE``): the process an offer's material comes
    from ("Restprodukter fra pektinproduktionen"), not what it is good for.

    >>> text = "Flis til fjernvarmeanlegget"
    >>> [s[4] for s in purpose_spans(text, default_matcher().spans(text))]
    ['35.30']
    >>> text = "Restprodukter fra pektinproduktionen"
    >>> [s[4] for s in purpose_spans(text, default_matcher().spans(text), "use", SOURCE)]
    ['food_ingredients']
    """
    words = tokens(text)
    marks = [i for i, w in enumerate(words) if w in markers]
    if not marks:
        return []
    clause: list[int] = []
    for k, part in enumerate(_CLAUSE.split(text)):
        clause += [k] * len(tokens(part))
    if len(clause) != len(words):
        clause = [0] * len(words)
    return [t for t in spans if t[3] == kind
            and any(m < t[0] and clause[m] == clause[t[0]] for m in marks)]  # fmt: skip


@lru_cache(maxsize=1)
def default_matcher() -> ThesaurusMatcher:
    """A shared matcher (building it reads the thesaurus once)."""
    return ThesaurusMatcher()
