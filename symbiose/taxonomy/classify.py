"""Text to material classes: the pure classifier shared by search, the registry and matching.

A class needs evidence: a thesaurus word or phrase in the text (never a bare substring: terms
match whole words, word prefixes from four letters, or, where a term is written ``*term``,
inside compounds), an EWC code, or a sector. :func:`classify` combines the three and says for
every class where it came from.

* Words and phrases in Norwegian or English (``data/materials.json``); where terms overlap
  the longest wins, so "scrap wood" is wood and "saltsyre" hydrochloric acid, not salt.
* The EWC code: every one of the 842 entries maps to a class (``classes_for_ewc``). When the
  words name a class with the same top class as the code's (ferroalloy slag coded as steel
  slag, rice husk coded as brewers' grain), the words win and the code's class is dropped.
* Sectors: words naming a kind of organisation ("sagbruk", "feed mill", "pig farms") and the
  organisation's NACE code; an offer that names no material takes the first side streams of
  its producer's sector profile (``knowledge.sector_profile``) at a lower weight.

Examples
--------
>>> normalise("Røykgass-GIPS, CO₂ (Øra)")
'roykgass gips co2 ora'
>>> [c.class_id for c in classify("Scrap wood from pallets").classes]
['wood_clean']
>>> [c.class_id for c in classify("Brødrester fra bakeriet").classes]
['bakery_waste']
>>> classify("Raw material for a toy factory", direction="need").sectors
('32.40',)

Every part of Symbiose that reads a material class from a listing calls :func:`classify`
(the engine's features and flow prior, impact's value class, search filters, resource pages):
fields hidden from a reader are passed in ``hidden``, never blanked by the caller, so a
class is read the same way everywhere and never from a field the reader may not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from symbiose.taxonomy.categories import CATEGORIES
from symbiose.taxonomy.codeclass import code_weights
from symbiose.taxonomy.knowledge import read_forms, sector_profile, sector_words
from symbiose.taxonomy.letters import normalise, tokens
from symbiose.taxonomy.materials import (
    ancestors,
    classes_for_ewc,
    false_friends,
    form_words,
    load_materials,
    load_uses,
    materials_by_id,
)

# Inflections a compound's head may carry (nb: -en/-et/-er/-ene/-a, genitive -s; en: -s, -es).
COMPOUND_ENDINGS = frozenset({"", "e", "en", "et", "er", "ene", "a", "s", "es", "n", "r"})


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
        self.single: dict[str, list[tuple[str, str, str]]] = {}  # word -> (kind, id, mode)
        self.infix: dict[str, list[tuple[str, str]]] = {}
        self.phrases: dict[tuple[str, str], list[tuple[tuple[str, ...], str, str]]] = {}
        self.class_uses: dict[str, frozenset[str]] = {}
        for m in load_materials():
            self.class_uses[m.id] = frozenset(u.id for u in m.used_by)
            for term in (*m.terms_en, *m.terms_nb, *m.terms_more):
                self._add(term, "class", m.id)
        for use in load_uses().values():
            for term in (*use.terms_en, *use.terms_nb, *use.terms_more):
                self._add(term, "use", use.id)
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
        self._cache: dict[str, list[tuple[int, str, str]]] = {}

    def _add(self, term: str, kind: str, ident: str) -> None:
        mode = "prefix"
        if term.startswith("*"):
            mode, term = "infix", term[1:]
        elif term.endswith("="):
            mode, term = "exact", term[:-1]
        words = tuple(normalise(term).split())
        if not words:
            return
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

    def _word_matches(self, word: str) -> list[tuple[int, str, str]]:
        """Matches inside one word as ``(term_length, kind, id)``."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        found: list[tuple[int, str, str]] = []
        for k in range(2, len(word) + 1):
            for kind, ident, mode in self.single.get(word[:k], ()):
                if k == len(word) or mode in ("prefix", "infix"):
                    found.append((k, kind, ident))
        if self.infix:
            # A compound's head comes last ("stålslagg", "filterstøvet"): a marked term counts
            # only at the end of the word, before an inflection, never in the middle.
            n = len(word)
            for j in {n - len(e) for e in COMPOUND_ENDINGS if word.endswith(e)}:
                for i in range(max(1, j - self.max_infix), j - 3):
                    for kind, ident in self.infix.get(word[i:j], ()):
                        # The head of a compound names what it is ("betongslam" is a sludge).
                        found.append((j - i, HEAD if kind == "class" else kind, ident))
        self._cache[word] = found
        return found

    def spans(self, text: str) -> list[tuple[int, int, int, str, str]]:
        """All matches as ``(start_word, end_word, length, kind, id)``, overlaps resolved."""
        words = tokens(text)
        cands: list[tuple[int, int, int, str, str]] = []
        last = len(words) - 1
        for i, w in enumerate(words):
            for length, kind, ident in self._word_matches(w):
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
        self, text: str, weight: float = 1.0, prefer_uses: bool = False
    ) -> dict[str, dict[str, float]]:
        """Return ``{"classes": …, "uses": …, "sectors": …, "forms": …}`` (id -> weight) found
        in ``text``; a form's id is its candidate classes joined by ``;``.

        With ``prefer_uses`` (a need's text) a word that is both a material and a use is read
        as the use: "substrate for biogas" wants something for a biogas plant, not biogas.
        """
        res: dict[str, dict[str, float]] = {"classes": {}, "uses": {}, "sectors": {}, "forms": {}}
        spans = self.spans(text)
        if prefer_uses and len(spans) > 1:
            used = {(t[0], t[1]) for t in spans if t[3] == "use"}
            if used:
                spans = [t for t in spans if t[3] != "class" or (t[0], t[1]) not in used]
        for _s, _e, _l, kind, ident in spans:
            res[_BUCKET[kind]][ident] = weight  # one weight per call
        return res


