from django.contrib import admin

from letters.models import InvitationLetter, LetterRefusal


@admin.register(InvitationLetter)
class InvitationLetterAdmin(admin.ModelAdmin):
    list_display = ("code", "application", "issued_at", "issued_on", "is_current")
    search_fields = ("code",)
    exclude = ("pdf",)
    readonly_fields = (
        "code",
        "application",
        "details",
        "details_hash",
        "issued_at",
        "issued_on",
        "is_current",
        "replaced_by",
    )


@admin.register(LetterRefusal)
class LetterRefusalAdmin(admin.ModelAdmin):
    list_display = ("application", "reason", "passport_expires_on", "valid_until_needed")
    readonly_fields = (
        "application",
        "reason",
        "passport_expires_on",
        "stay_ends_on",
        "valid_until_needed",
        "refused_at",
    )
