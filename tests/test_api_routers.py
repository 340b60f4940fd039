"""The API wires exactly the routers that exist: none forgotten, none imagined."""

from __future__ import annotations

from pathlib import Path

from symbiose.api import ROUTERS, api

PACKAGE = Path(__file__).resolve().parents[1] / "symbiose"


def test_every_app_router_is_wired_and_every_wired_router_exists():
    on_disk = {f"symbiose.{p.parent.name}.api" for p in PACKAGE.glob("*/api.py")}
    assert {module for module, _ in ROUTERS} == on_disk


def test_each_router_serves_under_its_prefix():
    paths = api.get_openapi_schema()["paths"]
    for _, prefix in ROUTERS:
        assert any(p.startswith(f"/api{prefix}") for p in paths), prefix
