"""The kinds of stream (material, heat, cold, water, gas, service): the one specification.

Every part of Symbiose that treats categories differently reads it from here: the model's
choices and the words read in imports (registry), the units that make sense (registry's
units), the engine's category list and which categories travel in a pipe (matching), the
yearly unit and fallback class of the value models (impact) and the kind of opportunity a
pair makes (facilitation). Adding a category is a change to :data:`CATEGORIES` plus its data
(value models, knowledge base).

Pure module: no Django. Labels are English message templates (``N_``), translated by the
Django side.

Examples
--------
>>> category("heat").canonical_unit
'MWh/yr'
>>> [c.key for c in CATEGORIES if c.pipe_bound]
['heat', 'cold', 'water', 'gas']
>>> CATEGORY_WORDS["varme"]
'heat'
>>> opportunity_kind("water"), opportunity_kind("material")
('utility', 'by-product')
>>> UTILITIES, THERMAL
(('heat', 'cold', 'water'), ('heat', 'cold'))
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiose.textmarks import N_


@dataclass(frozen=True)
class Category:
    """One kind of stream and how every layer treats it.

    Attributes
    ----------
    key : str
        The stored value (``Stream.category``).
    label : str
        English label; the Django side translates it (``gettext``).
    words : tuple of str
        Words read as this category in imports, English and Norwegian.
    canonical_unit : str
        The yearly unit the value models count it in.
    units : frozenset of str
        The canonical yearly units a stream of this category may be given in.
    pipe_bound : bool
        Carried in a pipe or a grid, so distance has a hard limit (the engine's physics).
    opportunity_kind : str
        The kind of opportunity an offer of this category makes: ``utility`` or ``by-product``.
    default_class : str or None
        Value-model class of a stream whose material class the tables do not know; a
        category without one is valued by its own model (heat, cold, services).
    listing_class : str or None
        Thesaurus class a listing of this category has when its words name none of the
        category's classes (the classifier's fallback).
    listing_weight : float
        How strongly the category alone says so: strong for a utility (a heat listing is
        heat), weak for gases and services, which come in many kinds.
    thermal : bool
        Energy delivered through a heat exchanger or a chiller: valued per MWh delivered,
        never capped by the need's quantity, with seasonal load shapes.
    feedstock : bool
        Can feed a process or a boiler as matter (fuels, the flow prior's classes).
    too_far : str
        The blocking reason for a pair too far apart (English template, ``N_``).
    """

    key: str
    label: str
    words: tuple[str, ...]
    canonical_unit: str
    units: frozenset[str]
    pipe_bound: bool
    opportunity_kind: str
    default_class: str | None = None
    listing_class: str | None = None
    listing_weight: float = 0.0
    thermal: bool = False
    feedstock: bool = False
    too_far: str = N_("Too far apart to haul this material economically")


CATEGORIES: tuple[Category, ...] = (
    Category("material", N_("material"), ("material", "materiale"), "t/yr",
             frozenset({"t/yr", "m3/yr"}), pipe_bound=False, opportunity_kind="by-product",
             default_class="unclassified", feedstock=True),
    Category("heat", N_("heat"), ("heat", "varme"), "MWh/yr", frozenset({"MWh/yr"}),
             pipe_bound=True, opportunity_kind="utility", listing_class="heat",
             listing_weight=0.9, thermal=True, too_far=N_("Too far apart to pipe heat")),
    Category("cold", N_("cold"), ("cold", "kulde"), "MWh/yr", frozenset({"MWh/yr"}),
             pipe_bound=True, opportunity_kind="utility", listing_class="cold",
             listing_weight=0.9, thermal=True, too_far=N_("Too far apart to pipe cold")),
    Category("water", N_("water"), ("water", "vann"), "m3/yr", frozenset({"m3/yr"}),
             pipe_bound=True, opportunity_kind="utility", default_class="water",
             listing_class="water", listing_weight=0.9,
             too_far=N_("Too far apart for a water pipeline")),
    Category("gas", N_("gas"), ("gas", "gass"), "t/yr", frozenset({"t/yr", "Nm3/yr", "m3/yr"}),
             pipe_bound=True, opportunity_kind="by-product", default_class="gas_other",
             listing_class="gas_other", listing_weight=0.5, feedstock=True,
             too_far=N_("Too far apart for a gas pipeline")),
    Category("service", N_("service"), ("service", "tjeneste"), "h/yr",
             frozenset({"h/yr", "t/yr", "m3/yr"}), pipe_bound=False,
             opportunity_kind="by-product", listing_class="service", listing_weight=0.5),
)  # fmt: skip

#: The stored values, in the order above (the engine indexes categories by this order).
CATEGORY_KEYS: tuple[str, ...] = tuple(c.key for c in CATEGORIES)
#: Categories carried in a pipe or grid, in the order above (the engine's physics indexes them).
PIPE_BOUND: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.pipe_bound)
#: Utilities (heat, cold, water): their thesaurus classes carry no EWC code and serve a
#: need through what it names ("cooling water" serves process cooling).
UTILITIES: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.opportunity_kind == "utility")
#: Energy delivered through a heat exchanger or chiller (see ``Category.thermal``).
THERMAL: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.thermal)
#: Matter that can feed a process or a boiler (see ``Category.feedstock``).
FEEDSTOCK: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.feedstock)
#: Valued by a material class of the value models (a default class when none is known).
CLASS_VALUED: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.default_class)
#: Every word an import accepts for a category → its key.
CATEGORY_WORDS: dict[str, str] = {w: c.key for c in CATEGORIES for w in c.words}

_BY_KEY = {c.key: c for c in CATEGORIES}


def category(key: str) -> Category:
    """The specification of ``key``; ``KeyError`` for an unknown category.

    >>> category("gas").default_class
    'gas_other'
    """
    return _BY_KEY[key]


def opportunity_kind(offer_category: str) -> str:
    """The kind of opportunity an offer of this category makes with a need (``by-product``
    for an unknown category).

    >>> opportunity_kind("heat")
    'utility'
    """
    spec = _BY_KEY.get(offer_category)
    return spec.opportunity_kind if spec else "by-product"
