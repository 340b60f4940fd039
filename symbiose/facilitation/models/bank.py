"""The Bank of Opportunities: shelved ideas, anonymised so other hubs and regions can reuse them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.models.hub import Hub
from symbiose.facilitation.models.opportunity import KINDS, PHASES, Opportunity


class BankEntry(models.Model):
    """A snapshot safe to share: no company names, no sensitive stream fields, no notes."""

    ref = models.CharField(_("reference"), max_length=40, unique=True)
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="bank_entries", verbose_name=_("hub")
    )
    opportunity = models.ForeignKey(
        Opportunity, null=True, blank=True, on_delete=models.SET_NULL, related_name="bank_entries"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    description = models.TextField(_("description"), blank=True)
    reason = models.TextField(_("reason for shelving"))
    phase_reached = models.PositiveSmallIntegerField(_("phase reached"), choices=PHASES)
    readiness = models.JSONField(_("readiness"), default=dict, blank=True)
    streams = models.JSONField(_("streams"), default=list, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    origin = models.CharField(_("imported from"), max_length=300, blank=True)
    shelved_at = models.DateField(_("shelved on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shelved_at", "-id"]
        verbose_name = _("bank entry")
        verbose_name_plural = _("bank of opportunities")

    def __str__(self) -> str:
        return self.title
