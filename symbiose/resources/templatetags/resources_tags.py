"""Template filters for resource pages."""

from __future__ import annotations

import math

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def sig(value: float | None, digits: int = 3) -> str:
    """A number with at most ``digits`` significant figures, written for the active language
    (``55,5`` and ``250 000`` in nb; ``55.5`` and ``250,000`` in en), no trailing zeros."""
    if value is None:
        return ""
    x = float(value)
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    x = round(x, decimals)
    text = f"{x:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{x:.0f}"
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(float(text), decimal_pos=places, use_l10n=True, force_grouping=True)
