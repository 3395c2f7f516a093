from django.contrib import admin

from letters.models import InvitationLetter


@admin.register(InvitationLetter)
class InvitationLetterAdmin(admin.ModelAdmin):
    list_display = ("code", "application", "issued_at", "is_current")
    search_fields = ("code",)
    exclude = ("pdf",)
    readonly_fields = ("code", "application", "details", "details_hash", "issued_at", "is_current")
