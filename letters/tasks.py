"""Celery tasks: thin wrappers around letters.services."""

from celery import shared_task

from letters import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def issue_letter(application_id: int) -> str | None:
    letter = services.letter_issue(application_id)
    return letter.code if letter else None
