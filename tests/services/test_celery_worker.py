"""A real Celery worker process executes the portal's tasks through a real Redis broker."""

import pytest
from django.core import mail

from tests.live_services import in_ci

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _sign_up(client, email: str):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "first_name": "Natalia",
            "last_name": "Orlova",
            "native_name": "Наталья Орлова",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "accept_privacy": "on",
        },
    )


def test_suite_runs_on_postgresql_in_ci(db):
    from django.db import connection

    if in_ci():
        assert connection.vendor == "postgresql"


def test_worker_process_sends_the_signup_verification_mail(client, celery_worker, smtp_sink):
    response = _sign_up(client, "natalia.orlova@example.ru")

    assert response.status_code == 302
    messages = smtp_sink.wait_for(1, timeout=30)
    assert len(messages) == 1, celery_worker.log()
    assert messages[0]["To"] == "natalia.orlova@example.ru"
    assert "confirm" in messages[0]["Subject"].lower()
    # Sent by the worker over SMTP, not by this process's backend.
    assert mail.outbox == []
    assert "notifications.tasks.deliver" in celery_worker.log()


def test_healthz_reports_database_redis_and_worker(client, settings, celery_worker):
    from exchange_portal.celery import app

    settings.REDIS_URL = app.conf.broker_url
    settings.HEALTHZ_TOKEN = "monitor-token"
    response = client.get(
        "/healthz/", HTTP_ACCEPT="application/json", HTTP_AUTHORIZATION="Bearer monitor-token"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert any("Database" in name for name in body)
    assert any("Redis" in name for name in body)
    assert any("WorkerHeartbeat" in name for name in body)
    anonymous = client.get("/healthz/", HTTP_ACCEPT="application/json")
    assert anonymous.json() == {"status": "ok"}


def test_the_worker_writes_its_heartbeat_for_every_queue_and_takes_it_back_on_stop(
    client, settings, celery_worker
):
    """The real worker's bootstep (core/heartbeat.py) writes the value readiness reads."""
    import redis

    from core.heartbeat import heartbeat_ages, heartbeat_key
    from exchange_portal.celery import app

    settings.REDIS_URL = app.conf.broker_url
    broker = redis.Redis.from_url(settings.REDIS_URL)
    queues = [queue.name for queue in settings.CELERY_TASK_QUEUES]
    ages = heartbeat_ages(broker, queues)
    assert all(age is not None and age < settings.WORKER_HEARTBEAT_SECONDS for age in ages.values())
    assert broker.zrange(heartbeat_key("mail"), 0, -1) == [celery_worker.node.encode()]
    assert client.get("/healthz/ready/").status_code == 200

    celery_worker.stop()  # a clean stop takes the worker's entries out at once
    assert set(heartbeat_ages(broker, queues).values()) == {None}
    assert client.get("/healthz/ready/").status_code == 503


def test_healthz_fails_when_no_worker_answers(client, settings, celery_broker):
    settings.REDIS_URL = celery_broker
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
