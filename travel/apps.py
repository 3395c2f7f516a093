from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TravelConfig(AppConfig):
    name = "travel"
    verbose_name = _("Travel: visa, arrival and pickup")
    default_auto_field = "django.db.models.BigAutoField"
