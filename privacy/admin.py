from django.contrib import admin

from privacy.models import ErasureRequest, PrivacyEvent


@admin.register(PrivacyEvent)
class PrivacyEventAdmin(admin.ModelAdmin):
    """The audit log is read, never edited."""

    list_display = ("at", "kind", "subject_id", "by", "detail")
    list_filter = ("kind",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Decisions go through the portal's page (and its checks); here they are only read."""

    list_display = ("subject_id", "status", "requested_at", "decided_by", "completed_at")
    list_filter = ("status",)
    readonly_fields = ("subject", "status", "decided_by", "decided_at", "reason", "completed_at")

    def has_add_permission(self, request) -> bool:
        return False
