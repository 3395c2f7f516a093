"""Specialty now lives in reference (same table, hospitals_specialty). Point
Department.specialty at it, then drop hospitals.Specialty from the migration state only:
the table stays. Runs after every other app has repointed its foreign keys."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hospitals", "0001_initial"),
        ("reference", "0001_initial"),
        ("applications", "0004_specialty_to_reference"),
        ("programs", "0002_specialty_to_reference"),
        ("trainees", "0002_specialty_to_reference"),
    ]

    operations = [
        migrations.AlterField(
            model_name="department",
            name="specialty",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="departments",
                to="reference.specialty",
                verbose_name="specialty",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Specialty")],
            database_operations=[],
        ),
    ]
