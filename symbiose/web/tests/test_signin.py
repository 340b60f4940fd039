"""Sign-in lockout (django-axes) and the password-reset limit (issue 11, point 10)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from symbiose.web import signin
from tests.world import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
HERE, THERE = {"REMOTE_ADDR": "10.0.0.1"}, {"REMOTE_ADDR": "10.0.0.2"}


def sign_in(client, email, password, addr):
    return client.post("/accounts/login/", {"username": email, "password": password}, **addr, **EN)


@pytest.fixture(autouse=True)
def fresh_counts(db):
    cache.clear()
    yield
    cache.clear()


def test_five_failures_lock_that_email_from_that_address_only(client, world):
    for _ in range(4):
        assert sign_in(client, "owner@example.no", "wrong", HERE).status_code == 200
    assert sign_in(client, "owner@example.no", "wrong", HERE).status_code == 429  # the fifth
    r = sign_in(client, "owner@example.no", PASSWORD, HERE)
    assert r.status_code == 429 and "Too many failed sign-ins" in r.content.decode()
    # The owner from another address, and a colleague behind the same address, still get in.
    assert sign_in(client, "owner@example.no", PASSWORD, THERE).status_code == 302
    client.logout()
    assert sign_in(client, "colleague@example.no", PASSWORD, HERE).status_code == 302


def test_case_of_the_email_does_not_give_extra_tries(client, world):
    for email in ("Owner@example.no", "OWNER@example.no", "owner@Example.no", " owner@example.no",
                  "owner@example.no"):  # fmt: skip
        sign_in(client, email, "wrong", HERE)
    assert sign_in(client, "owner@example.no", PASSWORD, HERE).status_code == 429


def test_password_spraying_from_one_address_stops_at_the_address_limit(client, world):
    """One password tried on many accounts, with sign-ins to one's own account in between:
    those successes do not clear the address's other failures."""
    first_refused = None
    for n in range(40):
        r = sign_in(client, f"victim{n}@example.no", "Sommer2026!", HERE)
        if r.status_code == 429:
            first_refused = n
            break
        assert sign_in(client, "outsider@example.no", PASSWORD, HERE).status_code == 302
        client.logout()
    # The 20th failure is answered with the lockout; no further password is even checked.
    assert first_refused == signin.ADDRESS_FAILURE_LIMIT - 1
    assert sign_in(client, "owner@example.no", PASSWORD, HERE).status_code == 429
    assert sign_in(client, "owner@example.no", PASSWORD, THERE).status_code == 302


def test_a_success_clears_only_its_own_email_and_address(client, world):
    for _ in range(4):
        sign_in(client, "owner@example.no", "wrong", HERE)
        sign_in(client, "colleague@example.no", "wrong", HERE)
    assert sign_in(client, "owner@example.no", PASSWORD, HERE).status_code == 302
    client.logout()
    left = {a.username: a.failures_since_start for a in AccessAttempt.objects.all()}
    assert left == {"colleague@example.no": 4}
    assert sign_in(client, "colleague@example.no", "wrong", HERE).status_code == 429  # fifth


def test_behind_a_proxy_the_address_is_the_one_the_proxy_added():
    request = RequestFactory().post(
        "/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert signin.client_address(request) == "192.0.2.1"  # without the setting: the socket
    with override_settings(BEHIND_PROXY=True, PROXY_COUNT=1):
        assert signin.client_address(request) == "203.0.113.7"  # not the spoofed 6.6.6.6
    with override_settings(BEHIND_PROXY=True, PROXY_COUNT=2):
        assert signin.client_address(request) == "6.6.6.6"


WORKER = """
import django
django.setup()
from django.contrib.auth import authenticate
from django.test import RequestFactory
for _ in range(5):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.9.9.9")
    authenticate(request, username="target@example.no", password="wrong")
"""


def test_failures_from_parallel_processes_are_all_counted(tmp_path):
    """Four processes (like four gunicorn workers) fail at once on one SQLite file; the
    counter is incremented in the database, so no failure is lost. (SQLite needs
    ``transaction_mode=IMMEDIATE`` for parallel writers at all: issue 11, point 13.)"""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}?transaction_mode=IMMEDIATE"
    env.update(DJANGO_SETTINGS_MODULE="symbiose.settings", SYMBIOSE_DATA_DIR=str(tmp_path),
               DATABASE_URL=url)  # fmt: skip
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, check=True,
                   timeout=300)  # fmt: skip
    workers = [subprocess.Popen([sys.executable, "-c", WORKER], env=env) for _ in range(4)]
    assert [w.wait(timeout=300) for w in workers] == [0, 0, 0, 0]
    count = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from axes.models import "
         "AccessAttempt as A; print(sum(a.failures_since_start for a in A.objects.all()))"],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert count.stdout.strip() == "20"


def test_password_reset_is_limited_per_email_without_saying_so(client, world):
    for n in range(5):
        r = client.post("/accounts/password-reset/", {"email": "owner@example.no"}, **HERE)
        assert r.status_code == 302 and r["Location"] == "/accounts/password-reset/sent/"
        assert len(mail.outbox) == min(n + 1, signin.RESET_PER_EMAIL)


def test_password_reset_is_limited_per_address(client, world):
    for n in range(signin.RESET_PER_ADDRESS):
        r = client.post("/accounts/password-reset/", {"email": f"x{n}@example.no"}, **HERE)
        assert r.status_code == 302
    r = client.post("/accounts/password-reset/", {"email": "owner@example.no"}, **HERE, **EN)
    assert r.status_code == 429 and "Too many password-reset requests" in r.content.decode()
    assert client.post("/accounts/password-reset/", {"email": "owner@example.no"},
                       **THERE).status_code == 302  # fmt: skip
