"""Placements start and end, supervisors are reminded, and readiness items turn late by the
date where the host organisation is: at 23:30 UTC it is already tomorrow in Seoul."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from applications.models import Application
from dashboards.readiness import readiness
from notifications.models import Notification
from notifications.reminders import run_reminders
from placements import services
from placements.models import Placement
from programs.models import Program
from tests.factories import PublishedProgramFactory, RotationSiteFactory, SupervisorFactory
from tests.placements.conftest import make_cohort, shortlisted
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, UTC_DAY, set_time_zone

pytestmark = pytest.mark.django_db
P = Placement.Status


@pytest.fixture
def seoul_cohort(coordinator):
    set_time_zone(coordinator.coordinator_of, "Asia/Seoul")
    return make_cohort(coordinator)


@pytest.fixture
def utc_cohort(other_coordinator):
    """The same kind of program at a host that keeps UTC."""
    organisation = other_coordinator.coordinator_of
    assert organisation.time_zone == "UTC"
    site = RotationSiteFactory(program=PublishedProgramFactory(organisation=organisation))
    supervisor = SupervisorFactory(department=site.department)
    return {"program": site.program, "sites": [site], "supervisors": [supervisor]}


def _placement(cohort, *, status, start, end, **extra):
    application = shortlisted(cohort["program"])
    Application.objects.filter(pk=application.pk).update(status=Application.Status.ACCEPTED)
    site = cohort["sites"][0]
    return Placement.objects.create(
        application=application,
        rotation_site=site,
        department=site.department,
        supervisor=cohort["supervisors"][0],
        start_date=start,
        end_date=end,
        status=status,
        **extra,
    )


def _status(placement) -> str:
    placement.refresh_from_db()
    return placement.status


def test_placements_start_and_end_by_the_date_in_seoul(seoul_cohort, utc_cohort):
    two_weeks = timedelta(days=13)
    starts_in_seoul = _placement(
        seoul_cohort, status=P.CONFIRMED, start=SEOUL_DAY, end=SEOUL_DAY + two_weeks
    )
    starts_in_utc = _placement(
        utc_cohort, status=P.CONFIRMED, start=SEOUL_DAY, end=SEOUL_DAY + two_weeks
    )
    ends_in_seoul = _placement(
        seoul_cohort, status=P.IN_PROGRESS, start=UTC_DAY - two_weeks, end=UTC_DAY
    )
    ends_in_utc = _placement(
        utc_cohort, status=P.IN_PROGRESS, start=UTC_DAY - two_weeks, end=UTC_DAY
    )

    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        assert services.advance_by_date() == 2

    assert _status(starts_in_seoul) == P.IN_PROGRESS
    assert _status(ends_in_seoul) == P.COMPLETED
    assert _status(starts_in_utc) == P.CONFIRMED  # still the 14th in UTC
    assert _status(ends_in_utc) == P.IN_PROGRESS


def test_the_supervisor_reminder_counts_3_days_in_seoul(seoul_cohort, utc_cohort):
    # Sent at 19:00 on 12 March in Seoul (10:00 UTC); at 23:30 UTC on the 14th it is the 15th
    # in Seoul: 3 days waiting there, 2 days by the server's date, 61.5 hours on the clock.
    sent = datetime(2030, 3, 12, 10, tzinfo=UTC)
    day = timedelta(days=1)
    in_seoul = _placement(
        seoul_cohort, status=P.PROPOSED, start=SEOUL_DAY, end=SEOUL_DAY + day, proposed_at=sent
    )
    _placement(
        utc_cohort, status=P.PROPOSED, start=SEOUL_DAY, end=SEOUL_DAY + day, proposed_at=sent
    )

    with time_machine.travel(SEOUL_NEXT_MORNING - timedelta(hours=9), tick=False):
        assert run_reminders(only=["placements.pending-3-days"]) == 0  # 23:30 on the 14th in Seoul
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        assert run_reminders(only=["placements.pending-3-days"]) == 2  # in-app + e-mail

    reminded = Notification.objects.filter(kind="placements.pending_reminder")
    assert {n.recipient_id for n in reminded} == {in_seoul.supervisor.user_id}


def test_a_readiness_item_is_late_by_the_days_left_in_seoul(seoul_cohort, utc_cohort):
    flagged = {}
    for name, cohort in (("seoul", seoul_cohort), ("utc", utc_cohort)):
        program = cohort["program"]
        # Documents are late 60 days before the start: the start is 60 days after the 15th.
        start = SEOUL_DAY + timedelta(days=60)
        Program.objects.filter(pk=program.pk).update(
            application_opens=UTC_DAY - timedelta(days=60),
            application_closes=UTC_DAY - timedelta(days=1),
            start_date=start,
            end_date=start + timedelta(days=27),
        )
        program.refresh_from_db()
        application = shortlisted(program)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.ACCEPTED)
        with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
            (row,), totals = readiness(program)
        flagged[name] = {item.key: item.late for item in row.items}["documents"]
        assert totals["documents"]["late"] == int(flagged[name])

    assert flagged == {"seoul": True, "utc": False}
