"""The nightly retention: documents go a set time after the stay ends or after rejection or
withdrawal, and only when the person has no open application."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings as django_settings

from applications.models import Application, StatusChange
from privacy import tasks
from privacy.models import PrivacyEvent
from tests.factories import DocumentFactory, PublishedProgramFactory, UserFactory
from trainees.models import Document

pytestmark = pytest.mark.django_db


def _night(day, callbacks) -> None:
    moment = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=3)
    with time_machine.travel(moment, tick=False), callbacks(execute=True):
        tasks.nightly_retention()


def _applicant(status: str, program=None, closed_at=None):
    person = UserFactory()
    document = DocumentFactory(owner=person)
    application = Application.objects.create(
        program=program or PublishedProgramFactory(), trainee=person, status=status
    )
    if closed_at:
        StatusChange.objects.create(
            application=application, from_status="under_review", to_status=status, at=closed_at
        )
    return person, document


def test_the_beat_schedule_runs_the_retention_every_night():
    entry = django_settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == "privacy.tasks.nightly_retention"
    assert django_settings.RETENTION_AFTER_STAY_DAYS == 365
    assert django_settings.RETENTION_AFTER_CLOSE_DAYS == 182


def test_documents_go_a_year_after_the_stay_ends(settings, django_capture_on_commit_callbacks):
    settings.RETENTION_AFTER_STAY_DAYS = 365
    program = PublishedProgramFactory()
    person, document = _applicant("accepted", program)
    storage, name = document.file.storage, document.file.name
    end = program.end_date

    _night(end + timedelta(days=365), django_capture_on_commit_callbacks)
    assert Document.objects.filter(owner=person).exists()

    _night(end + timedelta(days=366), django_capture_on_commit_callbacks)
    assert not Document.objects.filter(owner=person).exists()
    assert not storage.exists(name)
    event = PrivacyEvent.objects.get(subject=person)
    assert (event.kind, event.detail) == ("retention", "1 documents")


def test_the_time_is_configurable(settings, django_capture_on_commit_callbacks):
    settings.RETENTION_AFTER_STAY_DAYS = 30
    program = PublishedProgramFactory()
    person, _document = _applicant("accepted", program)
    _night(program.end_date + timedelta(days=31), django_capture_on_commit_callbacks)
    assert not Document.objects.filter(owner=person).exists()


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_documents_go_half_a_year_after_rejection_or_withdrawal(
    status, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_AFTER_CLOSE_DAYS = 182
    closed = datetime(2027, 1, 10, 12, tzinfo=UTC)
    person, _document = _applicant(status, closed_at=closed)

    _night(closed.date() + timedelta(days=182), django_capture_on_commit_callbacks)
    assert Document.objects.filter(owner=person).exists()
    _night(closed.date() + timedelta(days=183), django_capture_on_commit_callbacks)
    assert not Document.objects.filter(owner=person).exists()


def test_an_open_application_keeps_all_documents(settings, django_capture_on_commit_callbacks):
    closed = datetime(2027, 1, 10, 12, tzinfo=UTC)
    person, _document = _applicant("rejected", closed_at=closed)
    Application.objects.create(
        program=PublishedProgramFactory(), trainee=person, status="submitted"
    )
    _night(closed.date() + timedelta(days=1000), django_capture_on_commit_callbacks)
    assert Document.objects.filter(owner=person).count() == 1


def test_a_stay_not_yet_over_for_long_enough_keeps_the_documents_of_an_old_rejection(
    settings, django_capture_on_commit_callbacks
):
    closed = datetime(2027, 1, 10, 12, tzinfo=UTC)
    person, _document = _applicant("rejected", closed_at=closed)
    program = PublishedProgramFactory()
    Application.objects.create(program=program, trainee=person, status="accepted")
    _night(program.end_date + timedelta(days=100), django_capture_on_commit_callbacks)
    assert Document.objects.filter(owner=person).count() == 1


def test_documents_of_someone_who_never_applied_stay(django_capture_on_commit_callbacks):
    person = UserFactory()
    DocumentFactory(owner=person)
    _night(datetime(2040, 1, 1).date(), django_capture_on_commit_callbacks)
    assert Document.objects.filter(owner=person).count() == 1
