"""Celery application: broker from REDIS_URL; without it tasks run eagerly in process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")

app = Celery("exchange_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
