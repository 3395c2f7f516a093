"""Admin for superusers and emergencies; coordinators use the pages in hospitals/views.py."""

from django.contrib import admin

from hospitals.models import Department, Hospital, Partnership, Supervisor


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    autocomplete_fields = ["specialty"]


@admin.register(Hospital)
class HospitalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "city", "country", "kind"]
    list_filter = ["kind", "country"]
    list_select_related = ["organisation"]
    search_fields = ["name", "name_native", "city"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "hospital", "specialty", "capacity"]
    list_filter = ["specialty"]
    list_select_related = ["hospital", "specialty"]
    search_fields = ["name", "hospital__name", "hospital__name_native"]
    autocomplete_fields = ["hospital", "specialty"]


@admin.register(Supervisor)
class SupervisorAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "title", "max_trainees"]
    list_select_related = ["user", "department__hospital"]
    search_fields = ["user__email", "user__last_name", "user__native_name", "department__name"]
    raw_id_fields = ["user", "department"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["title", "host", "partner", "signed_on", "expires_on", "yearly_quota"]
    list_select_related = ["host", "partner"]
    search_fields = ["title", "partner__name", "partner__name_native"]
    date_hierarchy = "signed_on"
