"""Admin for emergencies: statuses change only through programs.services, so they are
read-only here and the status history cannot be edited."""

from django.contrib import admin

from programs.models import Program, ProgramStatusChange, RotationSite


class RotationSiteInline(admin.TabularInline):
    model = RotationSite
    extra = 0
    raw_id_fields = ["department"]


class ProgramStatusChangeInline(admin.TabularInline):
    model = ProgramStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "reason", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "kind", "status", "start_date", "end_date", "seats"]
    list_filter = ["status", "kind", "working_language"]
    search_fields = ["title", "summary", "organisation__name", "organisation__name_native"]
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    filter_horizontal = ["specialties"]
    date_hierarchy = "start_date"
    inlines = [RotationSiteInline, ProgramStatusChangeInline]
