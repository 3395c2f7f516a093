"""A trainee is never in two placements at once, held by PostgreSQL.

An exclusion constraint cannot join to the application, so the placement carries a copy of
the application's trainee (0002). On PostgreSQL:

- btree_gist (for `=` on an integer column inside a GiST exclusion constraint);
- a composite foreign key (application, trainee) → application (id, trainee): a write that
  gives a placement another person than its application's trainee is refused;
- "placement_trainee_never_twice_at_once": two placements of one trainee that hold a place
  (planned, proposed, approved, confirmed, in progress) never share a day. Placement dates
  are inclusive: [start_date, end_date].

SQLite has none of these (see core.constraints); the services' locked checks hold there.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.constraints import BtreeGistOnPostgreSQL, RunSQLOnPostgreSQL

HOLDING = "'planned', 'proposed', 'approved', 'confirmed', 'in_progress'"


class Migration(migrations.Migration):

    dependencies = [
        ("placements", "0002_placement_trainee"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        BtreeGistOnPostgreSQL(),
        migrations.AlterField(
            model_name="placement",
            name="trainee",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        RunSQLOnPostgreSQL(
            sql=[
                "ALTER TABLE applications_application"
                " ADD CONSTRAINT application_id_trainee_unique UNIQUE (id, trainee_id)",
                "ALTER TABLE placements_placement"
                " ADD CONSTRAINT placement_trainee_is_the_applicant"
                " FOREIGN KEY (application_id, trainee_id)"
                " REFERENCES applications_application (id, trainee_id)",
            ],
            reverse_sql=[
                "ALTER TABLE placements_placement"
                " DROP CONSTRAINT placement_trainee_is_the_applicant",
                "ALTER TABLE applications_application"
                " DROP CONSTRAINT application_id_trainee_unique",
            ],
        ),
        RunSQLOnPostgreSQL(
            sql=(
                "ALTER TABLE placements_placement"
                " ADD CONSTRAINT placement_trainee_never_twice_at_once EXCLUDE USING gist"
                " (trainee_id WITH =, daterange(start_date, end_date, '[]') WITH &&)"
                f" WHERE (status IN ({HOLDING}))"
            ),
            reverse_sql=(
                "ALTER TABLE placements_placement"
                " DROP CONSTRAINT placement_trainee_never_twice_at_once"
            ),
        ),
    ]
