"""A stay ends after it starts (nights are [start, end), `end` is the departure day), and on
PostgreSQL a bed's confirmed stays never share a night ("stay_bed_one_guest_a_night", an
exclusion constraint over btree_gist, created by placements 0003). Proposed stays are not
covered: the matching may propose one bed to several requests; only confirming takes it."""

from django.conf import settings
from django.db import migrations, models

from core.constraints import RunSQLOnPostgreSQL


class Migration(migrations.Migration):

    dependencies = [
        ('accommodation', '0002_request_languages_roommates'),
        ('placements', '0003_trainee_never_twice_at_once'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='stay',
            constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='stay_dates_in_order'),
        ),
        RunSQLOnPostgreSQL(
            sql=(
                "ALTER TABLE accommodation_stay"
                " ADD CONSTRAINT stay_bed_one_guest_a_night EXCLUDE USING gist"
                " (bed_id WITH =, daterange(start, \"end\", '[)') WITH &&)"
                " WHERE (status = 'confirmed')"
            ),
            reverse_sql="ALTER TABLE accommodation_stay DROP CONSTRAINT stay_bed_one_guest_a_night",
        ),
    ]
