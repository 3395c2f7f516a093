"""Links in account mails (password reset, address verification, "no such account",
"account already exists") are built from PORTAL_URL, never from the Host header a visitor
sends; the site they name is SITE_NAME."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PORTAL = "https://exchange.example.org"
EVIL = "evil.example"


@pytest.fixture
def permissive_host(settings):
    """As if a proxy passed any Host through and ALLOWED_HOSTS let it in."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.PORTAL_URL = PORTAL


def _mailed(django_capture_on_commit_callbacks, send) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        send()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    return message.body + "".join(content for content, _type in message.alternatives)


def test_the_reset_link_points_at_the_portal_whatever_the_host_header(
    client, trainee, permissive_host, django_capture_on_commit_callbacks
):
    body = _mailed(
        django_capture_on_commit_callbacks,
        lambda: client.post(
            reverse("account_reset_password"), {"email": trainee.email}, HTTP_HOST=EVIL
        ),
    )
    assert f"{PORTAL}/accounts/password/reset/key/" in body
    assert EVIL not in body


def test_the_reset_link_works(client, trainee, permissive_host, django_capture_on_commit_callbacks):
    body = _mailed(
        django_capture_on_commit_callbacks,
        lambda: client.post(reverse("account_reset_password"), {"email": trainee.email}),
    )
    link = next(word for word in body.split() if word.startswith(PORTAL))
    response = client.get(link.removeprefix(PORTAL), follow=True)
    assert response.status_code == 200
    assert "password1" in response.content.decode()  # the form to choose a new password


def test_the_verification_link_points_at_the_portal(
    client, permissive_host, django_capture_on_commit_callbacks
):
    body = _mailed(
        django_capture_on_commit_callbacks,
        lambda: client.post(
            reverse("account_signup"),
            {
                "email": "ivan@example.org",
                "password1": "a-long-passphrase-2026",
                "password2": "a-long-passphrase-2026",
                "first_name": "Ivan",
                "last_name": "Petrov",
                "native_name": "Иван Петров",
                "accept_privacy": "on",
            },
            HTTP_HOST=EVIL,
        ),
    )
    assert f"{PORTAL}/accounts/confirm-email/" in body
    assert "exchange.example.org" in body  # the site named at the foot of the mail
    assert EVIL not in body


def test_the_unknown_account_mail_points_at_the_portal(
    client, permissive_host, django_capture_on_commit_callbacks
):
    body = _mailed(
        django_capture_on_commit_callbacks,
        lambda: client.post(
            reverse("account_reset_password"), {"email": "nobody@example.org"}, HTTP_HOST=EVIL
        ),
    )
    assert f"{PORTAL}/accounts/signup/" in body
    assert EVIL not in body


def test_the_account_exists_mail_points_at_the_portal(
    client, trainee, permissive_host, django_capture_on_commit_callbacks
):
    body = _mailed(
        django_capture_on_commit_callbacks,
        lambda: client.post(
            reverse("account_signup"),
            {
                "email": trainee.email,
                "password1": "a-long-passphrase-2026",
                "password2": "a-long-passphrase-2026",
                "first_name": "T",
                "last_name": "I",
                "native_name": "",
                "accept_privacy": "on",
            },
            HTTP_HOST=EVIL,
        ),
    )
    assert f"{PORTAL}/accounts/password/reset/" in body
    assert EVIL not in body
