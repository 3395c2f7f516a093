"""Reminder thresholds are days counted from today where the host organisation is: at 23:30
UTC it is already the next day in Seoul."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from applications import services as applications
from notifications.reminders import run_reminders
from programs.models import Program
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import OrganisationFactory, ProgramFactory
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, set_time_zone

pytestmark = pytest.mark.django_db
NINE_HOURS_EARLIER = SEOUL_NEXT_MORNING - timedelta(hours=9)  # 23:30 on the 14th in Seoul


def test_a_draft_opening_in_7_days_in_seoul_reminds_its_coordinators(
    organisation, coordinator, django_capture_on_commit_callbacks
):
    set_time_zone(organisation, "Asia/Seoul")
    opens = SEOUL_DAY + timedelta(days=7)  # 8 days after the server's date
    for host in (organisation, OrganisationFactory(time_zone="UTC")):
        ProgramFactory(
            organisation=host,
            status=Program.Status.DRAFT,
            application_opens=opens,
            application_closes=opens + timedelta(days=30),
            start_date=opens + timedelta(days=60),
            end_date=opens + timedelta(days=90),
        )

    with time_machine.travel(NINE_HOURS_EARLIER, tick=False):
        assert run_reminders(only=["programs.draft-window-opens"]) == 0
    with (
        time_machine.travel(SEOUL_NEXT_MORNING, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run_reminders(only=["programs.draft-window-opens"]) == 2  # in-app + e-mail

    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "in 7 days" in mail.outbox[0].body


def test_an_offer_reminder_goes_out_3_days_before_the_last_day_in_seoul(
    organisation, coordinator, program, django_capture_on_commit_callbacks
):
    set_time_zone(organisation, "Asia/Seoul")
    application = put_in_status(ApplicationFactory(program=program), "shortlisted")
    last_day = SEOUL_DAY + timedelta(days=3)
    with time_machine.travel(datetime(2030, 3, 1, 12, tzinfo=UTC), tick=False):
        offer = applications.offer_make(application=application, by=coordinator, answer_by=last_day)
    # 4 days left by the server's date, and more than 3 days on the clock.
    assert offer.deadline - SEOUL_NEXT_MORNING > timedelta(days=3)

    with time_machine.travel(NINE_HOURS_EARLIER, tick=False):
        assert run_reminders(only=["applications.offer-expiring"]) == 0
    with (
        time_machine.travel(SEOUL_NEXT_MORNING, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run_reminders(only=["applications.offer-expiring"]) == 2

    assert [message.to for message in mail.outbox] == [[application.trainee.email]]
