"""A NACE code as a page shows it, in the page's language and never in the other one.

Norwegian labels are shipped for sections and divisions only (``taxonomy/data/nace_nb.csv``);
SN2025's group and class texts could not be obtained here and are not invented. A Norwegian
page therefore names a group or class by the nearest level above it that has a Norwegian
label ("24.42, del av «Produksjon av metaller»"), not by the English label.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from symbiose.taxonomy.knowledge import sector_words
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


@lru_cache(maxsize=1)
def _norwegian_words() -> dict[str, frozenset[str]]:
    """The Norwegian sector words of the knowledge base by NACE code ("bakeri" → 10.71)."""
    found: dict[str, set[str]] = {}
    for term, lang, code in sector_words():
        if lang == "nb":
            found.setdefault(code, set()).add(term.lower())
    return {code: frozenset(terms) for code, terms in found.items()}


def picked_label(code: str, matched: str, lang: str | None = None) -> str:
    """The label of ``code`` in the industry picker: on a Norwegian page a class without a
    Norwegian label also names the Norwegian word that found it ("bakeri, del av
    «Produksjon av nærings- og nytelsesmidler»"), so two codes under the same division do
    not read alike. A word in another language is never shown."""
    lang = (lang or get_language() or "en")[:2]
    label = nace_label(code, lang, code)
    entry = nace_by_code().get(code)
    if lang != "nb" or entry is None or entry.label_nb:
        return label
    if matched.lower() not in _norwegian_words().get(code, frozenset()):
        return label
    return f"{matched}, {label}"
