"""Celery tasks: thin wrappers around the privacy services."""

from celery import shared_task

from privacy import retention, services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def make_export(export_id: int) -> None:
    services.export_run(export_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def erase(request_id: int) -> None:
    services.erasure_run(request_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def nightly_retention() -> None:
    retention.run_retention()
    services.exports_expire()
