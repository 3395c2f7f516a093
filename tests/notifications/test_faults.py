"""Notifications under faults, with the real things: PostgreSQL, a redis-server of the test's
own (stopped, flushed), real `celery worker` processes (killed with SIGKILL) and a real SMTP
server (stopped). Messages are counted by Message-ID: 0 lost, and duplicates reported.

A user's action commits its outbox rows; Celery only carries their ids. What saves a mail
when Redis is down, flushed, or the worker dies is the sweeper (`notifications.services.sweep`,
a beat task every minute), not Celery's redelivery (1 h visibility timeout).
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from applications.models import Application
from notifications import services
from notifications.models import Notification
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import PublishedProgramFactory, RotationSiteFactory, UserFactory
from tests.live_services import SmtpSink, _free_port, celery_pointed_at, start_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def submitted(coordinator):
    """Three submitted applications to a coordinator's program, from Korean-speaking doctors."""
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of, seats=3)
    RotationSiteFactory(program=program)
    applications = []
    for n in range(3):
        trainee = UserFactory(language="ko", time_zone="Asia/Seoul", email=f"doctor{n}@example.kr")
        applications.append(
            put_in_status(ApplicationFactory(program=program, trainee=trainee), "submitted")
        )
    return applications


def _shortlist(client, application) -> float:
    started = time.monotonic()
    response = client.post(reverse("applications:review_act", args=[application.pk, "shortlist"]))
    elapsed = time.monotonic() - started
    assert response.status_code == 302, response.content
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED
    return elapsed


def _emails(status=None):
    qs = Notification.objects.filter(channel="email")
    return qs.filter(status=status) if status else qs


