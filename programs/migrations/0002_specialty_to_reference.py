"""Point Program.specialties at reference.Specialty. The target table (hospitals_specialty)
and the through table (programs_program_specialties, column specialty_id) do not change,
so this is a state-only change: on PostgreSQL a plain AlterField emits no SQL anyway, and
on SQLite it would needlessly rebuild the through table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="program",
                    name="specialties",
                    field=models.ManyToManyField(
                        related_name="programs",
                        to="reference.specialty",
                        verbose_name="specialties",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
