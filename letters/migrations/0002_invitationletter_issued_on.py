from django.db import migrations, models


def issued_on_as_printed(apps, schema_editor):
    """Letters issued so far printed their issue date in UTC (the worker's zone): keep that
    day, so the verification page goes on agreeing with the PDF in hand."""
    InvitationLetter = apps.get_model("letters", "InvitationLetter")
    for letter in InvitationLetter.objects.filter(issued_on__isnull=True).only("issued_at"):
        InvitationLetter.objects.filter(pk=letter.pk).update(issued_on=letter.issued_at.date())


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitationletter",
            name="issued_on",
            field=models.DateField(editable=False, null=True, verbose_name="issued on"),
        ),
        migrations.RunPython(issued_on_as_printed, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitationletter",
            name="issued_on",
            field=models.DateField(editable=False, verbose_name="issued on"),
        ),
    ]
