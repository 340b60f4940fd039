"""A web process keeps its text caches within :data:`symbiose.web.caches.WEB_LIMITS`."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished

from symbiose.taxonomy.letters import normalise
from symbiose.web import caches


def _fill(count: int) -> None:
    for i in range(count):
        normalise(f"Slagg fra smelteverk nummer {i}")


def test_trim_empties_only_a_cache_past_its_limit():
    limit = dict((f, n) for f, n in caches.WEB_LIMITS)[normalise]
    for cached, _limit in caches.WEB_LIMITS:  # earlier tests may have filled any of them
        cached.cache_clear()
    _fill(limit)
    assert caches.trim() == 0  # at the limit: kept
    assert normalise.cache_info().currsize == limit
    _fill(limit + 1)
    assert normalise.cache_info().currsize == limit + 1
    assert caches.trim() == 1
    assert normalise.cache_info().currsize == 0


@pytest.mark.django_db
def test_a_web_process_trims_after_each_request(client):
    limit = dict((f, n) for f, n in caches.WEB_LIMITS)[normalise]
    caches.bound_in_this_process()
    try:
        _fill(limit + 10)
        client.get("/")  # any request; the receiver runs when it has finished
        assert normalise.cache_info().currsize <= limit
    finally:
        request_finished.disconnect(dispatch_uid="symbiose-web-cache-bound")
        request_finished.disconnect(dispatch_uid="symbiose-web-memory-release")
    _fill(limit + 10)
    client.get("/")
    assert normalise.cache_info().currsize > limit  # not bound in other processes


def test_every_limit_is_below_the_cache_it_bounds():
    for cached, limit in caches.WEB_LIMITS:
        assert 0 < limit < cached.cache_info().maxsize, cached
