"""Django admin for the registry: operators can inspect and correct every row.

Streams are written through the registry's actions (validated like an imported row, audited,
and logged for matching so candidates are refreshed); derived fields are read-only.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext

from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import (
    AuditEvent,
    Disclosure,
    JoinRequest,
    Membership,
    Organisation,
    Stream,
)
from symbiose.registry.template import parse_stream, stream_row


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


class StreamAdminForm(forms.ModelForm):
    """The admin's stream form (the admin sets model and fields) with the template's rules."""

    def _post_clean(self) -> None:
        """After Django's own checks, the listing template's rules (what the action applies)."""
        super()._post_clean()
        if self.errors or not self.instance.organisation_id:
            return
        result = parse_stream(stream_row(self.instance, self.instance.organisation.ref))
        for err in result.errors:
            field = err.field if err.field in self.fields else None
            self.add_error(field, gettext(err.template).format(**err.params))


@admin.register(Stream)
class StreamAdmin(admin.ModelAdmin):
    form = StreamAdminForm
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
    readonly_fields = ["hazardous", "annual_quantity", "annual_unit", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The ref names the stream the action saves: changing it would make a new stream.
        return [*self.readonly_fields, "ref"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved, _created = check_save_stream(
            stream_row(obj, obj.organisation.ref), acting_user=request.user,
            data_source=obj.data_source or "self",
        )  # fmt: skip
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False  # a stream is archived (an audited action), never deleted here


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
