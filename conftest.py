"""Pytest fixtures shared by every test: the role world (see tests/world.py)."""

import pytest


@pytest.fixture
def world(db):
    from tests.world import make_world

    return make_world()
