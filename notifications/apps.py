from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registered at app start-up like every app's notify.py: the digest and account kinds.
        from notifications import kinds  # noqa: F401

        # Each app declares the kinds it sends and its reminder rules in `<app>/notify.py`.
        autodiscover_modules("notify")
