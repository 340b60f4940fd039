"""Helpers shared by the registry's management commands."""

from __future__ import annotations

from django.utils.translation import gettext


def translate(template: str) -> str:
    """Translate a template marked with ``N_`` in the active language."""
    return gettext(template)
