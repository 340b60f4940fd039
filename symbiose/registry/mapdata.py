"""Map points for every map (resource map, hub dashboard, a stream's matches): one shape.

Each point is built from a row already redacted for the viewer
(:func:`symbiose.registry.access.redacted`), so a map shows nothing a page would not.
"""

from __future__ import annotations

import functools
import json
from typing import Any

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
    return {
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "title": row["title"],
        "org": row.get("organisation_name") or "",
        "category": row["category"],
        "category_label": _labels(get_language())[0].get(row["category"], row["category"]),
        "direction": row["direction"],
        "direction_label": _labels(get_language())[1].get(row["direction"], row["direction"]),
        "url": url,
        "link": link,
    }


@functools.lru_cache(maxsize=8)
def _labels(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Category and direction labels in ``language`` (the active one), translated once per
    language instead of once per point (a map layer draws 2 000)."""
    return ({k: str(v) for k, v in CATEGORIES}, {k: str(v) for k, v in DIRECTIONS})


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
