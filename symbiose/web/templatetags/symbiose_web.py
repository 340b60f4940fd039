"""Template helpers for the web pages (display only: no permission decisions here)."""

from __future__ import annotations

from django import template

from symbiose.facilitation.models.opportunity import DIMENSIONS
from symbiose.registry.models import CATEGORIES, DIRECTIONS, LEGAL_STATUSES, SENSITIVE_FIELDS

register = template.Library()
_LABELS = dict(SENSITIVE_FIELDS)
_CHOICES = {**dict(CATEGORIES), **dict(DIRECTIONS), **dict(LEGAL_STATUSES), **dict(DIMENSIONS)}


@register.filter
def field_labels(names: list[str]) -> str:
    """Sensitive field names as translated labels, comma-separated."""
    return ", ".join(str(_LABELS.get(n, n)) for n in names)


@register.filter
def ewc_spaced(code: str | None) -> str:
    """Six EWC digits as people write them ("10 01 05")."""
    return f"{code[:2]} {code[2:4]} {code[4:]}" if code else ""


@register.filter
def label(code: str | None) -> str:
    """The translated label of a category, direction, legal status or readiness dimension."""
    return str(_CHOICES.get(code, code or ""))


@register.simple_tag
def facilitates(user: object) -> bool:
    """Whether to show the hub link (the rule lives in :mod:`symbiose.web.permissions`)."""
    from symbiose.web.permissions import is_facilitator

    return bool(getattr(user, "is_authenticated", False) and is_facilitator(user))


@register.simple_tag
def map_legend() -> str:
    """The map legend's labels as JSON for a ``data-legend`` attribute (escaped by Django)."""
    from symbiose.web.mapdata import legend

    return legend()


@register.filter
def unit(code: str | None) -> str:
    """A unit code as people read it ("t/yr" -> "tonn/år"); see :mod:`symbiose.web.units`."""
    from symbiose.web.units import unit_label

    return unit_label(code)
