"""Who may do what in the web pages: the one place pages ask, never templates.

Reads of other people's streams go through :mod:`symbiose.registry.access` and
:mod:`symbiose.matching.access`, of one's own organisations, streams and requests to join
through :mod:`symbiose.registry.own` (re-exported here under the names pages use), and of
contact requests through :mod:`symbiose.contact.access`. A refused object raises
:class:`~symbiose.registry.access.NotFound`, exactly like a missing one.
"""

from __future__ import annotations

from typing import Any

from symbiose.registry import access
from symbiose.registry.own import (  # noqa: F401  (the pages' names for the registry's reads)
    can_decide_join,
    find_organisations,
    get_join_request_to_decide,
    get_my_organisation,
    get_my_stream,
    is_company_admin,
    my_join_requests,
    my_organisations,
    my_streams,
    pending_join_requests,
)


def is_facilitator(user: Any) -> bool:
    return access.viewer_for(user).is_facilitator or getattr(user, "is_superuser", False)
