"""Template tags of the search app: the unread notification count for the main menu."""

from __future__ import annotations

from django import template
from django.utils import translation

from symbiose.search.access import unread_count
from symbiose.taxonomy.lists import crm_by_id

register = template.Library()


@register.simple_tag
def unread_notifications(user: object) -> int:
    """How many of the user's notifications are unread (0 for anonymous visitors)."""
    return unread_count(user)


@register.filter
def crm_names(ids: list[str]) -> str:
    """Critical raw material ids as names in the current language, comma-separated."""
    lang = translation.get_language() or "nb"
    known = crm_by_id()
    return ", ".join(known[i].name(lang) if i in known else i for i in ids or [])


@register.filter
def plain_number(value: float | None) -> str:
    """A measured content as people write it in the current language: 85, 85,5 / 85.5."""
    from django.utils.formats import number_format

    if value is None:
        return ""
    number = float(f"{value:.6g}")
    return number_format(int(number) if number.is_integer() else number, use_l10n=True)
