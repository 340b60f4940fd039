"""A web process hands the memory a large request freed back to the system (issue 13: a
gunicorn worker's RSS followed the largest request it had served, 273 MB at 100 000 streams
against 207 MB at 5 000, while the objects it kept were the same 20 MB)."""

from __future__ import annotations

import gc

import pytest
from django.core.signals import request_finished

from symbiose.web import memory
from symbiose.web.caches import bound_in_this_process

needs_glibc = pytest.mark.skipif(memory._malloc_trim is None, reason="no glibc malloc_trim")


def _large_request() -> None:
    """Allocate and free what a large request reads: many rows of about a kilobyte."""
    rows = [bytes([k % 251]) * 1000 + str(k).encode() for k in range(150_000)]
    keep = rows[::500]  # a few survive, scattered over the heap, as cached texts do
    del rows
    gc.collect()
    _large_request.kept = keep  # type: ignore[attr-defined]


@needs_glibc
def test_memory_freed_by_a_large_request_goes_back_to_the_system(monkeypatch):
    monkeypatch.setitem(memory._state, "floor", 0.0)
    assert memory.release() is False  # the first call only sets the mark
    before = memory.resident_mb()
    _large_request()
    grown = memory.resident_mb() - before
    assert grown > memory.RELEASE_ABOVE_MB, grown  # the allocator kept the freed pages
    assert memory.release() is True
    assert memory.resident_mb() - before < grown / 3


@needs_glibc
def test_small_requests_ask_for_no_release(monkeypatch):
    monkeypatch.setitem(memory._state, "floor", memory.resident_mb())
    small = [str(k) * 10 for k in range(1000)]
    del small
    assert memory.release() is False


@pytest.mark.django_db
def test_a_web_process_releases_after_every_request(client, monkeypatch):
    calls: list[bool] = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda pad: calls.append(True))
    monkeypatch.setattr(memory, "RELEASE_ABOVE_MB", -1)  # any request ends with a release
    monkeypatch.setitem(memory._state, "floor", 1.0)
    bound_in_this_process()
    try:
        client.get("/")  # any request; the receivers run when it has finished
    finally:
        request_finished.disconnect(dispatch_uid="symbiose-web-cache-bound")
        request_finished.disconnect(dispatch_uid="symbiose-web-memory-release")
    assert calls == [True]
    client.get("/")
    assert calls == [True]  # not in other processes
