"""A NACE code as a page shows it, in the page's language and never in the other one.

Norwegian labels are shipped for sections and divisions only (``taxonomy/data/nace_nb.csv``);
SN2025's group and class texts could not be obtained here and are not invented. A Norwegian
page therefore names a group or class by the nearest level above it that has a Norwegian
label ("24.42, del av «Produksjon av metaller»"), not by the English label.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from symbiose.taxonomy.lists import nace_by_code


def nace_label(code: str, lang: str | None = None, fallback: str = "") -> str:
    """The label of ``code`` in ``lang``; on a Norwegian page a group or class without a
    Norwegian label reads "del av «<the level above>»". ``fallback`` if ``code`` is unknown."""
    lang = (lang or get_language() or "en")[:2]
    codes = nace_by_code()
    entry = codes.get(code)
    if entry is None:
        return fallback
    if lang != "nb" or entry.label_nb:
        return entry.label(lang)
    parent = codes.get(entry.parent or "")
    while parent is not None and not parent.label_nb:
        parent = codes.get(parent.parent or "")
    if parent is None:  # pragma: no cover - every division has a Norwegian label
        return fallback
    with translation.override(lang):
        return _("part of “%(label)s”") % {"label": parent.label_nb}


def nace_text(code: str, lang: str | None = None) -> str:
    """``code`` with its label in ``lang`` (default: the active language); the bare code if
    it is not a NACE Rev. 2.1 code."""
    lang = (lang or get_language() or "en")[:2]
    codes = nace_by_code()
    entry = codes.get(code)
    if entry is None:
        return code
    if lang != "nb" or entry.label_nb:
        return f"{code} {entry.label(lang)}"
    parent = codes.get(entry.parent or "")
    while parent is not None and not parent.label_nb:
        parent = codes.get(parent.parent or "")
    if parent is None:  # pragma: no cover - every division has a Norwegian label
        return code
    with translation.override(lang):
        return _("%(code)s, part of “%(label)s”") % {"code": code, "label": parent.label_nb}
