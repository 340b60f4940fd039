"""The shape every request in Symbiose shares: asked by one side, answered once by the other.

Requests to join an organisation (:class:`~symbiose.registry.models.JoinRequest`), hub
membership invitations and requests (``facilitation.HubMembershipRequest``) and contact
requests (``contact.ContactRequest``) are pending until someone on the other side decides;
then they record who decided and when, and never change again. Each request keeps its own
table and its own words for the outcome (a join request is *approved*, the others
*accepted*).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PENDING = "pending"


class RequestQuerySet(models.QuerySet):
    """Reads every request table shares."""

    def pending(self) -> RequestQuerySet:
        """Requests still waiting for an answer."""
        return self.filter(status=PENDING)


class Request(models.Model):
    """Abstract base: status (pending until decided), when it was made, who decided when."""

    STATUSES = [
        (PENDING, _("waiting for an answer")),
        ("accepted", _("accepted")),
        ("declined", _("declined")),
    ]

    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        """Whether the other side has yet to answer."""
        return self.status == PENDING

    def decide(self, status: str, *, by: Any) -> None:
        """Record the answer ``status`` given by ``by`` now; the action saves the row."""
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
