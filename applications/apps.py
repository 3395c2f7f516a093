from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # Django's documented place to connect receivers: models are loaded only now.
        from applications import receivers  # noqa: F401
