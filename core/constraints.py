"""Database constraints that only PostgreSQL can hold, and turning a broken constraint into the
same refusal the locked path gives.

Django's `ExclusionConstraint` in `Meta.constraints` cannot be used on a project that also
runs on SQLite: SQLite's schema editor writes it into `CREATE TABLE` and fails ("near
EXCLUDE: syntax error"), and model validation raises NotImplementedError. So the exclusion
constraints (and the composite foreign key that keeps a denormalised column honest) are
created by `RunSQLOnPostgreSQL` in the migrations, outside the model state: `makemigrations`
stays clean on both databases and `migrate` works on both; on SQLite the services' locked
checks are the only guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import IntegrityError, migrations, transaction

from core.errors import Refused


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """`RunSQL` that runs on PostgreSQL and does nothing elsewhere (SQLite in development and
    in the service-free test run)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return "Raw SQL operation (PostgreSQL only)"


class BtreeGistOnPostgreSQL(BtreeGistExtension):
    """btree_gist (`=` on plain columns inside a GiST exclusion constraint). Django's
    operation skips other databases going forwards but not backwards (it queries
    pg_extension on SQLite); here both ways are PostgreSQL-only, and going back leaves the
    extension installed: it may predate us or serve others. Creating it needs the CREATE
    privilege on the database (btree_gist is a trusted extension) unless it is already
    there."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        return None

    def describe(self) -> str:
        return "Creates extension btree_gist (PostgreSQL only)"


_SQLITE_NAMED = re.compile(r"CHECK constraint failed: (\w+)")


def violated_constraint(error: IntegrityError) -> str:
    """The name of the constraint an IntegrityError broke ("" when the database does not
    say): PostgreSQL reports it in the error's diagnostics, SQLite only for CHECK."""
    diag = getattr(error.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return name
    match = _SQLITE_NAMED.search(str(error))
    return match.group(1) if match else ""


@contextmanager
def refused_on(refusals: Mapping[str, Refused]) -> Iterator[None]:
    """Run the write in a savepoint; if it breaks one of the named constraints (a race that
    got past the locked check, or a check this path lacks), roll the savepoint back and raise
    the refusal given for that constraint. Any other IntegrityError goes on up."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        refusal = refusals.get(violated_constraint(error))
        if refusal is None:
            raise
        raise refusal from error
