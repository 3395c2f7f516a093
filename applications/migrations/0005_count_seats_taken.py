"""Fill the program rows' count of accepted offers (kept by the state machine from now on)."""

from django.db import migrations
from django.db.models import Count, Q


def count_seats(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    for program in Program.objects.annotate(
        accepted=Count("applications", filter=Q(applications__status="accepted"))
    ):
        Program.objects.filter(pk=program.pk).update(seats_taken=program.accepted)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_specialty_to_reference"),
        ("programs", "0003_program_seats_taken"),
    ]

    operations = [
        migrations.RunPython(count_seats, migrations.RunPython.noop),
    ]
