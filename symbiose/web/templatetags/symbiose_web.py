"""Template helpers for the web pages (display only: no permission decisions here)."""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from symbiose.facilitation.models.opportunity import DIMENSIONS
from symbiose.registry.models import CATEGORIES, DIRECTIONS, LEGAL_STATUSES, SENSITIVE_FIELDS
from symbiose.registry.units import is_one_off
from symbiose.taxonomy import ewc

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
    return ewc.spaced(code)


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
    from symbiose.registry.mapdata import legend

    return legend()


@register.filter
def unit(code: str | None) -> str:
    """A unit code as people read it ("t/yr" -> "tonn/år"); see
    :mod:`symbiose.registry.unit_labels`."""
    from symbiose.registry.unit_labels import unit_label

    return unit_label(code)


@register.filter
def amount(item: Any) -> str:
    """A stream's quantity as people read it: a yearly amount in its yearly unit ("15 000
    tonn/år"), and a one-off lot (``period="once"``: a stock, a deposit) as the lot
    ("1 200 000 tonn (én gang)"), never per year. Empty when the quantity is hidden or
    missing. ``item`` is a stream or a redacted row (a dict)."""

    def get(name: str) -> Any:
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    quantity = get("annual_quantity")
    if quantity is None:
        return ""
    return f"{floatformat(quantity, '-2g')} {unit_text(get('annual_unit'), get('period'))}"


def unit_text(code: str | None, period: str | None) -> str:
    """The words after an amount's number in the current language: "tonn/år" for a yearly
    amount, "tonn (én gang)" for a one-off lot (a stock, a deposit), never per year."""
    from django.utils.translation import gettext

    from symbiose.registry.unit_labels import unit_label

    if is_one_off(period):
        return f"{unit_label((code or '').partition('/')[0])} ({gettext('once')})"
    return unit_label(code)


@register.simple_tag
def icon(name: str, extra_class: str = "") -> SafeString:
    """An icon from the vendored lucide sprite, hidden from screen readers (the text beside
    it says what it means)."""
    return _icon(str(name), str(extra_class), settings.STATIC_URL)


@functools.lru_cache(maxsize=512)
def _icon(name: str, extra_class: str, static_url: str) -> SafeString:
    """:func:`icon`'s markup, made once per process for each icon (a page draws dozens, and
    finding the sprite's static URL was most of each one's cost); keyed by ``STATIC_URL``."""
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        extra_class,
        static("web/icons/sprite.svg"),
        name,
    )


@register.simple_tag
def has_organisation(user: object) -> bool:
    """Whether to show "My streams" (the user belongs to an organisation)."""
    from symbiose.web.permissions import my_organisations

    return bool(getattr(user, "is_authenticated", False) and my_organisations(user).exists())


@register.simple_tag(takes_context=True)
def current(context, prefix: str) -> str:
    """``aria-current="page"`` when the request path starts with ``prefix``."""
    request = context.get("request")
    path = getattr(request, "path", "")
    return mark_safe('aria-current="page"') if path.startswith(prefix) else ""  # noqa: S308


@register.filter
def percent(score: float | None) -> str:
    """A 0–1 match score as a whole percentage in the locale ("64 %" in Norwegian, with the
    space Norwegian writes; "64%" in English)."""
    from django.utils.formats import number_format
    from django.utils.translation import get_language

    if score is None:
        return ""
    space = "" if (get_language() or "").startswith("en") else "\xa0"
    return f"{number_format(round(float(score) * 100), use_l10n=True)}{space}%"


@register.filter
def pct_step(score: float | None) -> int:
    """A 0–1 score rounded to a step of 10 (0–100), for the fit bar's CSS width class."""
    return max(0, min(100, round(float(score or 0) * 10) * 10))


@register.filter
def near_pages(page: Any, reach: int = 2) -> list[int]:
    """The page numbers a pager links to: the first, the last, and those within ``reach`` of
    ``page`` (a Django ``Page``), in order. A board of 30 000 candidates has 1 200 pages;
    testing each in the template took a quarter of the page's CPU.

    >>> from django.core.paginator import Paginator
    >>> near_pages(Paginator(range(1000), 10).page(50))
    [1, 48, 49, 50, 51, 52, 100]
    """
    last = page.paginator.num_pages
    near = range(max(1, page.number - reach), min(last, page.number + reach) + 1)
    return sorted({1, last, *near})
