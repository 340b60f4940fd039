"""Regional fixtures: messages checked are the English ones unless a test says otherwise."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield
