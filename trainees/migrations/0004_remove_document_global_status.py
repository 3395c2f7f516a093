"""The document's one global status goes: its verdicts now live in DocumentReview (0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("trainees", "0003_document_reviews_per_organisation"),
    ]

    operations = [
        migrations.RemoveField(model_name="document", name="review_reason"),
        migrations.RemoveField(model_name="document", name="reviewed_at"),
        migrations.RemoveField(model_name="document", name="reviewed_by"),
        migrations.RemoveField(model_name="document", name="status"),
    ]
