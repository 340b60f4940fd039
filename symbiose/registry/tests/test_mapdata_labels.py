"""Map points name their category and direction in the language of the page, each time."""

from __future__ import annotations

from django.utils import translation

from symbiose.registry import mapdata

ROW = {"lat": 58.1, "lon": 8.0, "title": "Slagg", "organisation_name": "Fjord AS",
       "category": "heat", "direction": "offer"}  # fmt: skip


def test_point_labels_follow_the_active_language_after_being_cached():
    seen = []
    for lang in ("nb", "en", "nb", "en"):
        with translation.override(lang):
            p = mapdata.point(ROW)
            seen.append((p["category_label"], p["direction_label"]))
    assert seen[0] == seen[2] and seen[1] == seen[3]
    assert seen[0] != seen[1]
    assert seen[0][0] == "varme" and seen[1][0] == "heat"
