"""Only an application that may receive placements gets one — shortlisted, offered or
accepted — on every path that creates or moves placements: the grid, a planned placement,
a fellowship and the suggestion. Others are refused with a message and nothing changes."""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications import services as applications
from applications.models import Application
from placements import services, suggestions
from placements.models import Placement
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db
A = Application.Status
NEVER = [A.DRAFT, A.SUBMITTED, A.UNDER_REVIEW, A.REJECTED, A.DECLINED, A.EXPIRED, A.WITHDRAWN]
REFUSAL = "Only shortlisted, offered or accepted applicants can be placed."


def _in_status(program, status):
    application = shortlisted(program)
    Application.objects.filter(pk=application.pk).update(status=status)
    return application  # the caller's copy still says "shortlisted": as a stale page would


@pytest.mark.parametrize("status", NEVER)
def test_the_grid_refuses_an_application_that_may_not_be_placed(cohort, coordinator, status):
    application = _in_status(cohort["program"], status)
    week = services.weeks(cohort["program"])[0]
    with pytest.raises(services.PlacementRefused, match=REFUSAL):
        services.schedule_set_cell(
            application=application, week=week, site=cohort["sites"][0], by=coordinator
        )
    assert not Placement.objects.exists()


@pytest.mark.parametrize("status", NEVER)
def test_a_planned_placement_and_a_fellowship_refuse_it_too(cohort, coordinator, status):
    program = cohort["program"]
    application = _in_status(program, status)
    site = cohort["sites"][0]
    with pytest.raises(services.PlacementRefused, match=REFUSAL):
        services.placement_create(
            application=application,
            department=site.department,
            start=program.start_date,
            end=program.start_date + timedelta(days=6),
            by=coordinator,
            site=site,
        )
    with pytest.raises(services.PlacementRefused, match=REFUSAL):
        services.fellowship_place(
            application=application, supervisor=cohort["supervisors"][0], by=coordinator
        )
    assert not Placement.objects.exists()


@pytest.mark.parametrize("status", [A.SHORTLISTED, A.OFFERED, A.ACCEPTED])
def test_shortlisted_offered_and_accepted_applications_are_placed(cohort, coordinator, status):
    application = _in_status(cohort["program"], status)
    week = services.weeks(cohort["program"])[0]
    services.schedule_set_cell(
        application=application, week=week, site=cohort["sites"][0], by=coordinator
    )
    assert application.placements.count() == 1


def test_clearing_a_cell_of_a_withdrawn_application_changes_nothing(cohort, coordinator):
    program = cohort["program"]
    application = shortlisted(program)
    week = services.weeks(program)[0]
    services.schedule_set_cell(
        application=application, week=week, site=cohort["sites"][0], by=coordinator
    )
    applications.application_transition(
        application=application, to=A.WITHDRAWN, by=application.trainee
    )
    assert not application.placements.exists()  # the withdrawal released it
    with pytest.raises(services.PlacementRefused, match=REFUSAL):
        services.schedule_set_cell(application=application, week=week, site=None, by=coordinator)


def test_a_plan_that_places_an_application_withdrawn_meanwhile_is_refused_whole(
    cohort, coordinator, monkeypatch
):
    """Withdrawn between the computation and the apply: the plan writes nothing (all or
    nothing) and says so; computed again, it skips the withdrawn application."""
    program = cohort["program"]
    staying = shortlisted(program, name="Stays", preferences=[cohort["sites"][0]])
    leaving = shortlisted(program, name="Leaves", preferences=[cohort["sites"][1]])
    schedulable = services.schedulable

    def read_then_withdraw(program):
        found = schedulable(program)  # the suggestion has read the list...
        Application.objects.filter(pk=leaving.pk).update(status=A.WITHDRAWN)  # ...then this
        return found

    monkeypatch.setattr(services, "schedulable", read_then_withdraw)
    plan = suggestions.plan_compute(program=program, by=coordinator)
    monkeypatch.undo()
    with pytest.raises(suggestions.PlanRefused, match="nothing was applied"):
        suggestions.plan_apply(plan=plan, by=coordinator)
    assert not Placement.objects.exists()
    again = suggestions.plan_compute(program=program, by=coordinator)
    assert suggestions.plan_apply(plan=again, by=coordinator) == len(services.weeks(program))
    assert staying.placements.exists()
    assert not leaving.placements.exists()


def test_the_grid_page_says_why_when_the_applicant_withdrew_meanwhile(
    client_for, coordinator, cohort
):
    program = cohort["program"]
    application = _in_status(program, A.WITHDRAWN)
    response = client_for(coordinator).post(
        reverse("placements:schedule", args=[program.pk]),
        {"action": "cell", "application": application.pk, "week": 0, "site": cohort["sites"][0].pk},
        follow=True,
    )
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Placement.objects.exists()


def test_a_site_of_another_department_is_refused(cohort, coordinator):
    program = cohort["program"]
    application = shortlisted(program)
    with pytest.raises(services.PlacementRefused, match="another department"):
        services.placement_create(
            application=application,
            department=cohort["sites"][1].department,
            start=program.start_date,
            end=program.start_date + timedelta(days=6),
            by=coordinator,
            site=cohort["sites"][0],
        )


def test_sending_a_planned_placement_that_was_released_meanwhile_is_a_message(cohort, coordinator):
    program = cohort["program"]
    application = shortlisted(program)
    week = services.weeks(program)[0]
    services.schedule_set_cell(
        application=application, week=week, site=cohort["sites"][0], by=coordinator
    )
    stale = application.placements.get()
    Placement.objects.filter(pk=stale.pk).delete()
    with pytest.raises(services.PlacementRefused, match="no longer exists"):
        services.placement_transition(placement=stale, to=Placement.Status.PROPOSED, by=coordinator)
