"""The one REST API (django-ninja, OpenAPI at /api/docs). Each app adds its own router."""

from __future__ import annotations

from importlib import import_module

from ninja import NinjaAPI

api = NinjaAPI(title="Symbiose API", version="1", urls_namespace="api")

#: (module with a ``router``, URL prefix). Every module must exist: a misspelt name fails at
#: start-up instead of silently leaving its endpoints out.
ROUTERS = (
    ("symbiose.registry.api", "/registry/"),
    ("symbiose.matching.api", "/matching/"),
    ("symbiose.impact.api", "/impact/"),
    ("symbiose.facilitation.api", "/facilitation/"),
    ("symbiose.regional.api", "/regional/"),
    ("symbiose.search.api", "/search/"),
    ("symbiose.resources.api", "/resources/"),
)

for module_name, prefix in ROUTERS:
    api.add_router(prefix, import_module(module_name).router)
