"""Regional work of system facilitators: targets, and the annual update round.

A ``Target`` is a regional goal (e.g. the county's emission or jobs goal for 2030) counted
over a set of hubs. An ``UpdateRound`` asks every member company of one hub to confirm or
update its streams for a year; each company has one ``RoundRequest``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

METRICS = [
    ("co2e_t", _("emissions cut, tonnes CO2e per year")),
    ("jobs", _("new jobs")),
    ("investment_nok", _("investment made, NOK")),
    ("funding_nok", _("funding received, NOK")),
    ("exchanges", _("implemented exchanges")),
]


class Target(models.Model):
    """A goal for a region: reach ``value`` of ``metric`` by the end of ``year``."""

    metric = models.CharField(_("metric"), max_length=20, choices=METRICS)
    value = models.FloatField(_("target value"))
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.CharField(_("region"), max_length=120)
    hubs = models.ManyToManyField(
        "facilitation.Hub", related_name="targets", verbose_name=_("hubs counted")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(
        _("demo target"), default=False, help_text=_("A made-up target for the demonstration.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "metric", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.value} {self.metric}"


class UpdateRound(models.Model):
    """The yearly round in which a hub's member companies confirm or update their streams."""

    hub = models.ForeignKey(
        "facilitation.Hub", on_delete=models.CASCADE, related_name="update_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("answer by"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "hub__name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "year"], name="one_round_per_hub_and_year")
        ]
        verbose_name = _("update round")
        verbose_name_plural = _("update rounds")

    def __str__(self) -> str:
        return f"{self.hub} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RoundRequest(models.Model):
    """One member company asked, in one round, to confirm or update its streams."""

    round = models.ForeignKey(UpdateRound, on_delete=models.CASCADE, related_name="requests")
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="round_requests"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    streams_confirmed = models.PositiveIntegerField(default=0)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="one_request_per_round_and_organisation"
            )
        ]
        verbose_name = _("update request")
        verbose_name_plural = _("update requests")

    def __str__(self) -> str:
        return f"{self.round}: {self.organisation}"
