"""Service listings (logistics, waste handling, testing, maintenance, spare capacity) are read
as their service, and a word naming a service leaves a material listing its material."""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("Wood shavings from the workshop", "material", "wood_clean"),
        ("Fly ash, transport by truck available", "material", "ash_fly"),
        ("Laboratory analysis of ash samples", "service", "testing"),
        ("Workshop and repair of wood chippers", "service", "maintenance"),
    ],
)
def test_a_listing_leads_with_the_classes_of_its_own_category(text, category, expected):
    found = [h.class_id for h in classify(text, category=category, direction="offer").classes]
    assert found and found[0] == expected, found
    assert len(found) > 1, found  # the other class is still read, only ranked after
