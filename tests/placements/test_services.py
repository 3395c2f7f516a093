"""Placements: capacity, lifecycle, offers wired to approvals, the schedule grid cells."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from applications import services as applications
from notifications.models import Notification
from notifications.reminders import run_reminders
from placements import services
from placements.models import Placement, PlacementStatusChange
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db
P = Placement.Status


def _place(cohort, application, site=0, weeks=(0, 4), coordinator=None, supervisor=None):
    program = cohort["program"]
    site = cohort["sites"][site]
    start = program.start_date + timedelta(days=7 * weeks[0])
    end = min(program.start_date + timedelta(days=7 * weeks[1] - 1), program.end_date)
    return services.placement_create(
        application=application,
        department=site.department,
        start=start,
        end=end,
        by=coordinator or program.organisation.coordinators.first(),
        site=site,
        supervisor=supervisor,
    )


def test_a_placement_takes_the_least_loaded_supervisor_and_holds_a_place(cohort, coordinator):
    application = shortlisted(cohort["program"])
    placement = _place(cohort, application)
    assert placement.status == P.PLANNED
    assert placement.supervisor == cohort["supervisors"][0]


def test_the_department_capacity_is_never_exceeded(cohort):
    program = cohort["program"]
    first, second, third = (shortlisted(program, name=f"T{n}") for n in range(3))
    _place(cohort, first)
    _place(cohort, second)
    with pytest.raises(services.NoRoom):
        _place(cohort, third)
    # Another period is free again: weeks do not overlap.
    Placement.objects.filter(application=second).update(
        end_date=program.start_date + timedelta(days=6)
    )
    assert _place(cohort, third, weeks=(1, 4)).pk


def test_a_supervisors_maximum_is_never_exceeded(cohort):
    program = cohort["program"]
    supervisor = cohort["supervisors"][0]
    supervisor.max_trainees = 1
    supervisor.save()
    _place(cohort, shortlisted(program, name="A"), supervisor=supervisor)
    with pytest.raises(services.NoRoom, match="already supervises"):
        _place(cohort, shortlisted(program, name="B"), supervisor=supervisor)


def test_a_trainee_is_never_in_two_places_at_once_nor_outside_the_program(cohort):
    application = shortlisted(cohort["program"])
    _place(cohort, application, site=0, weeks=(0, 2))
    with pytest.raises(services.PlacementRefused, match="already has a placement"):
        _place(cohort, application, site=1, weeks=(1, 3))
    with pytest.raises(services.PlacementRefused, match="within the program"):
        services.placement_create(
            application=application,
            department=cohort["sites"][1].department,
            start=cohort["program"].end_date,
            end=cohort["program"].end_date + timedelta(days=3),
            by=None,
        )


def test_the_supervisor_approves_and_the_coordinators_are_told(
    cohort, coordinator, django_capture_on_commit_callbacks
):
    placement = _place(cohort, shortlisted(cohort["program"]))
    supervisor = cohort["supervisors"][0].user
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_planned(program=cohort["program"], by=coordinator)
    placement.refresh_from_db()
    assert placement.status == P.PROPOSED
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_decide(placement=placement, by=supervisor, approve=True)
    placement.refresh_from_db()
    assert placement.status == P.APPROVED
    assert mail.outbox[-1].to == [coordinator.email]
    assert list(
        PlacementStatusChange.objects.filter(placement=placement).values_list(
            "to_status", flat=True
        )
    ) == ["proposed", "approved"]


def test_only_the_placements_supervisor_decides_and_a_decline_needs_a_reason(cohort, coordinator):
    placement = _place(cohort, shortlisted(cohort["program"]))
    services.propose_planned(program=cohort["program"], by=coordinator)
    with pytest.raises(PermissionDenied):
        services.placement_decide(
            placement=placement, by=cohort["supervisors"][1].user, approve=True
        )
    with pytest.raises(PermissionDenied):
        services.placement_decide(placement=placement, by=coordinator, approve=True)
    with pytest.raises(services.PlacementRefused, match="Say why"):
        services.placement_decide(
            placement=placement, by=cohort["supervisors"][0].user, approve=False
        )
    placement.refresh_from_db()
    assert placement.status == P.PROPOSED


def test_an_offer_waits_for_every_approval_and_acceptance_confirms(cohort, coordinator):
    program = cohort["program"]
    application = shortlisted(program)
    first = _place(cohort, application, site=0, weeks=(0, 2))
    second = _place(cohort, application, site=1, weeks=(2, 4))
    services.propose_planned(program=program, by=coordinator)
    services.placement_decide(placement=first, by=cohort["supervisors"][0].user, approve=True)
    with pytest.raises(applications.TransitionNotAllowed, match="every placement"):
        applications.offer_make(application=application, by=coordinator)
    services.placement_decide(placement=second, by=cohort["supervisors"][1].user, approve=True)
    applications.offer_make(application=application, by=coordinator)
    applications.offer_accept(application=application, by=application.trainee)
    assert set(application.placements.values_list("status", flat=True)) == {P.CONFIRMED}


def test_a_withdrawal_releases_the_places(cohort, coordinator):
    application = shortlisted(cohort["program"])
    sent = _place(cohort, application, weeks=(1, 2))
    services.propose_planned(program=cohort["program"], by=coordinator)
    planned = _place(cohort, application, weeks=(0, 1))
    applications.application_transition(
        application=application, to="withdrawn", by=application.trainee
    )
    assert not Placement.objects.filter(pk=planned.pk).exists()
    sent.refresh_from_db()
    assert sent.status == P.CANCELLED


def test_placements_start_and_complete_by_their_dates(cohort, coordinator):
    placement = _place(cohort, shortlisted(cohort["program"]))
    Placement.objects.filter(pk=placement.pk).update(status=P.CONFIRMED)
    with time_machine.travel(datetime.combine(placement.start_date, time(12), tzinfo=UTC)):
        services.advance_by_date()
    placement.refresh_from_db()
    assert placement.status == P.IN_PROGRESS
    day_after = placement.end_date + timedelta(days=1)
    with time_machine.travel(datetime.combine(day_after, time(12), tzinfo=UTC)):
        services.advance_by_date()
    placement.refresh_from_db()
    assert placement.status == P.COMPLETED


def test_grid_cells_merge_into_one_placement_and_split_when_a_week_is_removed(cohort, coordinator):
    program = cohort["program"]
    application = shortlisted(program)
    weeks = services.weeks(program)
    assert len(weeks) == 4
    for week in weeks:
        services.schedule_set_cell(
            application=application, week=week, site=cohort["sites"][0], by=coordinator
        )
    (whole,) = application.placements.all()
    assert (whole.start_date, whole.end_date) == (program.start_date, program.end_date)
    services.schedule_set_cell(application=application, week=weeks[1], site=None, by=coordinator)
    spans = list(
        application.placements.order_by("start_date").values_list("start_date", "end_date")
    )
    assert spans == [(weeks[0].start, weeks[0].end), (weeks[2].start, weeks[3].end)]
    services.schedule_set_cell(
        application=application, week=weeks[1], site=cohort["sites"][1], by=coordinator
    )
    assert application.placements.count() == 3


def test_a_sent_week_cannot_be_changed_in_the_grid(cohort, coordinator):
    application = shortlisted(cohort["program"])
    week = services.weeks(cohort["program"])[0]
    services.schedule_set_cell(
        application=application, week=week, site=cohort["sites"][0], by=coordinator
    )
    services.propose_planned(program=cohort["program"], by=coordinator)
    with pytest.raises(services.PlacementRefused, match="already sent"):
        services.schedule_set_cell(application=application, week=week, site=None, by=coordinator)


def test_a_request_pending_3_days_reminds_the_supervisor_and_7_days_the_coordinators_once(
    cohort, coordinator, django_capture_on_commit_callbacks
):
    placement = _place(cohort, shortlisted(cohort["program"]))
    services.propose_planned(program=cohort["program"], by=coordinator)
    Placement.objects.filter(pk=placement.pk).update(proposed_at=timezone.now() - timedelta(days=4))
    rules = ["placements.pending-3-days", "placements.pending-7-days"]
    assert run_reminders(only=rules) == 2  # the supervisor: in-app + e-mail
    assert run_reminders(only=rules) == 0
    Placement.objects.filter(pk=placement.pk).update(proposed_at=timezone.now() - timedelta(days=8))
    run_reminders(only=rules)
    kinds = list(Notification.objects.filter(channel="email").values_list("kind", "to_email"))
    assert ("placements.pending_escalation", coordinator.email) in kinds