@lru_cache(maxsize=1)
def default_matcher() -> ThesaurusMatcher:
    """A shared matcher (building it reads the thesaurus once)."""
    return ThesaurusMatcher()


MAX_CLASSES = 3
#: The class a listing of a category has when its words name none of that category's
#: classes (``Category.listing_class`` in :mod:`~symbiose.taxonomy.categories`).
DEFAULT_CLASS = {c.key: c.listing_class for c in CATEGORIES if c.listing_class}
#: How strongly the category alone says so (``Category.listing_weight``).
DEFAULT_WEIGHT = {c.key: c.listing_weight for c in CATEGORIES if c.listing_class}
#: Fields a reader may be refused (``registry.access`` names) and what each one carries here.
HIDEABLE = frozenset({"description", "ewc_code", "identity"})


@dataclass(frozen=True)
class ClassHit:
    """One class of a listing: its id, weight in [0, 1] and the evidence (``source``).

    ``source`` is ``"title"``, ``"description"``, ``"ewc_code"``, ``"category"`` or
    ``"sector"`` (the producer's sector profile).
    """

    class_id: str
    weight: float
    source: str


@dataclass(frozen=True)
class Classification:
    """What :func:`classify` found: classes (best first), uses and sectors named in the text."""

    classes: tuple[ClassHit, ...]
    uses: frozenset[str]
    title_uses: frozenset[str]
    sectors: tuple[str, ...]
    title_sectors: frozenset[str] = frozenset()


_classes_for_ewc = lru_cache(maxsize=65_536)(classes_for_ewc)


def _root(c: str) -> str:
    return ancestors(c)[-1]


