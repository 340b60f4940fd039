"""Admin for impact: regional factors (validated against the shipped tables) and scenarios."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext

from symbiose.impact.actions import check_save_regional_factor, do_delete_regional_factor
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
    """Every write goes through the audited actions (the form has validated the row)."""

    form = RegionalFactorForm
    list_display = ["factor_id", "value", "unit", "region", "version", "year", "source"]
    search_fields = ["factor_id", "source"]

    def save_model(self, request, obj, form, change):
        saved = check_save_regional_factor(
            obj.as_row(), acting_user=request.user, factor=obj if change else None
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        do_delete_regional_factor(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for factor in queryset:
            do_delete_regional_factor(factor, acting_user=request.user)


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "offer", "need", "created_by", "created_at"]
    readonly_fields = ["inputs", "result", "factors_used"]
