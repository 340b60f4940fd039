"""Template filters for impact figures: two significant figures and money in the active language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

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


@register.filter
def sig_span(triple: tuple | list | None) -> str:
    """``{{ (low, central, high)|sig_span }}`` → "150–400", or "-60 to 90" (nb "-60 til 90")
    when an end is below zero: "-60–90" would read as a typo."""
    if not triple or triple[0] in (None, "") or triple[-1] in (None, ""):
        return "–"
    low, high = float(triple[0]), float(triple[-1])
    words = {"low": sig_text(low), "high": sig_text(high)}
    if low < 0 or high < 0:
        return gettext("%(low)s to %(high)s") % words
    return f"{words['low']}–{words['high']}"


@register.filter
def sentence(text: str | None) -> str:
    """``text`` ending as a sentence: a full stop added unless it already ends one, so a
    note reads apart from the link after it ("… a gate fee. Tell us …") and never "deponi..".
    """
    text = (text or "").rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."
