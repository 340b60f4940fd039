"""System checks for a safe deployment, and the refusal to serve with a known secret key.

``symbiose check --deploy`` reports :data:`E001`; ``wsgi.py`` calls
:func:`refuse_insecure_start`, so gunicorn does not start. (Not an every-command check:
``makemigrations`` and friends on a developer's machine need no key.) ``scripts/run`` writes a
fresh key into the data folder on first start, so the quick start never trips this.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

E001 = (
    "The built-in SECRET_KEY is in use and DEBUG is off: anyone could forge sessions and "
    "password-reset links."
)
HINT = (
    "Set SYMBIOSE_SECRET_KEY, or write a random key into <data folder>/secret_key "
    "(scripts/run does this), or set SYMBIOSE_DEBUG=1 on a development machine."
)


def insecure_key_in_use() -> bool:
    """True when the publicly known development key would sign sessions in production."""
    return not settings.DEBUG and settings.SECRET_KEY == settings.BUILTIN_SECRET_KEY


@register("security", deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """``symbiose.E001``: the built-in secret key without DEBUG."""
    if insecure_key_in_use():
        return [Error(E001, hint=HINT, id="symbiose.E001")]
    return []


def refuse_insecure_start() -> None:
    """Stop the WSGI application from loading with the built-in key and DEBUG off."""
    if insecure_key_in_use():
        raise ImproperlyConfigured(f"{E001} {HINT}")
