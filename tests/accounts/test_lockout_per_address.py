"""Failed sign-ins are counted per (account, address) pair (django-axes: 10, then an hour's
pause) and per address across accounts (allauth: 50 an hour, credential stuffing), so that a
stranger's failures never lock the owner out where the owner is."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG = "wrong-password-123"
ADDRESS_A, ADDRESS_B = "198.51.100.7", "203.0.113.9"
TOO_MANY = "Too many failed login attempts"


def _login(client, email, password, address, **headers):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def test_ten_failures_from_one_address_pause_that_pair_only(client, trainee, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, trainee.email, WRONG, ADDRESS_A)
    locked = _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_A)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    owner = _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_B)
    assert owner.status_code == 302
    assert client.session["_auth_user_id"] == str(trainee.pk)


def test_behind_our_proxy_the_forwarded_address_is_the_one_counted(client, trainee, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, trainee.email, WRONG, proxy, x_forwarded_for=ADDRESS_A)
    at_a = _login(client, trainee.email, DEFAULT_PASSWORD, proxy, x_forwarded_for=ADDRESS_A)
    assert at_a.status_code == 429
    at_b = _login(client, trainee.email, DEFAULT_PASSWORD, proxy, x_forwarded_for=ADDRESS_B)
    assert at_b.status_code == 302


def test_many_accounts_tried_from_one_address_get_that_address_blocked(client, trainee, settings):
    limit = settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR
    assert limit == 50
    victims = [UserFactory() for _ in range(limit // 2)]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for n, victim in enumerate(victims):
            if n % 10 == 0:  # stay under allauth's separate 30 sign-in forms a minute
                clock.shift(timedelta(minutes=1))
            for _ in range(2):  # two guesses each: far under the per-pair limit
                assert _login(client, victim.email, WRONG, ADDRESS_A).status_code == 200
        clock.shift(timedelta(minutes=1))

        blocked = _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_A)
        assert blocked.status_code == 200
        assert TOO_MANY in blocked.content.decode()
        assert "_auth_user_id" not in client.session

        assert _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_B).status_code == 302
        client.logout()

        clock.shift(timedelta(hours=1))
        assert _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_A).status_code == 302


def test_a_successful_sign_in_does_not_wipe_the_address_count(client, trainee, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "5/1h/ip"}
    victim = UserFactory()
    for _ in range(4):
        _login(client, victim.email, WRONG, ADDRESS_A)
    assert _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_A).status_code == 302
    client.logout()
    _login(client, victim.email, WRONG, ADDRESS_A)
    refused = _login(client, trainee.email, DEFAULT_PASSWORD, ADDRESS_A)
    assert TOO_MANY in refused.content.decode()
