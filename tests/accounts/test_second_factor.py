"""A staff session is signed in only after its second factor, on every entrance: the
portal's sign-in, /admin/ (whose login is the portal's), and a session opened by any other
login view with a password alone (here: `client.force_login`, a Django login without
allauth's stages, as the admin's own login form made)."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from tests.accounts.totp import code_for, give_authenticator
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

COORDINATOR_PAGE = "programs:program_list"


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser(
        "root@example.org",
        DEFAULT_PASSWORD,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,  # else asked to accept it first
    )
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def _signed_in_id(client):
    return client.session.get("_auth_user_id")


def _sign_in_with_both_factors(client, user, secret):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert _signed_in_id(client) is None  # the password alone signs nobody in
    response = client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert response.status_code == 302
    assert _signed_in_id(client) == str(user.pk)


@pytest.mark.parametrize("mfa_required", [True, False])
def test_a_password_only_session_of_a_superuser_with_an_authenticator_cannot_reach_the_admin(
    client, superuser, settings, mfa_required
):
    settings.MFA_REQUIRED_FOR_STAFF = mfa_required
    give_authenticator(superuser)
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert _signed_in_id(client) is None  # the half-signed-in session is ended
    page = client.get(response["Location"]).content.decode()
    assert "Sign in with your password and your authenticator app to go on." in page


def test_a_password_only_session_of_a_coordinator_with_an_authenticator_cannot_reach_coordinator_pages(
    client, coordinator
):
    give_authenticator(coordinator)
    client.force_login(coordinator)
    response = client.get(reverse(COORDINATOR_PAGE))
    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('account_login')}?next={reverse(COORDINATOR_PAGE)}")
    assert _signed_in_id(client) is None


def test_nor_account_pages_where_it_could_remove_the_authenticator(client, coordinator):
    give_authenticator(coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("mfa_index"))
    assert response["Location"].startswith(reverse("account_login"))
    assert _signed_in_id(client) is None


def test_after_the_code_the_same_superuser_reaches_the_admin(client, superuser):
    secret = give_authenticator(superuser)
    _sign_in_with_both_factors(client, superuser, secret)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/programs/program/").status_code == 200


def test_after_the_code_the_coordinator_reaches_coordinator_pages(client, coordinator, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    secret = give_authenticator(coordinator)
    _sign_in_with_both_factors(client, coordinator, secret)
    assert client.get(reverse(COORDINATOR_PAGE)).status_code == 200
    assert client.get("/").status_code == 200


def test_admin_login_does_not_accept_a_password_alone(client, superuser):
    give_authenticator(superuser)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": superuser.email, "password": DEFAULT_PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"
    assert _signed_in_id(client) is None
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_admin_login_sends_visitors_to_the_portal_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert [url for url, _status in response.redirect_chain] == [
        "/admin/login/?next=/admin/",
        f"{reverse('account_login')}?next=%2Fadmin%2F",
    ]


def test_admin_login_refuses_signed_in_people_who_are_not_staff(client_for, trainee):
    assert client_for(trainee).get("/admin/login/").status_code == 403


@pytest.mark.django_db(transaction=True)  # allauth announces the new authenticator on commit
def test_setting_up_the_authenticator_counts_as_this_sessions_second_factor(
    client, coordinator, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.post(
        reverse("account_login"), {"login": coordinator.email, "password": DEFAULT_PASSWORD}
    )
    assert client.get("/")["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
    assert response.status_code == 302
    assert coordinator.authenticator_set.filter(type="totp").exists()
    assert client.get(reverse(COORDINATOR_PAGE)).status_code == 200
    assert _signed_in_id(client) == str(coordinator.pk)


def test_another_sessions_second_factor_does_not_count(client, coordinator):
    secret = give_authenticator(coordinator)
    _sign_in_with_both_factors(client, coordinator, secret)
    client.logout()
    client.force_login(coordinator)
    assert client.get(reverse(COORDINATOR_PAGE)).status_code == 302
    assert _signed_in_id(client) is None


def test_trainees_with_an_authenticator_still_sign_in_with_the_code(client, trainee):
    secret = give_authenticator(trainee)
    _sign_in_with_both_factors(client, trainee, secret)
    assert client.get("/").status_code == 200
