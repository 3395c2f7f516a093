"""Celery tasks: thin wrappers around the dashboards' services."""

from celery import shared_task

from dashboards import exports


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def export_readiness(export_id: int) -> None:
    exports.export_run(export_id)
