"""Reminder rules run periodically; the dedupe key sends each reminder once."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.reminders import run_reminders
from programs.models import Program
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _draft_opening_in(days, organisation):
    today = timezone.localdate()
    return ProgramFactory(
        organisation=organisation,
        status=Program.Status.DRAFT,
        application_opens=today + timedelta(days=days),
        application_closes=today + timedelta(days=days + 30),
    )


def test_coordinators_are_reminded_once_of_a_draft_whose_window_opens_within_7_days(
    coordinator, organisation, django_capture_on_commit_callbacks
):
    soon = _draft_opening_in(5, organisation)
    _draft_opening_in(20, organisation)  # too far ahead
    published = _draft_opening_in(3, organisation)
    Program.objects.filter(pk=published.pk).update(status=Program.Status.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders(only=["programs.draft-window-opens"])
    with django_capture_on_commit_callbacks(execute=True):
        second = run_reminders(only=["programs.draft-window-opens"])

    assert (first, second) == (2, 0)  # in-app + e-mail, then nothing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert soon.title in mail.outbox[0].subject
    assert "5 days" in mail.outbox[0].body
    item = Notification.objects.get(channel="in_app")
    assert item.link == f"/manage/programs/{soon.pk}/"


def test_moving_the_window_to_another_date_reminds_again(
    coordinator, organisation, django_capture_on_commit_callbacks
):
    program = _draft_opening_in(6, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(only=["programs.draft-window-opens"])
    Program.objects.filter(pk=program.pk).update(
        application_opens=program.application_opens + timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(only=["programs.draft-window-opens"])
    assert len(mail.outbox) == 2


def test_an_applicant_is_reminded_3_days_before_the_offer_expires(
    coordinator, program, django_capture_on_commit_callbacks
):
    application = put_in_status(ApplicationFactory(program=program), "offered", by=coordinator)
    offer = application.offers.get()
    with (
        time_machine.travel(offer.deadline - timedelta(days=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run_reminders(only=["applications.offer-expiring"]) == 0
    with (
        time_machine.travel(offer.deadline - timedelta(days=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run_reminders(only=["applications.offer-expiring"]) == 2
        assert run_reminders(only=["applications.offer-expiring"]) == 0
    assert [m.to for m in mail.outbox] == [[application.trainee.email]]
    assert program.title in mail.outbox[0].subject


def test_a_failing_rule_does_not_stop_the_others(monkeypatch, coordinator, organisation):
    from notifications import reminders

    def broken(now):
        raise RuntimeError("bug in a rule")

    monkeypatch.setitem(reminders._RULES, "broken", broken)
    _draft_opening_in(2, organisation)
    assert run_reminders() == 2
