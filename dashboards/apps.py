from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The top floor: role home pages and the readiness dashboard, which gather many
    domains. Nothing but the project's root imports this app."""

    name = "dashboards"
    verbose_name = "Dashboards"
