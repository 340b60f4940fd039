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


class PairValue(models.Model):
    """What a pair of streams is worth, stored by a task worker for one way of seeing it.

    ``view`` names the fields hidden from the viewer on each side (``"o:price|n:"``): the
    value was computed without them, exactly as it would be for any viewer who may not see
    those fields and may see all others, so it is shown only to viewers with the same
    ``view`` (``symbiose.impact.stored``). ``stamp`` says which inputs it was computed from
    (both streams, their organisations, the offer's analysis, the factors and the code);
    a stored value whose stamp differs from the current one is not used.
    """

    offer = models.ForeignKey("registry.Stream", on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey("registry.Stream", on_delete=models.CASCADE, related_name="+")
    view = models.CharField(max_length=200)
    stamp = models.CharField(max_length=200)
    #: Language-free headline figures (``symbiose.impact.stored.Headline.to_json``).
    data = models.JSONField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "need", "view"], name="unique_pair_value")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} -> {self.need_id} ({self.view})"


class ValuationState(models.Model):
    """Where the task workers' valuing stands (one row): what the last finished pass saw.

    A pass after a refresh values only the pairs of streams changed since ``since`` and the
    candidates stored after ``last_candidate``; a new ``version`` (factors or code) or a full
    recompute values every candidate again. This only saves work: a page never uses a stale
    value, whatever this row says (each value carries its stamp).
    """

    version = models.CharField(max_length=40, blank=True)
    since = models.DateTimeField(null=True)
    last_candidate = models.BigIntegerField(default=0)
    last_analysis = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"valued {self.version} since {self.since}"
