"""Template filters for impact figures: two significant figures and money in the active language."""

from __future__ import annotations

from django import template

from symbiose.impact.display import money as money_text
from symbiose.impact.display import sig_text

register = template.Library()


@register.filter
def sig2(value: float | None) -> str:
    """``{{ 11241509|sig2 }}`` → "11 000 000" (nb) / "11,000,000" (en)."""
    return sig_text(None if value in (None, "") else float(value))


@register.filter
def money(value: float | str | None, per: str = "") -> str:
    """``{{ 1200|money }}`` → "1 200 kr" (nb) / "1,200 NOK" (en); ``money:"yr"`` adds per year."""
    return money_text(None if value in (None, "") else value, per)
