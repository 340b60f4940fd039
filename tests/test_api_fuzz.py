"""Schemathesis over the OpenAPI schema as three roles: no request makes a server error.

Every operation of ``/api/openapi.json`` gets generated requests (valid and invalid
parameters and bodies, bounded examples so the run stays about a minute) as an anonymous
visitor, a company member and a hub facilitator, against the real Django application
(WSGI, the test database with the shared fixture world). The check is Schemathesis's
``not_a_server_error``: any 5xx fails with the request that caused it.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from symbiose.api import api

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
SCHEMA.app = APP
ROLES = ("anonymous", "owner", "facilitator")


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Keep the test's database connection open across requests, as Django's test Client
    does: the WSGI handler would otherwise close it after each request, which ends the test
    transaction on PostgreSQL."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def session_cookies(world):
    """Session cookies per role, from a real sign-in session (force_login)."""
    cookies = {"anonymous": {}}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(world.role(role))
        cookies[role] = {"sessionid": client.cookies["sessionid"].value}
    return cookies


@pytest.mark.parametrize("role", ROLES)
@SCHEMA.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_no_api_request_makes_a_server_error(case, role, session_cookies):
    response = case.call(cookies=session_cookies[role])
    case.validate_response(response, checks=[not_a_server_error])
