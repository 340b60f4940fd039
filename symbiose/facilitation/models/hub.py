"""Facilitation models: hubs and who facilitates them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Hub(models.Model):
    """A park, municipality or region where a facilitator works with member organisations."""

    KINDS = [
        ("park", _("industrial park")),
        ("municipality", _("municipality")),
        ("region", _("region")),
    ]

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS, default="park")
    description = models.TextField(_("description"), blank=True)
    center_lat = models.FloatField(_("centre latitude"), null=True, blank=True)
    center_lon = models.FloatField(_("centre longitude"), null=True, blank=True)
    radius_km = models.FloatField(_("radius (km)"), null=True, blank=True)
    members = models.ManyToManyField(
        "registry.Organisation", related_name="hubs", blank=True, verbose_name=_("members")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_hubs",
        blank=True,
        verbose_name=_("hub facilitators"),
    )
    overseers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="overseen_hubs",
        blank=True,
        verbose_name=_("system facilitators"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")

    def __str__(self) -> str:
        return self.name


#: Vestland county's hub portfolio criteria: (key, group, label).
CRITERIA = [
    ("emissions", "society", _("Emissions cut")),
    ("green_jobs", "society", _("New green jobs")),
    ("export", "society", _("Export potential")),
    ("master_plan", "society", _("Master plan in prioritised value chains")),
    ("organisation", "maturity", _("A working organisation for the hub")),
    ("circular", "maturity", _("Circular maturity: symbiosis as strategy")),
    ("knowledge", "maturity", _("Knowledge sharing")),
    ("costs", "maturity", _("Lower infrastructure and raw-material costs")),
]
CRITERION_GROUPS = {"society": _("Value to society"), "maturity": _("Maturity")}


class HubAssessment(models.Model):
    """One score (0–5) with evidence for one portfolio criterion; the newest counts."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.CharField(
        _("criterion"), max_length=20, choices=[(k, label) for k, _g, label in CRITERIA]
    )
    score = models.PositiveSmallIntegerField(_("score"))
    evidence = models.TextField(_("evidence"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_at", "-id"]
        verbose_name = _("hub assessment")
        verbose_name_plural = _("hub assessments")

    def __str__(self) -> str:
        return f"{self.hub} {self.criterion} {self.score}"
