from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HospitalsConfig(AppConfig):
    name = "hospitals"
    verbose_name = _("Hospitals")

    def ready(self) -> None:
        # Django's documented place to connect receivers: models are loaded only now.
        from hospitals import receivers  # noqa: F401
