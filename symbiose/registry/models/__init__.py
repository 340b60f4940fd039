"""Registry models: who is in the network and what they have and need."""

from symbiose.registry.models.audit import AuditEvent
from symbiose.registry.models.organisation import JoinRequest, Membership, Organisation
from symbiose.registry.models.register import RegisterEntry
from symbiose.registry.models.request import Request
from symbiose.registry.models.stream import (
    CATEGORIES,
    DIRECTIONS,
    LEGAL_STATUSES,
    SENSITIVE_FIELDS,
    VISIBILITIES,
    Disclosure,
    Stream,
)

__all__ = [
    "AuditEvent",
    "CATEGORIES",
    "DIRECTIONS",
    "Disclosure",
    "JoinRequest",
    "LEGAL_STATUSES",
    "Membership",
    "Organisation",
    "RegisterEntry",
    "Request",
    "SENSITIVE_FIELDS",
    "Stream",
    "VISIBILITIES",
]
