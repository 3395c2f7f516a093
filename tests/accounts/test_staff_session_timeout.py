"""Staff sessions end after 30 minutes without a request and 12 hours after sign-in, and the
sign-in page says why; trainees keep the ordinary session length."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/"
SIGNED_OUT_IDLE = "signed out after 30 minutes without activity"
SIGNED_OUT_LONG = "signed out 12 hours after signing in"


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("persona", ["coordinator", "supervisor"])
def test_a_staff_session_idle_for_more_than_30_minutes_ends(client_for, request, clock, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(STAFF_PAGE).status_code == 200
    clock.shift(timedelta(minutes=30, seconds=30))
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('account_login')}?next={reverse('notifications:inbox')}"
    )
    assert not _signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert SIGNED_OUT_IDLE in page


def test_activity_keeps_a_staff_session_alive_for_hours(client_for, coordinator, clock):
    client = client_for(coordinator)
    for _ in range(20):  # ten hours, a request every 29 minutes
        clock.shift(timedelta(minutes=29))
        assert client.get(STAFF_PAGE).status_code == 200
    assert _signed_in(client)


def test_a_staff_session_ends_12_hours_after_sign_in_however_active(client_for, coordinator, clock):
    client = client_for(coordinator)
    for _ in range(47):  # 11 h 45 min of steady work
        clock.shift(timedelta(minutes=15))
        assert client.get(STAFF_PAGE).status_code == 200
    clock.shift(timedelta(minutes=16))
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    assert not _signed_in(client)
    assert SIGNED_OUT_LONG in client.get(response["Location"]).content.decode()


def test_signing_in_again_starts_a_fresh_session(client_for, coordinator, clock):
    client = client_for(coordinator)
    client.get(STAFF_PAGE)
    clock.shift(timedelta(hours=1))
    assert client.get(STAFF_PAGE).status_code == 302
    client.force_login(coordinator)
    assert client.get(STAFF_PAGE).status_code == 200


def test_an_htmx_request_after_the_timeout_sends_the_whole_page_to_sign_in(
    client_for, coordinator, clock
):
    client = client_for(coordinator)
    client.get(STAFF_PAGE)
    clock.shift(timedelta(minutes=31))
    response = client.get(reverse("notifications:inbox"), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"].startswith(reverse("account_login"))
    assert not _signed_in(client)


def test_trainees_keep_the_ordinary_session_length(client_for, trainee, clock):
    client = client_for(trainee)
    assert client.get(STAFF_PAGE).status_code == 200
    clock.shift(timedelta(hours=3))
    assert client.get(STAFF_PAGE).status_code == 200
    assert _signed_in(client)


def test_superusers_are_held_to_the_staff_rules(client, clock, django_user_model):
    root = django_user_model.objects.create_superuser(
        "root@example.org", "x" * 16, privacy_notice_version=settings.PRIVACY_NOTICE_VERSION
    )
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
    clock.shift(timedelta(minutes=31))
    assert client.get("/admin/").status_code == 302
    assert not _signed_in(client)
