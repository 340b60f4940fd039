"""Implemented exchanges and their append-only yearly entries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Exchange(models.Model):
    """A synergy that went into production, created when its opportunity passes implementation."""

    opportunity = models.OneToOneField(
        "facilitation.Opportunity", on_delete=models.CASCADE, related_name="exchange"
    )
    hub = models.ForeignKey("facilitation.Hub", on_delete=models.CASCADE, related_name="exchanges")
    title = models.CharField(_("title"), max_length=200)
    started_on = models.DateField(_("started on"))

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")

    def __str__(self) -> str:
        return self.title


class Entry(models.Model):
    """A quantity exchanged in a year. Never edited: a correction is a new entry."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="entries")
    year = models.PositiveSmallIntegerField(_("year"))
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=20)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("exchange entry")
        verbose_name_plural = _("exchange entries")

    def __str__(self) -> str:
        return f"{self.exchange} {self.year}: {self.quantity} {self.unit}"
