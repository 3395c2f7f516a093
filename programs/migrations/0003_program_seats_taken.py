from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_specialty_to_reference"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="seats_taken",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="seats taken"
            ),
        ),
    ]
