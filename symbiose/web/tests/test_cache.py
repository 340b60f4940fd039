"""The sign-in throttle counts across worker processes: the default cache is shared."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from symbiose.settings import cache_from_url
from symbiose.web.views import accounts

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_default_cache_is_the_database_table_so_workers_share_it():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.CACHES["default"]["LOCATION"] == "symbiose_cache"


def test_two_cache_clients_like_two_workers_share_the_failure_count(client, world, monkeypatch):
    worker_a, worker_b = caches.create_connection("default"), caches.create_connection("default")
    assert worker_a is not worker_b
    worker_a.clear()
    monkeypatch.setattr(accounts, "cache", worker_a)
    for _ in range(accounts.MAX_FAILURES):
        r = client.post("/accounts/login/", {"username": "owner@example.no", "password": "no"})
        assert r.status_code == 200
    monkeypatch.setattr(accounts, "cache", worker_b)  # the next request lands on another worker
    r = client.post("/accounts/login/", {"username": "owner@example.no", "password": "no"}, **EN)
    assert r.status_code == 429
    assert "Too many failed sign-ins" in r.content.decode()
    worker_b.clear()


@pytest.mark.parametrize(
    "url,backend",
    [
        ("db://symbiose_cache", "django.core.cache.backends.db.DatabaseCache"),
        ("file:///var/cache/symbiose", "django.core.cache.backends.filebased.FileBasedCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_the_cache_can_be_chosen_with_symbiose_cache_url(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="unknown scheme 'memcache'"):
        cache_from_url("memcache://localhost")


WORKER = """
import sys
import django
django.setup()
from django.test import RequestFactory
from symbiose.web.views import accounts
request = RequestFactory().post("/accounts/login/", {"username": "someone@example.no"})
if sys.argv[1] == "fail":
    for _ in range(accounts.MAX_FAILURES):
        accounts.record_failure(request)
print(accounts.throttled(request))
"""


def run_worker(mode: str, env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", WORKER, mode], env=env, capture_output=True,
                         text=True, timeout=120, check=True)  # fmt: skip
    return out.stdout.strip()


@pytest.mark.parametrize("cache_url,shared", [("db://symbiose_cache", True), ("locmem://", False)])
def test_two_worker_processes_share_the_count_on_the_default_cache(tmp_path, cache_url, shared):
    """Real processes on a migrated SQLite file: ``migrate`` creates the cache table, one process
    fails five times, the next process is refused. A per-process cache would let it in."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SYMBIOSE_CACHE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="symbiose.settings",
        SYMBIOSE_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SYMBIOSE_CACHE_URL=cache_url,
    )
    if shared:
        subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, check=True,
                       timeout=300)  # fmt: skip
    assert run_worker("fail", env) == "True"
    assert run_worker("check", env) == str(shared)
