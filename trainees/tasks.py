"""Celery tasks: thin wrappers around trainees.services."""

from celery import shared_task

from trainees import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def make_thumbnail(profile_id: int) -> bool:
    return services.thumbnail_make(profile_id)
