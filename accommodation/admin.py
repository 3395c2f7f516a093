from django.contrib import admin

from accommodation.models import (
    Bed,
    HousingRequest,
    MatchingRun,
    OutsideArrangement,
    Provider,
    Stay,
)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "organisation")
    list_filter = ("kind",)


admin.site.register(Bed)
admin.site.register(HousingRequest)
admin.site.register(Stay)
admin.site.register(MatchingRun)
admin.site.register(OutsideArrangement)
