"""Housing reminders count the days before the start from today where the host is."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from notifications.models import Notification
from notifications.reminders import run_reminders
from programs.models import Program
from tests.accommodation.conftest import accepted_trainee
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, UTC_DAY, set_time_zone

pytestmark = pytest.mark.django_db
RULE = ["accommodation.housing-missing"]


def test_the_90_day_housing_reminder_goes_out_when_it_is_90_days_in_seoul(
    housing, coordinator, django_capture_on_commit_callbacks
):
    set_time_zone(coordinator.coordinator_of, "Asia/Seoul")
    program = housing["program"]
    start = SEOUL_DAY + timedelta(days=90)  # 91 days after the server's date
    Program.objects.filter(pk=program.pk).update(
        application_opens=UTC_DAY - timedelta(days=60),
        application_closes=UTC_DAY - timedelta(days=1),
        start_date=start,
        end_date=start + timedelta(days=27),
    )
    application = accepted_trainee(program)

    with time_machine.travel(SEOUL_NEXT_MORNING - timedelta(hours=9), tick=False):
        assert run_reminders(only=RULE) == 0  # 23:30 on the 14th in Seoul: 91 days
    with (
        time_machine.travel(SEOUL_NEXT_MORNING, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run_reminders(only=RULE) > 0

    reminder = Notification.objects.get(
        kind="accommodation.housing_missing", channel="email", to_email=application.trainee.email
    )
    assert reminder.dedupe_key.endswith(":90d")
    assert any("starts in 90 days" in message.subject for message in mail.outbox)
