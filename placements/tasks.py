"""Celery tasks: thin wrappers around placements.services."""

from celery import shared_task

from placements import services


@shared_task(ignore_result=True)
def advance_by_date() -> int:
    return services.advance_by_date()
