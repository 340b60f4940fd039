"""Django admin for the registry: operators can inspect and correct every row."""

from django.contrib import admin

from symbiose.registry.models import (
    AuditEvent,
    Disclosure,
    JoinRequest,
    Membership,
    Organisation,
    Stream,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["ref", "name", "org_number", "nace", "municipality", "country", "data_source"]
    list_filter = ["kind", "country", "data_source"]
    search_fields = ["ref", "name", "org_number", "municipality"]
    inlines = [MembershipInline]


@admin.register(Stream)
class StreamAdmin(admin.ModelAdmin):
    list_display = [
        "ref",
        "title",
        "organisation",
        "direction",
        "category",
        "ewc_code",
        "hazardous",
        "annual_quantity",
        "annual_unit",
        "visibility",
        "confirmed_at",
    ]
    list_filter = [
        "direction",
        "category",
        "hazardous",
        "visibility",
        "legal_status",
        "data_source",
    ]
    search_fields = ["ref", "title", "description", "organisation__name", "ewc_code"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["annual_quantity", "annual_unit", "created_at", "updated_at"]


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    list_display = ["stream", "organisation", "fields", "granted_by", "granted_at", "revoked_at"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["organisation", "user", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "verb", "object_type", "object_ref"]
    list_filter = ["verb", "object_type"]
    search_fields = ["object_ref"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
