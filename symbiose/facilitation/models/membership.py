"""Hub membership by consent: an invitation the organisation accepts, or its request the hub
accepts. Only an accepted request adds the organisation to ``Hub.members``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.registry.models.request import Request


class HubMembershipRequest(Request):
    """A proposal that ``organisation`` joins ``hub``, made by one side, decided by the other.

    ``initiated_by="hub"``: a hub facilitator invited the organisation; one of its company
    admins accepts or declines. ``initiated_by="organisation"``: a company admin asked to join;
    a hub facilitator (or a platform admin) accepts or declines. Until accepted, the hub's
    facilitators see the organisation as any outsider does. Writes in
    ``facilitation/actions/membership.py``; who may decide in ``facilitation/access.py``.
    """

    SIDES = [("hub", _("invited by the hub")), ("organisation", _("asked by the organisation"))]

    hub = models.ForeignKey(
        "facilitation.Hub", on_delete=models.CASCADE, related_name="membership_requests"
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="hub_requests"
    )
    initiated_by = models.CharField(_("initiated by"), max_length=12, choices=SIDES)
    message = models.TextField(_("message"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_hub_membership_request",
            )
        ]
        verbose_name = _("hub membership request")
        verbose_name_plural = _("hub membership requests")

    def __str__(self) -> str:
        return f"{self.organisation} -> {self.hub} ({self.initiated_by}, {self.status})"
