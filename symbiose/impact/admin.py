"""Admin for impact: regional factors (validated against the shipped tables) and scenarios."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.factors import FIELDS, load_factors, merge_factors
from symbiose.impact.models import RegionalFactor, Scenario


class RegionalFactorForm(forms.ModelForm):
    class Meta:
        model = RegionalFactor
        fields = ["factor_id", *FIELDS[1:]]  # the factor-table columns, id named factor_id

    def clean(self):
        """Refuse a factor the calculators could not use (unknown id, unit that won't convert)."""
        data = super().clean()
        if self.errors:
            return data
        row = RegionalFactor(**{name: data.get(name) for name in self.Meta.fields}).as_row()
        try:
            merge_factors(load_factors(), [row])
        except ImpactInputError as err:
            field = "factor_id" if err.field == "id" else err.field
            self.add_error(field if field in self.fields else None,
                           gettext(err.template).format(**err.params))  # fmt: skip
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
