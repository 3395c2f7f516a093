"""The account pages from django-allauth use the portal's layout and Bootstrap forms."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_portal_layout(client, name):
    page = client.get(reverse(name)).content.decode()
    assert "Skip to main content" in page  # base.html
    assert "form-control" in page
    assert "btn btn-primary" in page


def test_sign_up_keeps_both_scripts_and_sends_a_verification_mail(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "ivan@example.org",
                "password1": "a-long-passphrase-2026",
                "password2": "a-long-passphrase-2026",
                "accept_privacy": "on",
                "first_name": "Ivan",
                "last_name": "Petrov",
                "native_name": "Иван Петров",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ivan@example.org")
    assert user.display_name == "Ivan Petrov (Иван Петров)"
    assert len(mail.outbox) == 1
    assert "ivan@example.org" in mail.outbox[0].to


def test_sign_up_errors_keep_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ivan@example.org",
            "password1": "short",
            "password2": "short",
            "accept_privacy": "on",
            "first_name": "Ivan",
            "last_name": "Petrov",
            "native_name": "Иван Петров",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "is-invalid" in page
    assert "Иван Петров" in page
    assert not User.objects.exists()


def test_password_reset_mail_goes_out(client, trainee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": trainee.email})
    assert len(mail.outbox) == 1
    assert trainee.email in mail.outbox[0].to
