"""Django admin for resources: operators can inspect and correct every row."""

from django.contrib import admin

from symbiose.resources.models import Competence, CompositionRow, Deposit


@admin.register(CompositionRow)
class CompositionRowAdmin(admin.ModelAdmin):
    list_display = ["stream", "substance", "content", "unit", "analysed_on", "method"]
    list_filter = ["unit", "method"]
    search_fields = ["stream__ref", "substance"]
    raw_id_fields = ["stream"]


@admin.register(Deposit)
class DepositAdmin(admin.ModelAdmin):
    list_display = ["stream", "setting", "accessibility", "permit_status", "tonnes_estimated"]
    list_filter = ["setting", "accessibility", "permit_status"]
    search_fields = ["stream__ref", "stream__title", "owner"]
    raw_id_fields = ["stream"]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "title", "technology", "trl"]
    list_filter = ["kind"]
    search_fields = ["organisation__name", "title", "technology"]
    raw_id_fields = ["organisation"]
