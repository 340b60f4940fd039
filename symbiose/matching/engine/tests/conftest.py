"""Helpers for the pure engine tests (no Django)."""

from __future__ import annotations

import pytest

from symbiose.matching.engine import StreamInput


def make(ref, direction, title, *, org=None, category="material", **kw) -> StreamInput:
    """A stream with sensible defaults: Fredrikstad, own organisation."""
    kw.setdefault("lat", 59.2)
    kw.setdefault("lon", 10.95)
    return StreamInput(ref=ref, org_ref=org or f"org-{ref}", direction=direction,
                       category=category, title=title, **kw)  # fmt: skip


@pytest.fixture
def stream():
    return make
