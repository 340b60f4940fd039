"""Django admin for facilitation: hubs, readiness level texts (editable), opportunities, bank."""

from django.contrib import admin

from symbiose.facilitation.models import (
    BankEntry,
    FollowUpTask,
    Hub,
    HubAssessment,
    Opportunity,
    ReadinessLevel,
    Workshop,
)


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "kind"]
    search_fields = ["slug", "name"]
    filter_horizontal = ["members", "facilitators", "overseers"]


@admin.register(ReadinessLevel)
class ReadinessLevelAdmin(admin.ModelAdmin):
    """Administrators edit what each level (1–9) means in each of the four dimensions.

    Each language is edited on its own; an empty text falls back to the other language.
    """

    list_display = ["dimension", "level", "description_nb", "description_en"]
    list_editable = ["description_nb", "description_en"]
    list_filter = ["dimension"]
    ordering = ["dimension", "level"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "hub", "phase", "status"]
    list_filter = ["hub", "phase", "status", "kind"]
    search_fields = ["ref", "title"]
    readonly_fields = ["ref"]
    filter_horizontal = ["organisations", "streams"]


@admin.register(BankEntry)
class BankEntryAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "hub", "phase_reached", "shelved_at"]
    search_fields = ["ref", "title", "description"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "hub", "date"]


@admin.register(HubAssessment)
class HubAssessmentAdmin(admin.ModelAdmin):
    list_display = ["hub", "criterion", "score", "assessed_at"]
    list_filter = ["hub", "criterion"]


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "hub", "assignee", "due_date", "status"]
    list_filter = ["hub", "status", "kind"]
    raw_id_fields = ["workshop", "opportunity", "organisation", "offer", "need"]
