import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_saves_names_language_and_time_zone(client_for, trainee):
    client = client_for(trainee)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Tatiana",
            "last_name": "Ivanova",
            "native_name": "Татьяна Иванова",
            "language": "ru",
            "time_zone": "Asia/Vladivostok",
        },
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.native_name == "Татьяна Иванова"
    assert trainee.language == "ru"
    assert trainee.time_zone == "Asia/Vladivostok"
    assert response.cookies["django_language"].value == "ru"


def test_unknown_time_zone_is_a_field_error_and_nothing_is_saved(client_for, trainee):
    response = client_for(trainee).post(
        reverse("accounts:profile"),
        {
            "first_name": "X",
            "last_name": "Y",
            "native_name": "",
            "language": "en",
            "time_zone": "Mars/Olympus",
        },
    )
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    trainee.refresh_from_db()
    assert trainee.first_name == "Tatiana"


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_times_are_shown_in_the_viewers_zone(client_for, trainee):
    trainee.time_zone = "Asia/Seoul"
    trainee.save()
    page = client_for(trainee).get(reverse("accounts:profile")).content.decode()
    assert "Asia/Seoul" in page
