"""Admin for superusers; coordinators manage specialties in hospitals/views.py."""

from django.contrib import admin

from reference.models import Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
