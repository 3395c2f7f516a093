from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Placements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django's documented place to connect receivers: models are loaded only now.
        from placements import receivers  # noqa: F401
