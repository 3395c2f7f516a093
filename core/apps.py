from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The platform floor: errors, private files, image checks, health. Imports no app."""

    name = "core"
    verbose_name = "Platform"
