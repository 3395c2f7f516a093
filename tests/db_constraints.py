"""Test-only: take a PostgreSQL constraint away for the length of a test, to show what the
database's backstop prevents (the constraint's definition is read from PostgreSQL and put
back afterwards, even when the test fails). Only for `django_db(transaction=True)` tests:
the DDL commits at once."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection


@contextlib.contextmanager
def without_constraint(table: str, name: str) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", [name]
        )
        (definition,) = cursor.fetchone()
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
