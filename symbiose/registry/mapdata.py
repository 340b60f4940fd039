"""Map points for every map (resource map, hub dashboard, a stream's matches): one shape.

Each point is built from a row already redacted for the viewer
(:func:`symbiose.registry.access.redacted`), so a map shows nothing a page would not.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from symbiose.registry.models import CATEGORIES, DIRECTIONS


def point(row: dict[str, Any], *, url: str = "", link: str = "") -> dict[str, Any] | None:
    """A map point for one redacted stream row, or ``None`` when its place is hidden.

    ``url`` and ``link`` give the pop-up's link (the stream's matches, a match card, an
    organisation page) and its text.
    """
    if row.get("lat") is None or row.get("lon") is None:
        return None
    categories, directions = _labels(get_language())
    return {
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "title": row["title"],
        "org": row.get("organisation_name") or "",
        "category": row["category"],
        "category_label": categories.get(row["category"], row["category"]),
        "direction": row["direction"],
        "direction_label": directions.get(row["direction"], row["direction"]),
        "url": url,
        "link": link,
    }


@functools.lru_cache(maxsize=8)
def _labels(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Category and direction labels in ``language`` (the active one), translated once per
    language instead of once per point (a map layer draws 2 000)."""
    return ({k: str(v) for k, v in CATEGORIES}, {k: str(v) for k, v in DIRECTIONS})


#: Stands for the reference while a URL is reversed once (letters only: quoted as itself).
_MARKER = "SymbioseRefMarker"


def reverser(name: str) -> Callable[[str], str]:
    """``reverse(name, args=[ref])`` for the many points of one map: the URL is reversed once
    and each reference put in its place, quoted exactly as Django quotes a ``<str:…>``
    argument (2 000 ``reverse`` calls took about a fifth of the map layer's CPU). A
    reference Django would refuse (empty, or with a ``/``) is passed to ``reverse``, which
    raises as before.

    >>> reverser("web:org_detail")("o 1")
    '/organisations/o%201/'
    """
    template = reverse(name, args=[_MARKER])
    head, tail = template.split(_MARKER)

    def url(ref: str) -> str:
        if not ref or "/" in ref:
            return reverse(name, args=[ref])
        return head + quote(ref, safe=RFC3986_SUBDELIMS + "/~:@") + tail

    return url


def legend() -> str:
    """The legend's labels in the current language, as JSON for a ``data-legend`` attribute."""
    return json.dumps(
        {
            "categories": {code: str(label) for code, label in CATEGORIES},
            "offer": _("offer (filled)"),
            "need": _("need (ring)"),
        },
        ensure_ascii=False,
    )
