from django.contrib import admin

from travel.models import Arrival, Pickup, Visa, VisaChange, VisaLeadTime


@admin.register(VisaLeadTime)
class VisaLeadTimeAdmin(admin.ModelAdmin):
    list_display = ["host_country", "nationality", "days", "margin_days", "notes"]
    list_filter = ["host_country"]


class VisaChangeInline(admin.TabularInline):
    model = VisaChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "summary", "by", "at"]


@admin.register(Visa)
class VisaAdmin(admin.ModelAdmin):
    list_display = ["application", "status", "appointment_on", "valid_until"]
    list_filter = ["status"]
    raw_id_fields = ["application"]
    inlines = [VisaChangeInline]


@admin.register(Arrival)
class ArrivalAdmin(admin.ModelAdmin):
    list_display = ["application", "mode", "flight_number", "airport", "arrives_at"]
    raw_id_fields = ["application"]


@admin.register(Pickup)
class PickupAdmin(admin.ModelAdmin):
    list_display = ["application", "name", "email", "status"]
    list_filter = ["status"]
    raw_id_fields = ["application"]
