"""Sign-in lockout (django-axes) and the password-reset rate limit.

Failed sign-ins are counted by django-axes in its database table (``axes_accessattempt``),
one row per e-mail + address, incremented with ``F() + 1`` inside a transaction, so parallel
tries from several gunicorn workers or hosts are all counted. Two limits within
:data:`WINDOW`:

* five failures for one e-mail from one address lock that pair (not the account for
  everyone, not the address for everyone);
* :data:`ADDRESS_FAILURE_LIMIT` failures from one address, over any e-mails, lock the address
  (password spraying: one password tried on many accounts).

A successful sign-in clears only the failures of that e-mail from that address; the
address's other failures stay. The client address is ``REMOTE_ADDR``, or behind a reverse
proxy (``SYMBIOSE_BEHIND_PROXY=1``) the address the proxy appended to ``X-Forwarded-For``
(``SYMBIOSE_PROXY_COUNT`` proxies, default 1), never an address the client wrote itself.
"""

from __future__ import annotations

import datetime
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

WINDOW = datetime.timedelta(minutes=15)
#: Failures one address may have over all e-mails within the window (password spraying).
ADDRESS_FAILURE_LIMIT = 20
#: Password-reset (and sign-up) requests per address and per e-mail within the window.
RESET_PER_ADDRESS = 5
RESET_PER_EMAIL = 3
RESET_WINDOW_SECONDS = 60 * 60


def client_address(request: HttpRequest) -> str:
    """The address that failures are counted for (see the module docstring)."""
    if getattr(settings, "BEHIND_PROXY", False):
        hops = max(1, int(getattr(settings, "PROXY_COUNT", 1)))
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        chain = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    # A request with no address at all (an internal login, a test's force_login) counts under
    # the unspecified address: axes stores addresses in an IP column (PostgreSQL's inet).
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail as typed, trimmed and lower-cased, so ``Kari@X.no`` and ``kari@x.no`` count
    together (accounts are stored lower-case)."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    return str(raw).strip().lower()


class LockoutBackend(AxesStandaloneBackend):
    """Axes's check before the password check, for every sign-in that has a request.

    Sign-in forms (ours and the admin's) always pass the request. A call without one
    (``Client.login`` in tests, a script) has no address to count and is left to the next
    backend instead of failing: no web path of ours authenticates without a request.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class SignInHandler(AxesDatabaseHandler):
    """Axes's database handler plus the address-wide limit for password spraying."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures of this e-mail + address, or the address's failures scaled to that limit.

        Axes compares the result with ``AXES_FAILURE_LIMIT``; scaling the address count by
        ``AXES_FAILURE_LIMIT / ADDRESS_FAILURE_LIMIT`` makes the address lock at exactly
        :data:`ADDRESS_FAILURE_LIMIT` failures.
        """
        pair = super().get_failures(request, credentials)
        address = (
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address,
                attempt_time__gte=get_cool_off_threshold(request),
            ).aggregate(n=Sum("failures_since_start"))["n"]
            or 0
        )
        scaled = address * settings.AXES_FAILURE_LIMIT // ADDRESS_FAILURE_LIMIT
        return max(pair, scaled)


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page with the lockout message, status 429."""
    message = _("Too many failed sign-ins. Wait 15 minutes or reset your password.")
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "lockout": message, "next": request.POST.get("next", "")}
    return render(request, "web/accounts/login.html", context, status=429)


def _bump(key: str) -> int:
    """Count one request under ``key`` for the reset window and return the new count.

    get + set with the window as timeout (the database cache's ``incr`` would reset the
    expiry to the cache default); two simultaneous requests may count once, which at most
    lets one extra e-mail through.
    """
    count = (cache.get(key) or 0) + 1
    cache.set(key, count, RESET_WINDOW_SECONDS)
    return count


def mail_allowed(request: HttpRequest, kind: str) -> tuple[bool, bool]:
    """Count a request that sends an e-mail (``pwreset``, ``signup``); return (address within
    limit, e-mail within limit).

    Over the address limit the page says so (429). Over the e-mail limit the page looks
    exactly as if the e-mail was sent, so the answer never tells whether an account exists,
    but no further e-mail goes out (no mail bombing of one person).
    """
    by_address = _bump(f"{kind}:addr:{client_address(request)}") <= RESET_PER_ADDRESS
    email = str(request.POST.get("email", "")).strip().lower()
    by_email = _bump(f"{kind}:email:{email}") <= RESET_PER_EMAIL
    return by_address, by_email
