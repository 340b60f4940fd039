"""Text to material classes: the pure classifier shared by search, the registry and matching.

A class needs evidence: a thesaurus word or phrase in the text (never a bare substring: terms
match whole words, word prefixes from four letters, or, where a term is written ``*term``,
inside compounds; :mod:`~symbiose.taxonomy.matcher`), an EWC code, or a sector.
:func:`classify` combines the three and says for every class where it came from.

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

from symbiose.taxonomy.categories import CATEGORIES, FEEDSTOCK, THERMAL
from symbiose.taxonomy.codeclass import code_weights
from symbiose.taxonomy.knowledge import read_forms, sector_profile
from symbiose.taxonomy.letters import normalise  # noqa: F401 (the engine reads it from here)
from symbiose.taxonomy.matcher import ThesaurusMatcher, default_matcher  # noqa: F401
from symbiose.taxonomy.materials import (
    ancestors,
    classes_for_ewc,
    materials_by_id,
)
from symbiose.taxonomy.origin import use_origin

MAX_CLASSES = 3
#: Listing categories whose own classes outrank heat words (:data:`FEEDSTOCK`: matter).
MATTER = frozenset(FEEDSTOCK)
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
    #: Uses of the process an offer named only as its origin, when its classes were read from
    #: that process's side streams: what the process left, so not what it takes.
    spent_for: frozenset[str] = frozenset()


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
    # An offer's sector named after a purpose word is where it goes, not who gives it off.
    dest: dict[str, None] = {}
    # Where an offer says it comes from ("Residues from sugar production"): its producers.
    origin: dict[str, None] = {}
    spent: set[str] = set()
    product: set[str] = set()
    for text, weight, source in ((title, 1.0, "title"), (description, 0.7, "description")):
        if not text:
            continue
        hit = matcher.find(text, weight, prefer_uses=direction == "need", category=category)
        named = sorted(hit["sectors"])
        if direction == "offer":
            dest.update(dict.fromkeys(c for c in named if c in hit["purpose"]))
            named = [c for c in named if c not in hit["purpose"]]
            # "Restprodukter fra pektinproduktionen": a use after a source word is the
            # process the material comes from, not one it serves.
            hit["uses"] = {u: w for u, w in hit["uses"].items() if u not in hit["source"]}
            origin.update(dict.fromkeys(hit["origin"]))  # a product names its maker first
            for u in hit["source"]:
                made_by = use_origin(u)
                if made_by is not None:
                    origin[made_by.nace] = None
                    spent.add(u)
            spent.update(hit["spent"])
            product.update(hit["product"])
        if source == "title":
            title_uses = frozenset(hit["uses"])
            title_sectors = frozenset(named)
        for c, w in hit["classes"].items():
            if c not in found or found[c][0] < w:
                found[c] = (w, source)
        uses.update(hit["uses"])
        sectors.update(dict.fromkeys(named))
        for f in hit["forms"]:
            forms.setdefault(f, (weight, source))
    by_id = materials_by_id()
    if category in MATTER and any(by_id[c].category == category for c in found):
        # "CO2 i røykgass", "Damp sawdust": a gas or material listing that names its own
        # matter is not heat; its heat words say where it comes from or how it is.
        found = {c: v for c, v in found.items() if by_id[c].category not in THERMAL}
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
        if dest and not found:  # "Flis til fjernvarmeanlegget": what the receiver takes
            read_forms(forms, found, tuple(dest), "need")
    if category in DEFAULT_CLASS and not any(
        by_id[c].category == category for c in found if c in by_id
    ):
        found[DEFAULT_CLASS[category]] = (DEFAULT_WEIGHT[category], "category")
    spent_for: frozenset[str] = frozenset()
    if not found and direction == "offer" and category == "material":
        for code in (*origin, *sectors, nace):
            profile = sector_profile(code)
            if profile is None:
                continue
            # A process's residue is not its product: olive oil production leaves pomace.
            outs = [c for c in profile.outputs if c in by_id and by_id[c].category == "material"
                    and not any(c in ancestors(p) for p in product)]  # fmt: skip
            for k, c in enumerate(outs[:MAX_CLASSES]):  # most typical first
                found[c] = (0.4 - 0.01 * k, "sector")
            if code in origin:
                spent_for = frozenset(spent)
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
        sectors=tuple(dict.fromkeys((*origin, *sectors))),
        title_sectors=title_sectors,
        spent_for=spent_for,
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
