"""Celery tasks: thin wrappers around placements.services."""

from celery import shared_task

from placements import services


@shared_task(ignore_result=True)
def advance_by_date() -> int:
    return services.advance_by_date()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def export_readiness(export_id: int) -> None:
    from placements.exports import export_run

    export_run(export_id)
