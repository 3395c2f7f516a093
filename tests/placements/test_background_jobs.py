"""Bulk actions over more rows than BACKGROUND_THRESHOLD run as background jobs (Celery,
eager here): the page shows their progress, then their result with a message per row that was
refused; under the threshold they stay immediate. Only who started a job sees it."""

import pytest
from django.urls import reverse

from applications.models import Application
from core import jobs
from core.models import BackgroundJob
from placements import services
from placements.models import Placement
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import CoordinatorFactory
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db
P = Placement.Status


@pytest.fixture
def threshold(settings):
    settings.BACKGROUND_THRESHOLD = 2


@pytest.fixture
def progress_seen(monkeypatch):
    """Every progress report a job makes (before the page-update throttle)."""
    seen: list[int] = []
    report = jobs.Progress.__call__

    def record(self, done, total=None, **kwargs):
        seen.append(done)
        return report(self, done, total, **kwargs)

    monkeypatch.setattr(jobs.Progress, "__call__", record)
    return seen


def _planned_weeks(cohort, coordinator, count):
    """`count` trainees, each planned for one week at neurosurgery."""
    program, neuro = cohort["program"], cohort["sites"][0]
    placed = []
    for week in range(count):
        application = shortlisted(program, name=f"W{week}")
        services.schedule_set_week(
            application=application, week_index=week, site=neuro, by=coordinator
        )
        placed.append(application.placements.get())
    return placed


def _run(client, url, data, capture):
    with capture(execute=True):  # the job's task runs (eagerly) after the commit
        response = client.post(url, data)
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("core:job", args=[job.pk])
    return job, client.get(response["Location"]).content.decode()


def test_bulk_shortlisting_over_the_threshold_runs_in_the_background(
    client_for, coordinator, cohort, threshold, progress_seen, django_capture_on_commit_callbacks
):
    program = cohort["program"]
    submitted = [ApplicationFactory(program=program) for _ in range(3)]
    for application in submitted:
        put_in_status(application, Application.Status.SUBMITTED)
    draft = ApplicationFactory(program=program)  # a draft cannot be shortlisted
    url = reverse("applications:review_list", args=[program.pk])
    ids = [a.pk for a in [*submitted, draft]]
    job, page = _run(
        client_for(coordinator),
        url,
        {"selected": ids, "action": "shortlist"},
        django_capture_on_commit_callbacks,
    )
    assert (job.status, job.done, job.total) == ("done", 4, 4)
    assert progress_seen == [0, 1, 2, 3, 4]
    assert "3 applications updated." in page
    assert "1 row was not changed" in page and draft.trainee.display_name in page
    assert Application.objects.filter(status="shortlisted").count() == 3


def test_bulk_shortlisting_under_the_threshold_is_immediate(client_for, coordinator, cohort):
    program = cohort["program"]
    application = ApplicationFactory(program=program)
    put_in_status(application, Application.Status.SUBMITTED)
    url = reverse("applications:review_list", args=[program.pk])
    response = client_for(coordinator).post(
        url, {"selected": [application.pk], "action": "shortlist"}, follow=True
    )
    assert "1 application(s) updated." in response.content.decode()
    assert not BackgroundJob.objects.exists()


def test_bulk_approval_over_the_threshold_runs_in_the_background(
    client_for, coordinator, cohort, threshold, progress_seen, django_capture_on_commit_callbacks
):
    placed = _planned_weeks(cohort, coordinator, 3)
    services.propose_planned(program=cohort["program"], by=coordinator)
    late = _planned_weeks(cohort, coordinator, 4)[-1]  # still planned: cannot be approved
    supervisor = cohort["supervisors"][0].user
    job, page = _run(
        client_for(supervisor),
        reverse("placements:inbox"),
        {"selected": [p.pk for p in [*placed, late]]},
        django_capture_on_commit_callbacks,
    )
    assert (job.status, job.done, job.total) == ("done", 4, 4)
    assert progress_seen[-1] == 4
    assert "3 placements approved." in page and "1 row was not changed" in page
    assert Placement.objects.filter(status=P.APPROVED).count() == 3


def test_sending_planned_placements_over_the_threshold_runs_in_the_background(
    client_for, coordinator, cohort, threshold, progress_seen, django_capture_on_commit_callbacks
):
    _planned_weeks(cohort, coordinator, 3)
    program = cohort["program"]
    job, page = _run(
        client_for(coordinator),
        reverse("placements:schedule", args=[program.pk]),
        {"action": "propose"},
        django_capture_on_commit_callbacks,
    )
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    assert progress_seen[-1] == 3
    assert "3 placement requests sent to supervisors." in page
    assert not Placement.objects.exclude(status=P.PROPOSED).exists()


def test_the_job_page_polls_while_it_runs_and_reloads_itself_without_javascript(
    client_for, coordinator, cohort
):
    job = jobs.job_start(
        kind="placements.tasks.propose_planned",
        title="Sending",
        by=coordinator,
        params={"program": cohort["program"].pk},
        total=10,
    )  # not run: no commit in this test's transaction
    BackgroundJob.objects.filter(pk=job.pk).update(status="running", done=4)
    client = client_for(coordinator)
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "4 of 10 done" in page and 'value="40"' in page
    fragment = client.get(reverse("core:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    other = CoordinatorFactory(coordinator_of=coordinator.coordinator_of)
    assert client_for(other).get(reverse("core:job", args=[job.pk])).status_code == 404


def test_a_job_that_fails_says_so_and_keeps_its_refusal_message(coordinator, cohort):
    job = jobs.job_start(kind="x", title="X", by=coordinator, params={})

    def refuse(_job, _progress):
        raise services.PlacementRefused("Nothing to send.")

    jobs.job_run(job.pk, refuse)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Nothing to send.")
    assert job.finished_at is not None


def test_a_job_that_cannot_be_queued_fails_at_once_with_a_message(
    client_for, coordinator, cohort, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*_args):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(jobs, "send_task_now", broker_down)
    client = client_for(coordinator)
    url = reverse("placements:schedule", args=[cohort["program"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "suggest"})
    job = BackgroundJob.objects.get()
    assert job.status == "failed"
    page = client.get(response["Location"]).content.decode()
    assert "The background worker cannot be reached" in page
    assert 'hx-trigger="every 1s"' not in page and "refresh" not in page
