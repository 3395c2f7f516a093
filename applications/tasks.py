from celery import shared_task

from applications import background, services
from core.jobs import job_run


@shared_task
def expire_overdue_offers() -> int:
    """Offers past their deadline expire; run every quarter of an hour by beat."""
    return services.expire_overdue_offers()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def bulk_review(job_id: int) -> None:
    job_run(job_id, background.bulk_review_job)
