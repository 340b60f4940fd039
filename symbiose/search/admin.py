from django.contrib import admin

from symbiose.search.models import Notification, SavedSearch, Watch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at")
    readonly_fields = ("user", "name", "query")


@admin.register(Watch)
class WatchAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "material", "crm", "threshold_field", "created_at")
    readonly_fields = ("user", "saved_search", "stream")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "stream_ref", "created_at", "read_at")
    readonly_fields = ("user", "watch", "kind", "stream_ref", "stream_title", "params")
