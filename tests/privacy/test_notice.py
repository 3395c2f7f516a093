"""The privacy notice accepted at sign-up is recorded (version and time) and asked again when
its version changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "natalia@example.ru",
    "password1": "a-long-passphrase-2026",
    "password2": "a-long-passphrase-2026",
    "first_name": "Natalia",
    "last_name": "Orlova",
    "native_name": "Наталья Орлова",
}


def test_the_notice_is_a_public_page_with_its_version(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2027-03"
    page = client.get(reverse("privacy:notice")).content.decode()
    assert "Version 2027-03" in page
    assert "365 days after your stay ends" in page


def test_sign_up_needs_the_notice_accepted_and_keeps_what_was_typed(client):
    response = client.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please read and accept the privacy notice." in page
    assert "Наталья Орлова" in page
    assert not User.objects.exists()


def test_sign_up_records_the_version_and_time_accepted(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2027-03"
    page = client.get(reverse("account_signup")).content.decode()
    assert reverse("privacy:notice") in page
    response = client.post(reverse("account_signup"), {**SIGN_UP, "accept_privacy": "on"})
    assert response.status_code == 302
    user = User.objects.get(email="natalia@example.ru")
    assert user.privacy_notice_version == "2027-03"
    assert user.privacy_notice_accepted_at is not None


def test_a_new_version_is_asked_again_and_then_lets_the_person_on(client, settings):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("applications:mine")).status_code == 200
    settings.PRIVACY_NOTICE_VERSION = "2099-01"

    response = client.get(reverse("applications:mine"))
    accept = reverse("privacy:accept")
    assert response.url == f"{accept}?next=%2Fapplications%2F"
    assert client.get(reverse("privacy:notice")).status_code == 200  # still readable
    page = client.get(response.url).content.decode()
    assert "Please read version 2099-01" in page

    refused = client.post(accept, {"next": "/applications/"})
    assert "Please read and accept the privacy notice." in refused.content.decode()
    response = client.post(accept, {"accept": "on", "next": "/applications/"})
    assert response.url == "/applications/"
    user.refresh_from_db()
    assert user.privacy_notice_version == "2099-01"
    assert client.get(reverse("applications:mine")).status_code == 200


def test_accepting_never_redirects_off_site(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2099-01"
    client.force_login(UserFactory())
    response = client.post(reverse("privacy:accept"), {"accept": "on", "next": "//evil.example/"})
    assert response.url == "/"


def test_an_htmx_request_sends_the_whole_page_to_the_notice(client, settings):
    client.force_login(UserFactory())
    settings.PRIVACY_NOTICE_VERSION = "2099-01"
    response = client.get(reverse("applications:mine"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("privacy:accept")


def test_a_person_who_never_accepted_is_asked_too(client):
    user = UserFactory(privacy_notice_version="")
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.url.startswith(reverse("privacy:accept"))
