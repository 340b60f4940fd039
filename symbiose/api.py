"""The one REST API (django-ninja, OpenAPI at /api/docs). Each app adds its own router."""

from __future__ import annotations

from importlib import import_module

from ninja import NinjaAPI

api = NinjaAPI(title="Symbiose API", version="1", urls_namespace="api")

#: (module with a ``router``, URL prefix). A module that does not exist yet is skipped, so
#: apps can add their routers independently.
ROUTERS = (
    ("symbiose.taxonomy.api", "/taxonomy/"),
    ("symbiose.registry.api", "/registry/"),
    ("symbiose.matching.api", "/matching/"),
    ("symbiose.impact.api", "/impact/"),
    ("symbiose.facilitation.api", "/facilitation/"),
    ("symbiose.ledger.api", "/ledger/"),
)

for module_name, prefix in ROUTERS:
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name != module_name:
            raise
        continue
    api.add_router(prefix, module.router)
