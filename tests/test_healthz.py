"""/healthz/: the verdict for anyone, the checks behind it for staff and token holders."""

import pytest
from health_check.checks import Database

from core import health
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
TOKEN = "a-long-random-monitoring-token"
DETAILS = ("Database", "Redis", "Ping", "Celery", "alias")


@pytest.fixture
def token(settings):
    settings.HEALTHZ_TOKEN = TOKEN
    return TOKEN


@pytest.fixture
def broken(monkeypatch):
    """A check that fails (a database alias that does not exist)."""
    monkeypatch.setattr(health, "_checks", lambda: [(Database, {"alias": "missing"})])


@pytest.mark.parametrize("accept", ["application/json", "text/html", "text/plain", "*/*"])
def test_an_anonymous_visitor_gets_the_status_only(client, token, accept):
    response = client.get("/healthz/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not any(word in response.content.decode() for word in DETAILS)


def test_an_anonymous_visitor_learns_only_that_something_is_down(client, token, broken):
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert not any(word in response.content.decode() for word in DETAILS)


def test_a_signed_in_non_staff_user_gets_the_status_only(client, token):
    client.force_login(UserFactory())
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")
    assert response.json() == {"status": "ok"}


def test_a_staff_user_sees_which_checks_ran(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert any("Database" in name for name in response.json())


def test_the_token_in_the_authorization_header_shows_the_checks_and_failures(client, token, broken):
    response = client.get(
        "/healthz/", HTTP_ACCEPT="application/json", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == 503
    assert "Database alias does not exist" in response.content.decode()


def test_the_token_in_the_query_string_shows_the_checks(client, token):
    response = client.get("/healthz/", {"token": TOKEN}, HTTP_ACCEPT="application/json")
    assert any("Database" in name for name in response.json())


@pytest.mark.parametrize("given", ["wrong", TOKEN[:-1], TOKEN + "x", ""])
def test_a_wrong_token_gets_the_status_only(client, token, given):
    response = client.get("/healthz/", HTTP_AUTHORIZATION=f"Bearer {given}")
    assert response.json() == {"status": "ok"}


def test_without_a_configured_token_an_empty_one_opens_nothing(client, settings):
    settings.HEALTHZ_TOKEN = ""
    response = client.get("/healthz/?token=", HTTP_AUTHORIZATION="Bearer ")
    assert response.json() == {"status": "ok"}
