"""Links in e-mails lead to the server that sent them: the site URL follows ``PORT`` (the port
``scripts/run`` serves on) unless ``SYMBIOSE_SITE_URL`` is set, which always wins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRINT = "from django.conf import settings; print(settings.SITE_URL)"


def site_url(tmp_path: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("SYMBIOSE_", "DJANGO_")) and k != "PORT"}  # fmt: skip
    clean.update({"SYMBIOSE_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE":
                  "symbiose.settings", **env})  # fmt: skip
    out = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {PRINT}"],
                         env=clean, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "8123", "SYMBIOSE_SITE_URL": "https://symbiose.example.no/"},
         "https://symbiose.example.no"),
        ({"SYMBIOSE_SITE_URL": "https://symbiose.example.no"}, "https://symbiose.example.no"),
    ],
)  # fmt: skip
def test_the_site_url_follows_the_port_unless_it_is_set(tmp_path, env, expected):
    assert site_url(tmp_path, **env) == expected


def test_scripts_run_hands_its_port_to_the_workers():
    script = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    exported = script.index("export PORT=${PORT:-8000}")
    assert exported < script.index("--queue-name")  # the task workers
    assert exported < script.index(".venv/bin/gunicorn")
    assert '--bind "127.0.0.1:${PORT}"' in script
