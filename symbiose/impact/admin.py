"""Admin for impact: regional factors (validated against the shipped tables) and scenarios."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.factors import load_factors, merge_factors
from symbiose.impact.models import RegionalFactor, Scenario


class RegionalFactorForm(forms.ModelForm):
    class Meta:
        model = RegionalFactor
        fields = [
            "factor_id",
            "value",
            "unit",
            "source",
            "year",
            "valid_from",
            "valid_to",
            "region",
            "version",
            "note",
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        row = {k: data.get(k) for k in ("value", "unit", "source", "year", "region", "version",
                                        "note", "valid_from", "valid_to")}  # fmt: skip
        row["id"] = data.get("factor_id")
        row = {k: ("" if v is None else v.isoformat() if hasattr(v, "isoformat") else v)
               for k, v in row.items()}  # fmt: skip
        try:
            merge_factors(load_factors(), [row])
        except ImpactInputError as err:
            field = err.field if err.field in self.fields else None
            field = "factor_id" if err.field == "id" else field
            self.add_error(field, gettext(err.template).format(**err.params))
        return data


@admin.register(RegionalFactor)
class RegionalFactorAdmin(admin.ModelAdmin):
    form = RegionalFactorForm
    list_display = ["factor_id", "value", "unit", "region", "version", "year", "source"]
    search_fields = ["factor_id", "source"]


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "offer", "need", "created_by", "created_at"]
    readonly_fields = ["inputs", "result", "factors_used"]
