"""Placements get a copy of their application's trainee (filled here, then kept by
Placement.save()), for the constraint in 0003 that a trainee is never in two places at once.
A migration of its own: the filling UPDATE leaves deferred foreign-key checks pending, and
PostgreSQL refuses to ALTER the table again in the same transaction."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_trainee(apps, schema_editor):
    Placement = apps.get_model("placements", "Placement")
    Application = apps.get_model("applications", "Application")
    Placement.objects.update(
        trainee_id=Subquery(
            Application.objects.filter(pk=OuterRef("application_id")).values("trainee_id")[:1]
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0005_count_seats_taken"),
        ("placements", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="placement",
            name="trainee",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(copy_trainee, migrations.RunPython.noop),
    ]