def _wait_for_status(status: str, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _emails(status).count() >= count:
            return
        time.sleep(0.1)
    pytest.fail(f"expected {count} e-mail row(s) {status!r}: {list(_emails().values('status'))}")


def _settle(sink: SmtpSink, expected: int, extra_wait: float = 2.0) -> None:
    """Wait for the expected mails, then a little longer so a duplicate would show."""
    sink.wait_for(expected, timeout=40)
    time.sleep(extra_wait)


def _report(sink: SmtpSink, expected_ids: set[str]) -> tuple[int, int]:
    received = sink.message_ids()
    lost = len(expected_ids - set(received))
    duplicated = len(received) - len(set(received))
    print(f"\nfault test: received {len(received)}, lost {lost}, duplicated {duplicated}")
    return lost, duplicated


def _expected_ids() -> set[str]:
    return {row.message_id for row in _emails()}


@pytest.fixture
def sweep_now(settings):
    """The sweeper, as beat would run it, without waiting minutes."""
    settings.NOTIFICATIONS_SWEEP_AFTER = timedelta(0)
    settings.NOTIFICATIONS_SENDING_STALE_AFTER = timedelta(0)
    return services.sweep


def test_an_action_sends_one_mail_and_one_inbox_item_in_the_recipients_language(
    client_for, coordinator, submitted, celery_worker, smtp_sink
):
    client = client_for(coordinator)
    application = submitted[0]
    _shortlist(client, application)

    messages = smtp_sink.wait_for(1, timeout=30)
    time.sleep(1)
    assert len(smtp_sink.messages) == 1, celery_worker.log()
    subject = str(make_header(decode_header(messages[0]["Subject"])))
    assert HANGUL.search(subject), subject
    assert messages[0]["To"] == application.trainee.email
    assert messages[0].is_multipart()  # text and HTML parts
    inbox = Notification.objects.filter(recipient=application.trainee, channel="in_app")
    assert inbox.count() == 1
    assert HANGUL.search(inbox.get().subject)
    assert _emails("sent").count() == 1
    assert "notifications.tasks.deliver" in celery_worker.log()


def test_redis_down_while_users_act_delays_mail_but_loses_none(
    client_for, coordinator, submitted, redis_server, smtp_sink, sweep_now, tmp_path
):
    client = client_for(coordinator)
    with celery_pointed_at(redis_server.url):
        redis_server.stop()
        timings = [_shortlist(client, application) for application in submitted]
        assert _emails("pending").count() == 3  # committed, waiting for the broker
        print(f"\nrequest times with Redis down: {[round(t, 2) for t in timings]} s")

        redis_server.start()
        worker = start_worker(
            broker_url=redis_server.url, email_url=smtp_sink.url, log_path=tmp_path / "w.log"
        )
        try:
            assert sweep_now() == 3
            _settle(smtp_sink, 3)
        finally:
            worker.stop()
    assert _report(smtp_sink, _expected_ids()) == (0, 0)
    assert len(smtp_sink.messages) == 3, worker.log()
    assert _emails("sent").count() == 3


def test_a_flushed_queue_is_refilled_by_the_sweeper(
    client_for, coordinator, submitted, redis_server, smtp_sink, sweep_now, tmp_path
):
    import redis

    client = client_for(coordinator)
    with celery_pointed_at(redis_server.url):
        _shortlist(client, submitted[0])
        assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # the task was published
        redis.Redis.from_url(redis_server.url).flushall()

        worker = start_worker(
            broker_url=redis_server.url, email_url=smtp_sink.url, log_path=tmp_path / "w.log"
        )
        try:
            time.sleep(2)
            assert smtp_sink.messages == []  # Celery lost it...
            assert sweep_now() == 1  # ...the outbox did not
            _settle(smtp_sink, 1)
        finally:
            worker.stop()
    assert _report(smtp_sink, _expected_ids()) == (0, 0)


@pytest.mark.parametrize("kill", ["child", "whole worker"])
def test_a_worker_killed_before_the_smtp_send_still_delivers_exactly_once(
    kill, client_for, coordinator, submitted, redis_server, smtp_sink, sweep_now, tmp_path
):
    client = client_for(coordinator)
    # The worker waits 2 s between claiming and sending (a test-only module it loads), the
    # window in which we kill it.
    slow = ("tests.notifications.slow_send",)
    with celery_pointed_at(redis_server.url):
        worker = start_worker(
            broker_url=redis_server.url,
            email_url=smtp_sink.url,
            log_path=tmp_path / "w1.log",
            include=slow,
        )
        try:
            _shortlist(client, submitted[0])
            _wait_for_status("sending", 1)  # claimed, not yet sent
            if kill == "child":
                worker.kill_child()
            else:
                worker.kill_all()
                worker = start_worker(
                    broker_url=redis_server.url,
                    email_url=smtp_sink.url,
                    log_path=tmp_path / "w2.log",
                    include=slow,
                )
            time.sleep(1)
            assert smtp_sink.messages == []
            assert _emails("sending").count() == 1  # what the dead worker left behind
            sweep_now()  # beat's sweeper: the stale claim is taken back and re-queued
            _settle(smtp_sink, 1, extra_wait=3)
        finally:
            worker.stop()
    assert _report(smtp_sink, _expected_ids()) == (0, 0)
    row = _emails().get()
    assert (row.status, row.attempts) == ("sent", 2)


def test_smtp_down_retries_then_fails_visibly_and_a_coordinator_sends_it_again(
    client_for, coordinator, submitted, celery_broker, tmp_path
):
    sink = SmtpSink(host="127.0.0.1", port=_free_port())  # not started: the server is down
    worker = start_worker(
        broker_url=celery_broker,
        email_url=sink.url,
        log_path=tmp_path / "w.log",
        extra_env={"NOTIFICATIONS_RETRY_BASE_SECONDS": "0.2"},
    )
    client = client_for(coordinator)
    try:
        _shortlist(client, submitted[0])
        _wait_for_status("failed", 1, timeout=60)
        row = _emails().get()
        assert row.attempts == 5 and "Connection" in row.last_error, row.last_error

        page = client.get(reverse("notifications:failed"))
        assert row.to_email in page.content.decode()

        sink.start()
        try:
            response = client.post(reverse("notifications:retry", args=[row.pk]))
            assert response.status_code == 302
            _settle(sink, 1)
        finally:
            sink.stop()
    finally:
        worker.stop()
    assert _report(sink, _expected_ids()) == (0, 0)
    row.refresh_from_db()
    assert row.status == "sent"
