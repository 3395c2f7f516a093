"""Point Preference.specialty at reference.Specialty: same table, so the column and its
data stay; only the foreign key constraint is recreated."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_referee_letters"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="preference",
            name="specialty",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="reference.specialty",
                verbose_name="specialty",
            ),
        ),
    ]
