"""The schedule grid racing the trainee (PostgreSQL, one connection per thread).

- Grid vs withdrawal: whichever comes first, no live placement is left on a withdrawn
  application. The negative control replaces the application's lock, in the test, by a read
  without a lock and a pause: the race then leaves live placements on withdrawn applications.
- Grid vs acceptance: both go through, in either order, with no deadlock; the approved
  placement is confirmed and the new week stays planned.
- One trainee placed by two programs at once: the checks race (nothing locks the trainee),
  the exclusion constraint stops the second, which gets the same refusal as the check gives.
  Without the constraint (dropped in the test) both would be placed.
"""

import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, connections

from applications import services as applications
from applications.models import Application
from placements import capacity, services
from placements.models import Placement
from tests.applications.conftest import put_in_status
from tests.db_constraints import without_constraint
from tests.factories import PublishedProgramFactory, RotationSiteFactory, UserFactory
from tests.placements.conftest import pause_after, shortlisted

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
A = Application.Status
P = Placement.Status
PAIRS = 8


def _run_at_once(jobs):
    """Run (name, callable) pairs in threads released together; outcome per job."""
    barrier = threading.Barrier(len(jobs))
    outcomes, lock = [], threading.Lock()

    def run(name, job):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=60)
            job()
            outcome = f"{name}: done"
        except services.PlacementRefused as refusal:
            outcome = f"{name}: refused: {refusal}"
        except Exception as error:
            outcome = f"{name}: error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(outcomes)


@pytest.fixture
def roomy(postgres, cohort):
    """The cohort program with room for everyone at its first site: only the race matters."""
    site = cohort["sites"][0]
    site.capacity = 50
    site.save()
    site.department.capacity = 50
    site.department.save()
    for supervisor in cohort["supervisors"]:
        supervisor.max_trainees = 50
        supervisor.save()
    return cohort


def _grid_vs_withdrawal(cohort, coordinator):
    program, site = cohort["program"], cohort["sites"][0]
    week = services.weeks(program)[0]
    jobs = []
    for n in range(PAIRS):
        application = shortlisted(program, name=f"W{n}")

        def place(application=application):
            services.schedule_set_cell(
                application=application, week=week, site=site, by=coordinator
            )

        def withdraw(application=application):
            applications.application_transition(
                application=application, to=A.WITHDRAWN, by=application.trainee
            )

        jobs += [("grid", place), ("withdraw", withdraw)]
    return _run_at_once(jobs)


def _live_on_withdrawn():
    return Placement.objects.filter(
        application__status=A.WITHDRAWN, status__in=Placement.HOLDING
    ).count()


def test_the_grid_and_a_withdrawal_at_once_leave_no_live_placement_on_a_withdrawn_application(
    roomy, coordinator
):
    outcomes = _grid_vs_withdrawal(roomy, coordinator)
    refused = "grid: refused: Only shortlisted, offered or accepted applicants can be placed."
    assert outcomes["withdraw: done"] == PAIRS, outcomes
    assert outcomes["grid: done"] + outcomes[refused] == PAIRS, outcomes
    assert Application.objects.filter(status=A.WITHDRAWN).count() == PAIRS
    assert _live_on_withdrawn() == 0, outcomes


def test_negative_control_without_the_application_lock_leaves_placements_on_withdrawn(
    roomy, coordinator, monkeypatch
):
    def read_without_lock_then_pause(application):
        unlocked = Application.objects.select_related("program", "trainee").get(pk=application.pk)
        if unlocked.status not in capacity.SCHEDULABLE:
            raise capacity.NotSchedulable("not schedulable")
        time.sleep(0.5)  # between the status check and the write
        return unlocked

    monkeypatch.setattr(capacity, "lock_application", read_without_lock_then_pause)
    outcomes = _grid_vs_withdrawal(roomy, coordinator)
    assert _live_on_withdrawn() > 0, f"without the lock the race should show: {outcomes}"


