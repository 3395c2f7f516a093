from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world from the seed stories and `manage.py seed_demo`, which loads it.
    The top floor: it may import every app; no app imports it."""

    name = "demo"
    verbose_name = "Demo data"
