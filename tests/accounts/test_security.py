"""Login throttling (django-axes) and two-factor authentication for staff roles. Staff with
an authenticator: tests/accounts/test_second_factor.py; throttling per address:
tests/accounts/test_lockout_per_address.py."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_ten_failures_lock_the_account_at_that_address_for_an_hour_even_with_the_right_password(
    client, trainee, settings
):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    trainee.set_password(PASSWORD)
    trainee.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, trainee.email, "wrong-password-123")
        assert response.status_code == 200  # the form again, with an error
    assert _login(client, trainee.email, "wrong-password-123").status_code == 429
    locked = _login(client, trainee.email.upper(), PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        after = _login(client, trainee.email, PASSWORD)
    assert after.status_code == 302
    assert client.session["_auth_user_id"] == str(trainee.pk)


def test_a_success_resets_the_count(client, trainee, settings):
    trainee.set_password(PASSWORD)
    trainee.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, trainee.email, "wrong-password-123")
    assert _login(client, trainee.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, trainee.email, "wrong-password-123")
    assert _login(client, trainee.email, PASSWORD).status_code == 302


def test_other_accounts_are_not_locked_by_someone_elses_failures(
    client, trainee, coordinator, settings
):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, trainee.email, "wrong-password-123")
    assert _login(client, coordinator.email, PASSWORD).status_code == 302


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


@pytest.mark.parametrize("persona", ["coordinator", "supervisor"])
def test_staff_without_two_factor_are_sent_to_set_it_up(mfa_required, client, request, persona):
    user = request.getfixturevalue(persona)
    user.set_password(PASSWORD)
    user.save()
    assert _login(client, user.email, PASSWORD).status_code == 302
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("programs:program_list")).status_code == 302
    # allauth asks for the password again before adding an authenticator.
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    setup = client.post(setup.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "two-factor authentication" in setup.content.decode()


def test_trainees_are_not_asked_for_two_factor(mfa_required, client_for, trainee):
    assert client_for(trainee).get("/").status_code == 200


def test_production_requires_two_factor_by_default():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": "postgres://u@localhost/db",
        "REDIS_URL": "redis://localhost:6379/0",
    }
    env.pop("MFA_REQUIRED_FOR_STAFF", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django;django.setup();from django.conf import settings;print(settings.MFA_REQUIRED_FOR_STAFF)",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "exchange_portal.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().endswith("True")
