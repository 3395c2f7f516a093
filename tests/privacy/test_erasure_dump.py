"""After an erasure, a `pg_dump` of the whole test database holds none of the person's names
(Latin and native script), e-mail, passport number or phones, and storage none of their files."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.db import connection

from privacy import services
from tests.live_services import require_service
from tests.privacy.world import EMERGENCY_PHONE, IVAN, PASSPORT, PHONE, make_person, stored_files

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SECRETS = [
    "Ivan Petrov",
    "Иван Петров",
    "Petrov",
    "Петров",
    "Иван",
    IVAN["email"],
    PASSPORT,
    PHONE,
    EMERGENCY_PHONE,
    "Мария Петрова",
]


def _dump() -> str:
    database = connection.settings_dict
    command = [
        "pg_dump",
        "-h",
        database.get("HOST") or "127.0.0.1",
        "-p",
        str(database.get("PORT") or 5432),
        "-U",
        database.get("USER") or "postgres",
        "--data-only",
        database["NAME"],
    ]
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    result = subprocess.run(command, capture_output=True, check=True, env=environment, timeout=120)
    return result.stdout.decode()


def test_the_database_dump_holds_nothing_of_the_erased_person():
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    require_service(shutil.which("pg_dump") is not None, "pg_dump")
    world = make_person()
    files = stored_files(world)
    before = _dump()
    assert [s for s in SECRETS if s not in before] == []  # the dump does show them

    request = services.erasure_request(user=world["person"])
    services.erasure_confirm(request=request, by=world["coordinator"], reason="No hold.")

    after = _dump()
    assert [s for s in SECRETS if s in after] == []
    assert f"erased-{world['person'].pk}@invalid" in after
    assert [name for storage, name in files if storage.exists(name)] == []
