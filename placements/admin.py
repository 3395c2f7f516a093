from django.contrib import admin

from placements.models import Placement, TrainingPlan


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ("application", "department", "supervisor", "start_date", "end_date", "status")
    list_filter = ("status",)


admin.site.register(TrainingPlan)
