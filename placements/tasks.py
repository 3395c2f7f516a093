"""Celery tasks: thin wrappers around placements' services."""

from celery import shared_task

from core.jobs import job_run
from placements import background, services, suggestions

JOB = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(ignore_result=True)
def advance_by_date() -> int:
    return services.advance_by_date()


@shared_task(**JOB)
def compute_plan(job_id: int) -> None:
    job_run(job_id, suggestions.compute_job)


@shared_task(**JOB)
def apply_plan(job_id: int) -> None:
    job_run(job_id, suggestions.apply_job)


@shared_task(**JOB)
def bulk_approve(job_id: int) -> None:
    job_run(job_id, background.bulk_approve_job)


@shared_task(**JOB)
def propose_planned(job_id: int) -> None:
    job_run(job_id, background.propose_job)
