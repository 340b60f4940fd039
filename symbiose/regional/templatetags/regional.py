"""Template helpers for regional pages: suppressed figures, the company's round task."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from symbiose.impact.display import sig_text
from symbiose.regional import access
from symbiose.regional.disclosure import Cell

register = template.Library()


def reason_text(reason: str) -> str:
    return {
        "few": _("not shown: fewer than 3 organisations"),
        "dominant": _("not shown: one organisation makes up most of it"),
        "secondary": _("not shown: it would reveal a smaller group"),
    }.get(reason, "")


@register.filter
def figure(value: Cell | None, kind: str = "amount") -> SafeString | str:
    """A protected figure: two significant figures for amounts, whole counts; a suppressed
    one as a dash with the reason for screen readers and on hover."""
    if value is None or (value.shown and value.value is None):
        return "0" if kind == "count" else "–"
    if not value.shown:
        text = reason_text(value.reason)
        return format_html('<abbr class="suppressed" title="{}" aria-label="{}">–</abbr>',
                           text, text)  # fmt: skip
    if kind == "count":
        return number_format(int(value.value), 0, force_grouping=True)
    return sig_text(value.value)


@register.filter
def system_facilitator(user: Any) -> bool:
    return access.is_system_facilitator(user)


@register.simple_tag
def round_tasks(user: Any) -> list:
    """Open update-round requests to the user's organisations, for their home page."""
    return list(access.my_open_requests(user))
