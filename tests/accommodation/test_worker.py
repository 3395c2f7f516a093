"""The matching runs in a real Celery worker process and reports its progress."""

import time
from decimal import Decimal

import pytest
from django.urls import reverse

from accommodation.models import HousingRequest, MatchingRun, Stay
from tests.accommodation.conftest import accepted_trainee, make_housing

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_runs_the_matching_and_the_page_follows_it(
    client_for, coordinator, celery_worker
):
    housing = make_housing(coordinator)
    program = housing["program"]
    application = accepted_trainee(program)
    HousingRequest.objects.create(
        application=application,
        start=program.start_date,
        end=program.end_date,
        budget_per_night=Decimal("40000"),
        max_km=5,
    )
    client = client_for(coordinator)
    response = client.post(reverse("accommodation:matching", args=[program.pk]))
    run = MatchingRun.objects.get()
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run.refresh_from_db()
        seen.add(run.status)
        if run.status in ("done", "failed"):
            break
        page = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 1s"' in page  # the page keeps polling while it runs
        time.sleep(0.2)
    assert run.status == "done", (run.error, celery_worker.log())
    assert "accommodation.tasks.run_matching" in celery_worker.log()
    assert Stay.objects.filter(request__application=application, status="proposed").exists()
    final = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "1 proposal is ready to review." in final
