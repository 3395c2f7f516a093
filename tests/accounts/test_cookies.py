"""Every cookie the portal sets is Secure (in production), HttpOnly and SameSite; flash
messages live in the session, so a person's name or address never travels in a cookie."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# Production settings (DEBUG off) with a database and Redis nobody listens on: the probe's
# requests must not need them, so a stray query fails loudly instead of passing silently.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "s" * 64,
    "ALLOWED_HOSTS": "testserver",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "DJANGO_SETTINGS_MODULE": "exchange_portal.settings",
}

PROBE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.conf import settings
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.http import HttpResponse
    from django.test import Client, RequestFactory, override_settings

    # Scaffolding only: templates need no collected static files, and the session is kept in
    # a signed cookie instead of the database; the cookie's attributes come from the same
    # SESSION_COOKIE_* settings whatever the engine.
    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(
        STORAGES=plain_static, SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"
    ):
        client = Client()
        cookies = {}
        cookies.update(client.get("/accounts/login/", secure=True).cookies)
        cookies.update(
            client.post("/i18n/setlang/", {"language": "de", "next": "/"}, secure=True).cookies
        )

        def writes_session(request):
            request.session["probe"] = 1
            return HttpResponse()

        request = RequestFactory().get("/", secure=True)
        cookies.update(SessionMiddleware(writes_session)(request).cookies)
    print(settings.MESSAGE_STORAGE)
    for morsel in cookies.values():
        print(morsel.OutputString())
    """
)


def test_in_production_every_cookie_is_secure_httponly_and_samesite():
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_REDIS_URL")},
        **PRODUCTION_ENV,
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    storage, *cookies = result.stdout.strip().splitlines()
    assert storage == "django.contrib.messages.storage.session.SessionStorage"
    names = {line.split("=", 1)[0] for line in cookies}
    assert names == {"__Host-csrftoken", "django_language", "__Host-sessionid"}
    for line in cookies:
        attributes = {part.strip().split("=")[0].lower() for part in line.split(";")}
        assert {"secure", "httponly", "samesite"} <= attributes, line
        assert "SameSite=Lax" in line, line


@pytest.mark.django_db
def test_the_profile_sets_the_language_cookie_with_the_configured_attributes(
    client_for, trainee, settings
):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client_for(trainee).post(
        reverse("accounts:profile"),
        {
            "first_name": trainee.first_name,
            "last_name": trainee.last_name,
            "native_name": trainee.native_name,
            "language": "de",
            "time_zone": "Europe/Berlin",
        },
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "de"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_a_message_naming_someone_travels_in_the_session_not_a_cookie(
    client_for, coordinator, department, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hospitals:team"),
            {
                "email": "ivan.petrov@example.org",
                "role": "supervisor",
                "departments": [department.pk],
                "max_trainees": 2,
            },
        )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "ivan.petrov" not in str(response.cookies)
    page = client.get(response["Location"]).content.decode()
    assert "Invitation sent to ivan.petrov@example.org" in page
