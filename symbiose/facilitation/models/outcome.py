"""Phase-3 outcomes of an opportunity: jobs, investment, funding received and permits.

An implemented opportunity's exchange (``ledger.Exchange``) is one-to-one with it, so the
outcomes recorded here are the exchange's too. Planned and realised figures are kept in
separate fields and never added together: a plan is not a result.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from symbiose.facilitation.models.opportunity import Opportunity

FUNDING_STATUSES = [
    ("applied", _("applied for")),
    ("granted", _("granted")),
    ("received", _("received")),
    ("refused", _("refused")),
]
PERMIT_STATUSES = [
    ("planned", _("not yet applied for")),
    ("applied", _("applied for")),
    ("granted", _("granted")),
    ("refused", _("refused")),
    ("withdrawn", _("withdrawn")),
]


class Outcome(models.Model):
    """Jobs and investment of one opportunity: what was planned and what was realised."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, related_name="outcome"
    )
    jobs_planned = models.PositiveIntegerField(_("jobs planned"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    investment_planned_nok = models.PositiveBigIntegerField(
        _("investment planned (NOK)"), null=True, blank=True
    )
    investment_made_nok = models.PositiveBigIntegerField(
        _("investment made (NOK)"), null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.opportunity} outcome"


class Funding(models.Model):
    """Money from a support scheme (e.g. Enova, Innovasjon Norge) for one opportunity."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="funding")
    scheme = models.CharField(_("scheme"), max_length=200)
    amount_nok = models.PositiveBigIntegerField(_("amount (NOK)"))
    status = models.CharField(_("status"), max_length=20, choices=FUNDING_STATUSES)
    decided_on = models.DateField(_("date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")

    def __str__(self) -> str:
        return f"{self.scheme}: {self.amount_nok} NOK ({self.status})"


class Permit(models.Model):
    """A permit an opportunity needs: which authority, for what, and how far it has come."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="permits")
    authority = models.CharField(_("authority"), max_length=200)
    subject = models.CharField(_("permit for"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=PERMIT_STATUSES)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("permit")
        verbose_name_plural = _("permits")

    def __str__(self) -> str:
        return f"{self.authority}: {self.subject} ({self.status})"
