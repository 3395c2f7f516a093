"""Personas and shared fixtures. Service fixtures (PostgreSQL, Redis, Celery worker,
Chromium) live in tests/live_services.py and fail in CI when a service is missing."""

import pytest

from tests.factories import (
    CoordinatorFactory,
    DepartmentFactory,
    HospitalFactory,
    OrganisationFactory,
    SupervisorFactory,
    UserFactory,
)

pytest_plugins = ["tests.live_services"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Personas are created in every test; a slow hasher only slows the suite down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth's rate limits count in the cache; one test's requests must not throttle the
    next test's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path, monkeypatch):
    """Uploaded photos and private files never land in the working tree."""
    from django.apps import apps
    from django.core.files.storage import FileSystemStorage, storages
    from django.db.models import FileField

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private = FileSystemStorage(location=tmp_path / "private", base_url=None)
    shared_private = storages["private"]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and field.storage is shared_private:
                monkeypatch.setattr(field, "storage", private)
    return tmp_path


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Gyeonggi Global Healthcare Academy", name_native="경기도")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Sana Klinikum Offenbach", country="DE", name_native="")


@pytest.fixture
def coordinator(organisation):
    """Alice: coordinator of the host organisation under test."""
    return CoordinatorFactory(email="alice@example.org", coordinator_of=organisation)


@pytest.fixture
def other_coordinator(other_organisation):
    """Bob: coordinator of another host organisation."""
    return CoordinatorFactory(email="bob@example.org", coordinator_of=other_organisation)


@pytest.fixture
def hospital(organisation):
    return HospitalFactory(organisation=organisation)


@pytest.fixture
def department(hospital):
    return DepartmentFactory(hospital=hospital)


@pytest.fixture
def supervisor(department):
    """Sam: supervises in one department of the organisation under test."""
    return SupervisorFactory(department=department, user__email="sam@example.org").user


@pytest.fixture
def trainee(db):
    """Tanya: a visiting doctor with an ordinary account."""
    return UserFactory(
        email="tanya@example.org",
        first_name="Tatiana",
        last_name="Ivanova",
        native_name="Татьяна Иванова",
    )


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(config, items):
    """Mark the tests that never touch the database (engines, settings, architecture), so
    that the SQLite pass of scripts/test.sh can leave them to the PostgreSQL pass."""
    for item in items:
        if not item.get_closest_marker("django_db") and not (
            _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.no_database)
