from django.contrib import admin

from symbiose.mail.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ("subject", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status",)
    readonly_fields = ("to", "subject", "body", "status", "attempts", "last_error", "claimed_at",
                       "sent_at")  # fmt: skip
