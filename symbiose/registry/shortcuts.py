"""View helpers for every app (like ``django.shortcuts``): a refused object is a 404, exactly
like a missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404

from symbiose.registry.access import NotFound

T = TypeVar("T")


def or_404(fetch: Callable[..., T], *args: Any) -> T:
    """``fetch(*args)``, or a 404 when it raises :class:`NotFound` (missing or not visible).

    The one place views turn an access refusal into a page: the 404 never says which.
    """
    try:
        return fetch(*args)
    except NotFound:
        raise Http404 from None
