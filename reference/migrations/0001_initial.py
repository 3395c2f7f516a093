"""Specialty moves here from hospitals. The table already exists (hospitals 0001 created
it as ``hospitals_specialty``, which ``Meta.db_table`` keeps), so the model is created in
the migration state only and no SQL runs."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("hospitals", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Specialty",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=100, unique=True, verbose_name="name"),
                        ),
                        (
                            "slug",
                            models.SlugField(
                                max_length=100, unique=True, verbose_name="short code"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "specialty",
                        "verbose_name_plural": "specialties",
                        "db_table": "hospitals_specialty",
                        "ordering": ["name"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
