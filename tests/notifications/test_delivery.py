"""deliver(), sweep() and failures, in process (the fault tests with a real worker, Redis and
SMTP server are in test_faults.py)."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from notifications import services
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class DownBackend(EmailBackend):
    """A mail server that cannot be reached."""

    def open(self):
        raise smtplib.SMTPConnectError(421, "mail server down")

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server down")


def _pending(count=1, **extra):
    user = UserFactory()
    rows = []
    for n in range(count):
        rows.append(
            Notification.objects.create(
                kind="notifications.digest",
                channel="email",
                recipient=user,
                to_email=user.email,
                subject=f"Hello {n}",
                body_text="Body",
                **extra,
            )
        )
    return rows


def test_a_row_is_sent_once_however_often_it_is_delivered():
    (row,) = _pending()
    first = services.deliver([row.pk])
    second = services.deliver([row.pk])

    assert first.sent == [row.pk] and second.sent == []
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 1)
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{row.uuid}@exchange-portal>"


def test_a_batch_goes_over_one_connection_and_marks_every_row_sent():
    rows = _pending(5)
    result = services.deliver([r.pk for r in rows])
    assert sorted(result.sent) == sorted(r.pk for r in rows)
    assert Notification.objects.filter(status="sent").count() == 5


def test_smtp_down_retries_with_backoff_then_fails_and_keeps_the_error(settings):
    settings.EMAIL_BACKEND = f"{__name__}.DownBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    (row,) = _pending()

    result = services.deliver([row.pk])
    row.refresh_from_db()
    assert result.retry == [row.pk] and result.retry_in > 0
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.due_at > timezone.now()
    assert "SMTPConnectError" in row.last_error

    services.deliver([row.pk])
    services.deliver([row.pk])
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 3)
    assert services.deliver([row.pk]).sent == []  # a failed row is not picked up again


def test_in_process_mode_leaves_a_failed_attempt_to_the_sweeper(settings):
    from notifications.tasks import deliver

    settings.EMAIL_BACKEND = f"{__name__}.DownBackend"
    (row,) = _pending()
    deliver.delay([row.pk])  # eager: no broker to schedule a retry on
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.due_at > timezone.now()


def test_backoff_grows_exponentially_and_is_capped(settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 300
    assert [services.backoff(n) for n in range(1, 7)] == [30, 60, 120, 240, 300, 300]


def test_the_sweeper_sends_rows_left_pending_and_only_those_overdue(settings):
    settings.NOTIFICATIONS_SWEEP_AFTER = timedelta(minutes=3)
    long_ago = timezone.now() - timedelta(minutes=10)
    (old,) = _pending(due_at=long_ago)
    (fresh,) = _pending()

    assert services.sweep() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == ("sent", "pending")
    assert services.sweep() == 0


def test_the_sweeper_takes_back_rows_a_dead_worker_left_in_sending(settings):
    settings.NOTIFICATIONS_SENDING_STALE_AFTER = timedelta(minutes=10)
    settings.NOTIFICATIONS_SWEEP_AFTER = timedelta(0)
    long_ago = timezone.now() - timedelta(minutes=30)
    (dead,) = _pending(status="sending", claimed_at=long_ago, attempts=1, due_at=long_ago)
    (busy,) = _pending(status="sending", claimed_at=timezone.now(), attempts=1)
    (poison,) = _pending(status="sending", claimed_at=long_ago, attempts=5, due_at=long_ago)

    services.sweep()
    for row in (dead, busy, poison):
        row.refresh_from_db()
    assert (dead.status, dead.attempts) == ("sent", 2)
    assert busy.status == "sending"  # a live worker may still hold it
    assert poison.status == "failed"
    assert len(mail.outbox) == 1


def test_queueing_never_fails_the_caller_when_the_broker_is_down(monkeypatch, caplog):
    from notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(tasks.deliver, "delay", broker_down)
    assert services.enqueue([1, 2, 3]) is False
    assert "sweeper will retry" in caplog.text


def test_a_coordinator_retries_a_failed_mail_of_their_organisation(coordinator, other_coordinator):
    (row,) = _pending(status="failed", attempts=5, last_error="boom")
    Notification.objects.filter(pk=row.pk).update(organisation=coordinator.coordinator_of)

    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.retry_failed(notification=row, by=other_coordinator)
    services.retry_failed(notification=row, by=coordinator)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 0)
