from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = _("Invitation letters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django's documented place to connect receivers: models are loaded only now.
        from letters import receivers  # noqa: F401
