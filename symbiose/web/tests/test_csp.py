"""Content-Security-Policy: every page forbids inline script, and no template needs one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in ROOT.glob("*/templates/**/*.html"))
SCRIPTS = sorted(p for p in ROOT.glob("*/static/**/*.js") if "vendor" not in p.parts)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


@pytest.mark.parametrize("path", ["/", "/map/", "/accounts/login/", "/api/docs"])
def test_pages_send_a_policy_that_forbids_inline_script(client, db, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("default-src", [])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_api_docs_load_swagger_from_our_own_static_files(client, db):
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html and "/static/ninja/swagger-ui-bundle.js" in html


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_or_event_handler(path):
    html = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, f"inline script: {tag}"
    assert not re.search(r"\son[a-z]+\s*=", html), "on*= handler attribute"
    assert "javascript:" not in html.lower()
    assert not re.search(r"hx-on|hx-vars|js:", html), "htmx feature that needs eval"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_map_texts_reach_leaflet_as_nodes_not_html(path):
    """Leaflet puts string tooltip/pop-up content in with innerHTML: pass text nodes only."""
    js = path.read_text(encoding="utf-8")
    for call in re.findall(r"\.(?:bindTooltip|bindPopup|setContent)\(([^)]*)", js):
        assert re.match(r"\s*(textNode|text|div)\b", call), f"HTML sink: {call}"
