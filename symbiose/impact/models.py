"""Impact models: a region's own factors and saved business-case scenarios."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalFactor(models.Model):
    """An administrator's factor that overrides a shipped one (same id, newer version)."""

    factor_id = models.CharField(_("factor id"), max_length=80)
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=40)
    source = models.CharField(_("source"), max_length=300)
    year = models.PositiveIntegerField(_("year"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=40, default="NO")
    version = models.CharField(_("version"), max_length=40)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["factor_id", "version"], name="unique_factor_version")
        ]
        verbose_name = _("regional factor")
        verbose_name_plural = _("regional factors")

    def __str__(self) -> str:
        return f"{self.factor_id} {self.version}: {self.value} {self.unit}"

    def as_row(self) -> dict[str, object]:
        return {
            "id": self.factor_id, "value": self.value, "unit": self.unit,
            "source": self.source, "year": self.year,
            "valid_from": self.valid_from.isoformat() if self.valid_from else "",
            "valid_to": self.valid_to.isoformat() if self.valid_to else "",
            "region": self.region, "version": self.version, "note": self.note,
        }  # fmt: skip


class Scenario(models.Model):
    """A saved business case: the inputs someone chose and the result they got."""

    name = models.CharField(_("name"), max_length=200)
    offer = models.ForeignKey(
        "registry.Stream", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    need = models.ForeignKey(
        "registry.Stream", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(
        _("belongs to"), max_length=120, blank=True, help_text=_("e.g. opportunity:42")
    )
    inputs = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    factors_used = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name
