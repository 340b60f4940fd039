"""The default cache is a database table shared by every worker; other caches by URL."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from symbiose.settings import cache_from_url


def test_the_default_cache_is_the_database_table_so_workers_share_it():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.CACHES["default"]["LOCATION"] == "symbiose_cache"


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
