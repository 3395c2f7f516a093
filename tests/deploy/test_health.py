"""Liveness and readiness: liveness needs nothing; readiness reads the database, Redis and the
workers' heartbeat (a value the workers write), answers fast when Redis is down, and never
waits for a worker to reply."""

import time

import pytest
import redis
from health_check.checks import Database

from core import health
from core.heartbeat import clear_heartbeat, heartbeat_ages, heartbeat_key, write_heartbeat
from tests.factories import UserFactory
from tests.live_services import _free_port

QUEUES = ("celery", "mail", "heavy")
TOKEN = "a-long-random-monitoring-token"


def _closed_port_url() -> str:
    return f"redis://127.0.0.1:{_free_port()}/0"


def _details(client, url="/healthz/ready/"):
    return client.get(url, HTTP_ACCEPT="application/json", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


@pytest.fixture
def token(settings):
    settings.HEALTHZ_TOKEN = TOKEN


@pytest.fixture
def heartbeats(settings, redis_url):
    """Readiness and the heartbeat on the test Redis, with no heartbeat written yet."""
    settings.REDIS_URL = redis_url
    client = redis.Redis.from_url(redis_url)
    client.delete(*(heartbeat_key(queue) for queue in QUEUES))
    yield client
    client.delete(*(heartbeat_key(queue) for queue in QUEUES))


# Liveness -------------------------------------------------------------------------------


def test_liveness_answers_without_touching_the_database_or_redis(client, settings, monkeypatch):
    """No django_db mark: any database access in this test would raise."""
    settings.REDIS_URL = _closed_port_url()
    monkeypatch.setattr(health, "_checks", lambda: [(Database, {"alias": "missing"})])
    response = client.get("/healthz/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_liveness_is_not_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
    assert client.get("/healthz/live/").status_code == 200
    assert client.get("/programs/").status_code == 301


# Readiness: Redis down ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/healthz/", "/healthz/ready/"])
def test_readiness_is_unavailable_at_once_when_redis_is_down(client, settings, token, url):
    settings.REDIS_URL = _closed_port_url()
    client.get("/healthz/live/")  # the first request of a process imports the URLconf
    started = time.perf_counter()
    response = client.get(url, HTTP_ACCEPT="application/json")
    elapsed = time.perf_counter() - started
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert elapsed < 0.5, f"readiness took {elapsed:.2f} s with Redis down"
    detail = _details(client, url).json()
    assert any("Redis unreachable" in value for value in detail.values())


def test_redis_that_does_not_answer_is_given_up_on_within_the_timeout(settings):
    """A server that accepts the connection and never answers (a hung Redis): the probe
    gives up after HEALTHZ_REDIS_TIMEOUT, without retrying."""
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings.REDIS_URL = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        started = time.perf_counter()
        with pytest.raises(Exception, match="Redis unreachable"):
            health.RedisPing().run()
        elapsed = time.perf_counter() - started
    assert elapsed < settings.HEALTHZ_REDIS_TIMEOUT * 2 + 0.2, elapsed


# Readiness: the worker's heartbeat ----------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_readiness_is_unavailable_without_any_worker_heartbeat(client, heartbeats, token):
    response = client.get("/healthz/ready/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    detail = _details(client).json()
    assert any(
        "No worker heartbeat for queue(s): celery, mail, heavy" in v for v in detail.values()
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_readiness_is_unavailable_when_the_heartbeat_is_stale(client, settings, heartbeats, token):
    stale = settings.WORKER_HEARTBEAT_STALE_SECONDS
    write_heartbeat(heartbeats, node="w1@host", queues=QUEUES, now=time.time() - stale - 5)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert any("stale" in value for value in _details(client).json().values())


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_readiness_is_ok_with_a_fresh_heartbeat_on_every_queue(client, heartbeats, token):
    write_heartbeat(heartbeats, node="w1@host", queues=QUEUES)
    started = time.perf_counter()
    response = client.get("/healthz/")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, _details(client).content
    assert response.json() == {"status": "ok"}
    assert elapsed < 0.5, f"readiness took {elapsed:.2f} s"
    detail = _details(client).json()
    assert set(detail.values()) == {"OK"}
    assert any("WorkerHeartbeat" in name for name in detail)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_queue_nobody_consumes_makes_readiness_fail(client, heartbeats, token):
    """Workers split by queue: the heavy-work worker is down, mail and default are served."""
    write_heartbeat(heartbeats, node="mail@host", queues=("mail",))
    write_heartbeat(heartbeats, node="default@host", queues=("celery",))
    assert client.get("/healthz/").status_code == 503
    assert any("heavy" in value for value in _details(client).json().values())
    write_heartbeat(heartbeats, node="heavy@host", queues=("heavy",))
    assert client.get("/healthz/").status_code == 200


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_readiness_can_be_told_which_queues_it_needs(client, settings, heartbeats):
    settings.HEALTHZ_WORKER_QUEUES = ["mail"]
    write_heartbeat(heartbeats, node="mail@host", queues=("mail",))
    assert client.get("/healthz/").status_code == 200


def test_a_staff_user_sees_the_checks_on_the_readiness_url(client, db):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/healthz/ready/", HTTP_ACCEPT="application/json")
    assert any("Database" in name for name in response.json())


# The heartbeat writer ------------------------------------------------------------------


@pytest.mark.services
def test_the_writer_records_each_queue_and_forgets_old_workers(heartbeats):
    now = time.time()
    write_heartbeat(heartbeats, node="old@host", queues=("mail",), now=now - 2 * 24 * 3600)
    write_heartbeat(heartbeats, node="w1@host", queues=("celery", "mail"), now=now - 4)
    write_heartbeat(heartbeats, node="w2@host", queues=("mail",), now=now - 1)

    assert heartbeats.zrange(heartbeat_key("mail"), 0, -1) == [b"w1@host", b"w2@host"]
    assert 0 < heartbeats.ttl(heartbeat_key("mail")) <= 24 * 3600
    ages = heartbeat_ages(heartbeats, QUEUES, now=now)
    assert ages["mail"] == pytest.approx(1, abs=0.01)  # the newest worker counts
    assert ages["celery"] == pytest.approx(4, abs=0.01)
    assert ages["heavy"] is None

    clear_heartbeat(heartbeats, node="w2@host", queues=("mail",))
    assert heartbeat_ages(heartbeats, ("mail",), now=now)["mail"] == pytest.approx(4, abs=0.01)
