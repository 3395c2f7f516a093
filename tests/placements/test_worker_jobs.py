"""A real Celery worker process computes the suggestion and runs a bulk action; the job page
follows them to their result."""

import time

import pytest
from django.urls import reverse

from applications.models import Application
from core.models import BackgroundJob
from placements.models import SchedulePlan
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.placements.conftest import shortlisted

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _follow(client, url: str, worker) -> tuple[BackgroundJob, str]:
    job_pk = int(url.rstrip("/").split("/")[-1])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = BackgroundJob.objects.get(pk=job_pk)
        if job.finished:
            break
        fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 1s"' in fragment  # the page keeps polling while it runs
        time.sleep(0.2)
    assert job.status == "done", (job.error, worker.log())
    return job, client.get(url).content.decode()


def test_a_real_worker_computes_the_suggestion_and_runs_a_bulk_review(
    client_for, coordinator, cohort, celery_worker, settings
):
    program = cohort["program"]
    neuro, uro = cohort["sites"]
    for n in range(3):
        shortlisted(program, name=f"N{n}", preferences=[neuro, uro])
    client = client_for(coordinator)
    response = client.post(reverse("placements:schedule", args=[program.pk]), {"action": "suggest"})
    job, page = _follow(client, response["Location"], celery_worker)
    assert "placements.tasks.compute_plan" in celery_worker.log()
    plan = SchedulePlan.objects.get()
    assert job.result_url == reverse("placements:plan_review", args=[plan.pk])
    assert "The suggestion is ready: 12 week(s) to plan, 0 left empty." in page

    settings.BACKGROUND_THRESHOLD = 1
    submitted = [ApplicationFactory(program=program) for _ in range(2)]
    for application in submitted:
        put_in_status(application, Application.Status.SUBMITTED)
    response = client.post(
        reverse("applications:review_list", args=[program.pk]),
        {"selected": [a.pk for a in submitted], "action": "shortlist"},
    )
    job, page = _follow(client, response["Location"], celery_worker)
    assert "applications.tasks.bulk_review" in celery_worker.log()
    assert (job.done, job.total) == (2, 2)
    assert "2 applications updated." in page
    assert (
        Application.objects.filter(pk__in=[a.pk for a in submitted], status="shortlisted").count()
        == 2
    )
