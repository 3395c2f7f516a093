"""Celery tasks: thin wrappers around notifications.services."""

from celery import shared_task

from notifications import services
from notifications.reminders import run_reminders as run_reminder_rules


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # the rows count their attempts (NOTIFICATIONS_MAX_ATTEMPTS)
    ignore_result=True,
)
def deliver(self, ids: list[int]) -> int:
    result = services.deliver(ids)
    if result.retry and not self.request.is_eager:
        # In-process (demo) mode has no broker to wait on: the rows stay pending with their
        # next due time and the sweeper takes them.
        raise self.retry(args=(result.retry,), countdown=result.retry_in)
    return len(result.sent)


@shared_task(ignore_result=True)
def sweep() -> int:
    return services.sweep()


@shared_task(ignore_result=True)
def send_digests() -> int:
    return services.send_digests()


@shared_task(ignore_result=True)
def run_reminders() -> int:
    return run_reminder_rules()
