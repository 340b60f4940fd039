"""Template tags of the search app: the unread notification count for the main menu."""

from __future__ import annotations

from django import template

from symbiose.search.access import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user: object) -> int:
    """How many of the user's notifications are unread (0 for anonymous visitors)."""
    return unread_count(user)
