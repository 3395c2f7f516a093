"""Celery tasks: thin wrappers around accommodation.services."""

from celery import shared_task

from accommodation import services
from accommodation.models import HousingRequest, MatchingRun
from accounts.models import Organisation


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_matching(run_id: int) -> int:
    return services.run_execute(run_id).housed


@shared_task(ignore_result=True)
def nightly_matching() -> int:
    """New requests get proposals overnight, per organisation that has open requests."""
    count = 0
    for organisation in Organisation.objects.filter(
        programs__applications__housing_request__status=HousingRequest.Status.OPEN
    ).distinct():
        run = MatchingRun.objects.create(organisation=organisation)
        services.run_execute(run.pk)
        count += 1
    return count
