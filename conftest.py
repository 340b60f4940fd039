"""Pytest fixtures shared by every test: the role world (see tests/world.py)."""

import os
import secrets

import pytest


def pytest_configure(config):
    """Tests hash passwords with a fast hasher: strength is Django's concern, not ours."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests run with DEBUG off: give them, and any server they start, a key of their own
    # (the built-in one is refused, symbiose/checks.py).
    key = os.environ.setdefault("SYMBIOSE_SECRET_KEY", "test-" + secrets.token_urlsafe(40))
    settings.SECRET_KEY = key
    settings.MATCH_ENGINE_SNAPSHOT = None  # tests that need one give their own path


@pytest.fixture
def world(db):
    from tests.world import make_world

    return make_world()


@pytest.fixture
def hidden_world(world):
    """The world plus an organisation whose streams all hide its identity (tests/world.py)."""
    from tests.world import add_hidden_organisation

    return add_hidden_organisation(world)


@pytest.fixture(autouse=True)
def _fresh_shared_figures():
    """Each test starts with no hub figures kept by the process (facilitation/shared.py):
    a rolled-back database reuses ids, so one test's figures must not meet another's."""
    from symbiose.facilitation import shared

    shared.clear()
    yield
