"""Deployment defaults (issue 11, point 11): a known key is refused, production settings pass
``symbiose check --deploy``, HTTPS hardening follows one setting, and every 500 is logged."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import path

BIN = Path(sys.executable).parent


def run(tmp_path: Path, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """``symbiose <args>`` in a fresh data folder with only the given SYMBIOSE_* settings."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("SYMBIOSE_", "DJANGO_", "DATABASE_URL"))}  # fmt: skip
    clean.update({"SYMBIOSE_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE":
                  "symbiose.settings", **env})  # fmt: skip
    return subprocess.run(args, env=clean, capture_output=True, text=True, timeout=120)


PRODUCTION = {
    "SYMBIOSE_SECRET_KEY": secrets.token_urlsafe(50),
    "SYMBIOSE_HTTPS": "1",
    "SYMBIOSE_ALLOWED_HOSTS": "symbiose.example.no",
}


def test_production_settings_pass_check_deploy_with_no_warning(tmp_path):
    out = run(tmp_path, [str(BIN / "symbiose"), "check", "--deploy", "--fail-level", "WARNING"],
              **PRODUCTION)  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_the_built_in_key_without_debug_fails_the_deploy_check(tmp_path):
    out = run(tmp_path, [str(BIN / "symbiose"), "check", "--deploy"])
    assert out.returncode != 0
    assert "symbiose.E001" in out.stderr and "built-in SECRET_KEY" in out.stderr


def test_the_server_refuses_to_start_with_the_built_in_key(tmp_path):
    out = run(tmp_path, [sys.executable, "-c", "import symbiose.wsgi"])
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr and "built-in SECRET_KEY" in out.stderr


def test_the_server_starts_with_the_key_scripts_run_writes_into_the_data_folder(tmp_path):
    (tmp_path / "secret_key").write_text(secrets.token_urlsafe(50))
    out = run(tmp_path, [sys.executable, "-c", "import symbiose.wsgi; print('ok')"])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_development_commands_need_no_key(tmp_path):
    out = run(tmp_path, [str(BIN / "symbiose"), "check"])
    assert out.returncode == 0, out.stderr


SHOW = ("from django.conf import settings as s; import django; django.setup(); print("
        "s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)")  # fmt: skip


def test_default_hosts_have_no_testserver_and_cookies_follow_https(tmp_path):
    plain = run(tmp_path, [sys.executable, "-c", SHOW], SYMBIOSE_DEBUG="1")
    assert plain.stdout.split() == ["['127.0.0.1',", "'localhost']", *["False"] * 3, "0", "False"]
    https = run(tmp_path, [sys.executable, "-c", SHOW], **PRODUCTION)
    assert https.stdout.split() == ["['symbiose.example.no']", *["True"] * 3, "31536000", "True"]


def boom(request):
    raise RuntimeError("deliberate failure 7f3a")


urlpatterns = [path("boom/", boom)]


@pytest.mark.urls(__name__)
def test_every_server_error_is_logged_with_its_traceback(client, db):
    log = Path(settings.LOGGING["handlers"]["errors"]["filename"])
    before = log.read_text() if log.exists() else ""
    client.raise_request_exception = False
    assert client.get("/boom/").status_code == 500
    for handler in __import__("logging").getLogger("django.request").handlers:
        handler.flush()
    new = log.read_text()[len(before) :]
    assert "Internal Server Error: /boom/" in new
    assert "Traceback (most recent call last)" in new and "deliberate failure 7f3a" in new
