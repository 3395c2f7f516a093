"""Production settings from the environment: static and media roots, connection reuse, the
file storage, the Celery queues; `check --deploy` stays clean with object storage too."""

from __future__ import annotations

import json

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from exchange_portal.storage import file_storage_settings
from tests.test_settings import PRODUCTION_ENV, manage

PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'static_root': str(s.STATIC_ROOT), 'media_root': str(s.MEDIA_ROOT),"
    "'private_root': str(s.PRIVATE_MEDIA_ROOT),"
    "'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'],"
    "'conn_health_checks': s.DATABASES['default']['CONN_HEALTH_CHECKS'],"
    "'connect_timeout': s.DATABASES['default'].get('OPTIONS', {}).get('connect_timeout'),"
    "'storages': {k: v['BACKEND'] for k, v in s.STORAGES.items()},"
    "'private_bucket': s.STORAGES['private'].get('OPTIONS', {}).get('bucket_name'),"
    "'serve': s.PRIVATE_FILES_SERVE, 'redirect_exempt': s.SECURE_REDIRECT_EXEMPT,"
    "'cache_options': s.CACHES['default'].get('OPTIONS'),"
    "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
)


def _settings(**env: str) -> dict:
    result = manage("shell", "-c", PRINT_SETTINGS, **PRODUCTION_ENV, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_reads_roots_and_connection_reuse_from_the_environment():
    values = _settings(
        STATIC_ROOT="/var/lib/exchange-portal/static",
        MEDIA_ROOT="/var/lib/exchange-portal/media",
        PRIVATE_MEDIA_ROOT="/var/lib/exchange-portal/private",
        CONN_MAX_AGE="120",
        PRIVATE_FILES_SERVE="nginx",
    )
    assert values["static_root"] == "/var/lib/exchange-portal/static"
    assert values["media_root"] == "/var/lib/exchange-portal/media"
    assert values["private_root"] == "/var/lib/exchange-portal/private"
    assert values["conn_max_age"] == 120
    assert values["conn_health_checks"] is True
    assert values["connect_timeout"] == 5
    assert values["storages"]["private"] == "django.core.files.storage.FileSystemStorage"
    assert values["serve"] == "nginx"


def test_production_defaults_keep_connections_a_minute_on_local_disk():
    values = _settings()
    assert values["conn_max_age"] == 60
    assert values["storages"]["default"] == "django.core.files.storage.FileSystemStorage"
    assert values["storages"]["staticfiles"].endswith("CompressedManifestStaticFilesStorage")
    assert values["serve"] == "django"
    assert values["redirect_exempt"] == [r"^healthz/"]  # balancers probe over plain HTTP
    assert values["cache_options"] == {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}


def test_object_storage_is_chosen_by_the_environment_and_passes_check_deploy():
    s3 = {
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "portal-public",
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": "portal-private",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
    }
    values = _settings(**s3)
    assert values["storages"]["default"] == "storages.backends.s3.S3Storage"
    assert values["storages"]["private"] == "storages.backends.s3.S3Storage"
    assert values["private_bucket"] == "portal-private"
    assert values["serve"] == "s3"
    assert "https://objects.example.org" in values["img_src"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV, **s3)
    assert result.returncode == 0, result.stdout + result.stderr


def _build(monkeypatch, tmp_path, **env: str) -> dict:
    for name in ("FILE_STORAGE", "PRIVATE_FILES_SERVE", "AWS_STORAGE_BUCKET_NAME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return file_storage_settings(
        environ.Env(), production=True, private_media_root=tmp_path, static_backend="static"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FILE_STORAGE": "ftp"}, "FILE_STORAGE must be"),
        ({"FILE_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        (
            {"FILE_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "PRIVATE_FILES_SERVE": "nginx"},
            "does not work with FILE_STORAGE='s3'",
        ),
        ({"PRIVATE_FILES_SERVE": "s3"}, "does not work with FILE_STORAGE='local'"),
    ],
)
def test_inconsistent_storage_settings_are_refused(monkeypatch, tmp_path, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _build(monkeypatch, tmp_path, **env)


def test_on_aws_the_bucket_hosts_are_the_allowed_picture_origins(monkeypatch, tmp_path):
    built = _build(
        monkeypatch,
        tmp_path,
        FILE_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="portal",
        AWS_S3_REGION_NAME="eu-central-1",
    )
    assert "https://portal.s3.eu-central-1.amazonaws.com" in built["STORAGE_ORIGINS"]
    assert built["STORAGES"]["default"]["OPTIONS"]["location"] == "public"


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("notifications.tasks.deliver", "mail"),
        ("notifications.tasks.send_digests", "mail"),
        ("dashboards.tasks.export_readiness", "heavy"),
        ("accommodation.tasks.run_matching", "heavy"),
        ("placements.tasks.suggest", "heavy"),
        ("applications.tasks.bulk_shortlist", "heavy"),
        ("letters.tasks.issue_letter", "heavy"),
        ("trainees.tasks.make_thumbnail", "celery"),
        ("applications.tasks.expire_overdue_offers", "celery"),
    ],
)
def test_mail_and_heavy_work_go_to_their_own_queues(task, queue):
    from exchange_portal.celery import app

    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_a_worker_without_queue_options_consumes_every_queue():
    from exchange_portal.celery import app

    assert set(app.amqp.queues.consume_from) == {"celery", "mail", "heavy"}
