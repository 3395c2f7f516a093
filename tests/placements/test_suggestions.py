"""Suggest, then apply: the suggestion is kept as a plan, shown to the coordinator who asked
for it, and applied all at once or not at all."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import BackgroundJob
from placements import services, suggestions
from placements.models import Placement, SchedulePlan
from tests.applications.conftest import ApplicationFactory
from tests.factories import CoordinatorFactory, PublishedProgramFactory, RotationSiteFactory
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db
P = Placement.Status


@pytest.fixture
def four(cohort):
    """Four trainees for four places a week: three want neurosurgery, one urology."""
    neuro, uro = cohort["sites"]
    program = cohort["program"]
    return [
        *(shortlisted(program, name=f"N{n}", preferences=[neuro, uro]) for n in range(3)),
        shortlisted(program, name="U0", preferences=[uro]),
    ]


def test_applying_a_plan_writes_every_cell_at_once_joined_by_site(cohort, coordinator, four):
    program = cohort["program"]
    plan = suggestions.plan_compute(program=program, by=coordinator)
    assert len(plan.cells) == 16 and plan.empty == []
    assert not Placement.objects.exists()  # a plan writes nothing until applied
    assert suggestions.plan_apply(plan=plan, by=coordinator) == 16
    cells = services.schedule_cells(program)
    assert len(cells) == 16
    assert Placement.objects.count() < 16  # consecutive weeks at one site: one placement
    assert not Placement.objects.exclude(status=P.PLANNED).exists()
    for site in cohort["sites"]:
        for week in services.weeks(program):
            here = Placement.objects.filter(
                rotation_site=site, start_date__lte=week.end, end_date__gte=week.start
            )
            assert here.count() <= site.capacity
            assert all(p.supervisor is not None for p in here)
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.APPLIED
    with pytest.raises(suggestions.PlanRefused, match="already applied"):
        suggestions.plan_apply(plan=plan, by=coordinator)  # a replayed click


def test_a_plan_joins_the_planned_neighbour_at_the_same_site(cohort, coordinator):
    program = cohort["program"]
    neuro = cohort["sites"][0]
    application = shortlisted(program, name="Joins", preferences=[neuro])
    services.schedule_set_week(application=application, week_index=1, site=neuro, by=coordinator)
    suggestions.suggest_and_apply(program=program, by=coordinator)
    (placement,) = application.placements.all()
    assert (placement.start_date, placement.end_date) == (program.start_date, program.end_date)


def test_a_failure_half_way_through_the_apply_leaves_no_placement_written(
    cohort, coordinator, four, monkeypatch
):
    program = cohort["program"]
    neuro = cohort["sites"][0]
    first = four[0]
    services.schedule_set_week(application=first, week_index=0, site=neuro, by=coordinator)
    before = list(Placement.objects.values_list("pk", "start_date", "end_date"))
    plan = suggestions.plan_compute(program=program, by=coordinator)
    commit = suggestions._Writer.commit

    def half_then_fail(writer):
        Placement.objects.filter(pk__in=writer.delete).delete()  # the joined neighbour goes
        pending = [entry["placement"] for entry in writer.new.values()]
        Placement.objects.bulk_create(pending[: len(pending) // 2])  # half is written...
        assert Placement.objects.count() >= len(pending) // 2
        raise RuntimeError("the database went away")  # ...then it breaks

    monkeypatch.setattr(suggestions._Writer, "commit", half_then_fail)
    with pytest.raises(RuntimeError):
        suggestions.plan_apply(plan=plan, by=coordinator)
    assert list(Placement.objects.values_list("pk", "start_date", "end_date")) == before
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.READY
    monkeypatch.setattr(suggestions._Writer, "commit", commit)
    assert suggestions.plan_apply(plan=plan, by=coordinator) == len(plan.cells)  # still whole


def test_a_change_to_the_schedule_since_the_plan_refuses_it_whole(cohort, coordinator, four):
    program = cohort["program"]
    plan = suggestions.plan_compute(program=program, by=coordinator)
    services.schedule_set_week(
        application=four[3], week_index=2, site=cohort["sites"][1], by=coordinator
    )
    with pytest.raises(suggestions.PlanRefused, match="The schedule changed since"):
        suggestions.plan_apply(plan=plan, by=coordinator)
    assert Placement.objects.count() == 1  # only the coordinator's own change


def test_room_taken_by_another_program_meanwhile_refuses_the_plan_with_a_message(
    cohort, coordinator, four
):
    program = cohort["program"]
    neuro = cohort["sites"][0]
    plan = suggestions.plan_compute(program=program, by=coordinator)
    other = PublishedProgramFactory(
        organisation=program.organisation,
        start_date=program.start_date,
        end_date=program.end_date,
    )
    other_site = RotationSiteFactory(
        program=other,
        department=neuro.department,
        start_date=other.start_date,
        end_date=other.end_date,
        capacity=2,
    )
    guest = ApplicationFactory(program=other)
    guest.status = "shortlisted"
    guest.save()
    services.placement_create(
        application=guest,
        department=neuro.department,
        start=other.start_date,
        end=other.start_date + timedelta(days=6),
        by=coordinator,
        site=other_site,
    )
    with pytest.raises(suggestions.PlanRefused, match=r"no longer fits.*no free place"):
        suggestions.plan_apply(plan=plan, by=coordinator)
    assert not Placement.objects.filter(application__program=program).exists()
    again = suggestions.plan_compute(program=program, by=coordinator)  # the coordinator recomputes
    assert len(again.cells) == 15 and len(again.empty) == 1
    assert suggestions.plan_apply(plan=again, by=coordinator) == 15


def test_the_coordinator_reviews_applies_or_discards_the_plan_over_http(
    client_for, cohort, coordinator, four
):
    program = cohort["program"]
    plan = suggestions.plan_compute(program=program, by=coordinator)
    client = client_for(coordinator)
    page = client.get(reverse("placements:plan_review", args=[plan.pk])).content.decode()
    assert "16 weeks to plan for 4 trainee(s); 0 week(s) stay empty." in page
    assert "N0" in page and "U0" in page
    response = client.post(reverse("placements:plan_discard", args=[plan.pk]), follow=True)
    assert "The suggestion is discarded" in response.content.decode()
    response = client.post(reverse("placements:plan_apply", args=[plan.pk]), follow=True)
    assert "already applied or discarded" in response.content.decode()
    assert not Placement.objects.exists()


def test_a_large_plan_is_applied_by_a_background_job(
    client_for, cohort, coordinator, four, settings, django_capture_on_commit_callbacks
):
    settings.BACKGROUND_THRESHOLD = 10
    plan = suggestions.plan_compute(program=cohort["program"], by=coordinator)
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("placements:plan_apply", args=[plan.pk]))
    job = BackgroundJob.objects.get(kind="placements.tasks.apply_plan")
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert (job.status, job.done, job.total) == ("done", 16, 16)
    page = client.get(response["Location"]).content.decode()
    assert "Suggestion applied: 16 week(s) planned." in page
    assert len(services.schedule_cells(cohort["program"])) == 16


def test_another_coordinator_cannot_see_apply_or_discard_the_plan_or_its_job(
    client, cohort, coordinator, four, django_capture_on_commit_callbacks
):
    program = cohort["program"]
    with django_capture_on_commit_callbacks(execute=True):
        job = suggestions.suggest_start(program=program, by=coordinator)
    plan = SchedulePlan.objects.get()
    colleague = CoordinatorFactory(coordinator_of=coordinator.coordinator_of)
    client.force_login(colleague)
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("placements:plan_review", args=[plan.pk])).status_code == 404
    assert client.post(reverse("placements:plan_apply", args=[plan.pk])).status_code == 404
    assert client.post(reverse("placements:plan_discard", args=[plan.pk])).status_code == 404
    assert not Placement.objects.exists()
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.READY
    client.force_login(coordinator)
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 200


def test_the_plan_page_costs_the_same_queries_whatever_the_number_of_trainees(
    client_for, cohort, coordinator
):
    program = cohort["program"]
    neuro, uro = cohort["sites"]
    client = client_for(coordinator)

    def queries() -> int:
        plan = suggestions.plan_compute(program=program, by=coordinator)
        url = reverse("placements:plan_review", args=[plan.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    shortlisted(program, name="A", preferences=[neuro])
    few = queries()
    for n in range(6):
        shortlisted(program, name=f"B{n}", preferences=[uro, neuro])
    assert queries() == few
