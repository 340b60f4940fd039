"""A small case library of documented symbioses, in our own words, with sources.

Shown on its own page and beside matches ("others who exchanged slag: ..."). Each case names
the kinds of stream it involves, so a stream finds related cases by category and keywords.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Case:
    slug: str
    title: str
    place: str
    flows: str
    result: str
    source: str
    categories: tuple[str, ...]
    keywords: tuple[str, ...]


CASES: tuple[Case, ...] = (
    Case(
        "kalundborg",
        _("Kalundborg Symbiosis"),
        _("Kalundborg, Denmark"),
        _(
            "Steam and surplus heat from the power station to a pharmaceutical plant, a refinery "
            "and the town's district heating; gypsum from flue-gas cleaning to a plasterboard "
            "maker; treated waste water and yeast slurry to neighbours."
        ),
        _(
            "Built up since the 1970s between about 17 public and private partners; the partners "
            "report large yearly savings of water, CO2 and raw materials."
        ),
        "https://www.symbiosis.dk/en/",
        ("heat", "water", "material"),
        ("gips", "gypsum", "steam", "damp", "varme", "heat", "water", "vann"),
    ),
    Case(
        "mo-industripark",
        _("Surplus heat and gas in Mo Industrial Park"),
        _("Mo i Rana, Norway"),
        _(
            "Energy recovered from ferroalloy smelters is delivered as heat and power to other "
            "companies in the park and to the town's district heating."
        ),
        _("A long-running example of a Norwegian industrial park sharing energy between plants."),
        "https://www.mip.no/",
        ("heat", "gas"),
        ("varme", "heat", "furnace", "ovn", "gass", "gas", "smelter"),
    ),
    Case(
        "microsilica",
        _("Microsilica from silicon smelters"),
        _("Norwegian silicon and ferrosilicon plants"),
        _(
            "The fine dust captured in the smelters' filters, once a waste, is sold as microsilica "
            "for high-strength concrete and refractories."
        ),
        _("Turned a disposal cost into a product sold world-wide."),
        "https://en.wikipedia.org/wiki/Silica_fume",
        ("material",),
        ("silica", "silika", "dust", "støv", "filter", "microsilica", "mikrosilika"),
    ),
    Case(
        "slag-aggregate",
        _("Slag as aggregate and cement raw material"),
        _("European steel and ferroalloy producers"),
        _(
            "Blast-furnace, steel and ferroalloy slags are screened and used as aggregate in roads "
            "and concrete or ground as a cement component."
        ),
        _("Replaces quarried stone and clinker, cutting CO2 from cement."),
        "https://www.euroslag.com/",
        ("material",),
        ("slag", "slagg", "aggregate", "tilslag", "cement", "sement"),
    ),
    Case(
        "fish-farm-heat",
        _("Surplus heat for land-based fish farming"),
        _("Norwegian industrial sites by the sea"),
        _(
            "Low-temperature cooling water from industry warms the water of land-based fish farms, "
            "shortening the time fish need to grow."
        ),
        _("Uses heat that would otherwise be released to the sea."),
        "https://www.sintef.no/en/ocean/",
        ("heat", "water"),
        ("varme", "heat", "cooling", "kjøle", "fisk", "fish", "oppdrett"),
    ),
    Case(
        "wood-residues",
        _("Sawmill residues to pellets and boards"),
        _("Sawmills across the Nordics"),
        _(
            "Bark, chips and sawdust from sawmills go to pellet plants, board mills and bio-energy "
            "plants nearby."
        ),
        _("Almost all of the log is used; small firms take part without large investments."),
        "https://www.treindustrien.no/",
        ("material",),
        ("flis", "chips", "sagflis", "sawdust", "bark", "tre", "wood", "pellets"),
    ),
)


def cases_for(stream: object, limit: int = 3) -> list[Case]:
    """Cases that share the stream's category and, best first, one of its words."""
    words = set(f"{stream.title} {stream.description}".lower().replace(",", " ").split())
    scored = []
    for case in CASES:
        if stream.category not in case.categories:
            continue
        hits = sum(1 for k in case.keywords if any(k in w for w in words))
        scored.append((-hits, case.slug, case))
    return [c for _h, _s, c in sorted(scored)[:limit]]