def test_the_grid_and_an_acceptance_at_once_both_go_through(roomy, coordinator):
    program, sites = roomy["program"], roomy["sites"]
    first_weeks_end = program.start_date + timedelta(days=13)
    last_week = services.weeks(program)[-1]
    jobs, offered = [], []
    for n in range(PAIRS // 2):  # the program has 6 seats
        application = shortlisted(program, name=f"A{n}")
        Placement.objects.create(  # weeks 1-2 approved by the supervisor
            application=application,
            rotation_site=sites[0],
            department=sites[0].department,
            supervisor=roomy["supervisors"][0],
            start_date=program.start_date,
            end_date=first_weeks_end,
            status=P.APPROVED,
        )
        put_in_status(application, A.OFFERED, by=coordinator)
        offered.append(application)

        def place(application=application):
            services.schedule_set_cell(
                application=application, week=last_week, site=sites[0], by=coordinator
            )

        def accept(application=application):
            applications.offer_accept(application=application, by=application.trainee)

        jobs += [("grid", place), ("accept", accept)]
    outcomes = _run_at_once(jobs)
    assert outcomes == Counter({"grid: done": len(offered), "accept: done": len(offered)})
    for application in offered:
        application.refresh_from_db()
        assert application.status == A.ACCEPTED
        statuses = sorted(application.placements.values_list("status", flat=True))
        assert statuses == [P.CONFIRMED, P.PLANNED]


@pytest.fixture
def one_trainee_two_programs(roomy, coordinator):
    """One trainee shortlisted by two programs whose dates overlap."""
    first = roomy["program"]
    second = PublishedProgramFactory(
        organisation=coordinator.coordinator_of,
        start_date=first.start_date,
        end_date=first.end_date,
    )
    second_site = RotationSiteFactory(
        program=second, start_date=second.start_date, end_date=second.end_date
    )
    trainee = UserFactory(last_name="Twice")
    chosen = [shortlisted(first, name="Twice"), shortlisted(second, name="Twice")]
    Application.objects.filter(pk__in=[a.pk for a in chosen]).update(trainee=trainee)
    for application in chosen:
        application.refresh_from_db()
    return chosen, [roomy["sites"][0], second_site]


def _place_in_both(chosen, sites, coordinator):
    jobs = []
    for application, site in zip(chosen, sites, strict=True):
        week = services.weeks(application.program)[0]

        def place(application=application, site=site, week=week):
            services.placement_create(
                application=application,
                department=site.department,
                start=week.start,
                end=week.end,
                by=coordinator,
                site=site,
            )

        jobs.append(("place", place))
    return _run_at_once(jobs)


def test_a_trainee_placed_by_two_programs_at_once_is_placed_once(
    one_trainee_two_programs, coordinator, monkeypatch
):
    chosen, sites = one_trainee_two_programs
    # Both checks run before either write: the database's constraint decides.
    monkeypatch.setattr(capacity, "overlaps_own", pause_after(capacity.overlaps_own))
    outcomes = _place_in_both(chosen, sites, coordinator)
    same_message = "place: refused: The trainee already has a placement in this period."
    assert outcomes == Counter({"place: done": 1, same_message: 1}), outcomes
    assert Placement.objects.filter(trainee=chosen[0].trainee).count() == 1


def test_negative_control_without_the_constraint_the_trainee_is_placed_twice(
    one_trainee_two_programs, coordinator, monkeypatch
):
    chosen, sites = one_trainee_two_programs
    monkeypatch.setattr(capacity, "overlaps_own", pause_after(capacity.overlaps_own))
    with without_constraint("placements_placement", capacity.TRAINEE_NEVER_TWICE):
        outcomes = _place_in_both(chosen, sites, coordinator)
        placed = Placement.objects.filter(trainee=chosen[0].trainee).count()
        Placement.objects.all().delete()  # before the constraint comes back
    assert placed == 2, outcomes
