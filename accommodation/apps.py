from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccommodationConfig(AppConfig):
    name = "accommodation"
    verbose_name = _("Accommodation")
    default_auto_field = "django.db.models.BigAutoField"