@lru_cache(maxsize=100_000)
def classify(
    title: str,
    description: str = "",
    ewc_code: str | None = None,
    category: str = "material",
    nace: str | None = None,
    direction: str = "offer",
    hidden: frozenset[str] = frozenset(),
) -> Classification:
    """Classify one listing from its words, EWC code, category and organisation's sector.

    ``hidden`` names the fields the reader may not see (``"description"``, ``"ewc_code"``,
    ``"identity"`` for the organisation's sector; others are ignored): they are left out,
    so the classes never reveal them.

    Returns at most three leaf classes, highest weight first: words in the title weigh 1.0,
    in the description 0.7, the EWC code 0.9, the category 0.9 for heat, cold and water and
    0.5 for gas and services; an offer whose words and code name no material takes up to
    three side streams of its sector (text sector words first, else ``nace``) at 0.4.

    Examples
    --------
    >>> [(c.class_id, c.source) for c in classify("Ferroalloy slag", ewc_code="100202").classes]
    [('slag_ferroalloy', 'title')]
    >>> [(c.class_id, c.source) for c in classify("Restprodukt", nace="16.10").classes][:1]
    [('wood_clean', 'sector')]
    >>> classify("Restprodukt", nace="16.10", hidden=frozenset({"identity"})).classes
    ()
    """
    if hidden & HIDEABLE:
        return classify(
            title,
            "" if "description" in hidden else description,
            None if "ewc_code" in hidden else ewc_code,
            category,
            None if "identity" in hidden else nace,
            direction,
        )
    matcher = default_matcher()
    found: dict[str, tuple[float, str]] = {}
    uses: set[str] = set()
    title_uses: frozenset[str] = frozenset()
    sectors: dict[str, None] = {}
    title_sectors: frozenset[str] = frozenset()
    forms: dict[str, tuple[float, str]] = {}
    for text, weight, source in ((title, 1.0, "title"), (description, 0.7, "description")):
        if not text:
            continue
        hit = matcher.find(text, weight, prefer_uses=direction == "need")
        if source == "title":
            title_uses = frozenset(hit["uses"])
            title_sectors = frozenset(hit["sectors"])
        for c, w in hit["classes"].items():
            if c not in found or found[c][0] < w:
                found[c] = (w, source)
        uses.update(hit["uses"])
        sectors.update(dict.fromkeys(sorted(hit["sectors"])))
        for f in hit["forms"]:
            forms.setdefault(f, (weight, source))
    worded = bool(found)
    if ewc_code:
        worded_roots = {_root(c) for c in found}
        coded = [
            c for c in _classes_for_ewc(ewc_code) if c not in found and _root(c) not in worded_roots
        ]
        for c, w in code_weights(coded, (*sectors, nace), direction).items():
            found[c] = (w, "ewc_code")
    if forms and not worded and category == "material":
        read_forms(forms, found, (*sectors, nace), direction)
    by_id = materials_by_id()
    if category in DEFAULT_CLASS and not any(
        by_id[c].category == category for c in found if c in by_id
    ):
        found[DEFAULT_CLASS[category]] = (DEFAULT_WEIGHT[category], "category")
    if not found and direction == "offer" and category == "material":
        for code in (*sectors, nace):
            profile = sector_profile(code)
            if profile is None:
                continue
            outs = [c for c in profile.outputs if c in by_id and by_id[c].category == "material"]
            for k, c in enumerate(outs[:MAX_CLASSES]):  # most typical first
                found[c] = (0.4 - 0.01 * k, "sector")
            break
    inner = {a for c in found for a in ancestors(c)[1:]}
    # Words that name a service (a workshop, a carrier, a laboratory) say what a service
    # listing offers; in any other listing they say where its material comes from or how it
    # travels ("Holzspäne aus der Werkstatt"), so they rank after the listing's own classes.
    services = {c for c in found if c in by_id and by_id[c].category == "service"}
    leaves = sorted(
        ((c, w, s) for c, (w, s) in found.items() if c not in inner),
        key=lambda t: ((t[0] in services) != (category == "service"), -t[1], t[0]),
    )[:MAX_CLASSES]
    return Classification(
        classes=tuple(ClassHit(c, w, s) for c, w, s in leaves),
        uses=frozenset(uses),
        title_uses=title_uses,
        sectors=tuple(sectors),
        title_sectors=title_sectors,
    )


def agreeing_with_code(found: Classification, ewc_code: str | None) -> tuple[ClassHit, ...]:
    """``found``'s classes best first, and among equal weights first those the EWC code
    agrees with (the code's class or an ancestor of it).

    "Hydroxide sludge with nickel, cobalt and copper" coded 19 08 13 names a sludge and
    copper equally; the code says it is a sludge that contains copper.

    Examples
    --------
    >>> found = classify("Hydroxide sludge with nickel, cobalt and copper", ewc_code="190813")
    >>> [h.class_id for h in found.classes][0]
    'metal_copper'
    >>> [h.class_id for h in agreeing_with_code(found, "190813")][0]
    'sludge_metal_hydroxide'
    """
    by_code = set(_classes_for_ewc(ewc_code)) if ewc_code else set()

    def disagrees(hit: ClassHit) -> bool:
        return bool(by_code) and not by_code & set(ancestors(hit.class_id))

    return tuple(sorted(found.classes, key=lambda h: (-h.weight, disagrees(h))))


def with_ancestors(found: Classification) -> frozenset[str]:
    """Every class of ``found`` and all their ancestors (what a filter on a parent class
    matches).

    >>> sorted(with_ancestors(classify("Stålslagg")))
    ['slag', 'slag_steel']
    """
    return frozenset(a for hit in found.classes for a in ancestors(hit.class_id))
