"""Celery application: broker from REDIS_URL; without it tasks run eagerly in process."""

import os

from celery import Celery

from core.heartbeat import WorkerHeartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")

app = Celery("exchange_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each worker writes a heartbeat that /healthz/ reads (core/heartbeat.py).
app.steps["worker"].add(WorkerHeartbeat)
