"""Django admin for the ledger (entries are append-only: shown, not edited)."""

from django.contrib import admin

from symbiose.ledger.models import Entry, Exchange


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    readonly_fields = ["year", "quantity", "unit", "note", "recorded_by", "recorded_at"]
    can_delete = False


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ["title", "hub", "started_on"]
    inlines = [EntryInline]
