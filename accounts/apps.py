from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        # Django's documented place to connect receivers: models are loaded only now.
        from accounts import receivers  # noqa: F401
