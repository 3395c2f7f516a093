"""Queueing background work by task name.

The one convention for Celery in this project: an app's `tasks.py` imports its services
(a task loads ids and calls one service); a service never imports `tasks.py`, it queues the
task by its registered name through these helpers, after the transaction commits. So no
`services` <-> `tasks` import circle exists, hidden or not.
"""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.db import transaction


def task_named(name: str):
    """The registered task `name` (e.g. "letters.tasks.issue_letter"). Every installed app's
    `tasks.py` is registered on first use (Celery's autodiscovery, idempotent)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def send_task_now(name: str, *args: Any) -> None:
    """Queue the task now (raises when the broker cannot be reached)."""
    task_named(name).delay(*args)


def enqueue_on_commit(name: str, *args: Any) -> None:
    """Queue the task once the current transaction commits (never from inside it: a worker
    would meet rows that do not exist yet); at once outside a transaction."""
    transaction.on_commit(lambda: send_task_now(name, *args))
