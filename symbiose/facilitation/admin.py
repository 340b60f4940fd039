"""Django admin for hubs."""

from django.contrib import admin

from symbiose.facilitation.models import Hub


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "kind"]
    search_fields = ["slug", "name"]
    filter_horizontal = ["members", "facilitators", "overseers"]
