"""A document's check belongs to the organisation that made it: DocumentReview rows, one per
(document, organisation). Each existing verdict moves to the organisation the reviewing
coordinator coordinates (reviewed_by.coordinator_of); a verdict whose reviewer is gone or
coordinates no organisation any more cannot be attributed and is dropped (the document is
then waiting for a check again, which is the safe side). The old columns are removed in
0004, once the data is moved."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_reviews_to_their_organisation(apps, schema_editor):
    Document = apps.get_model("trainees", "Document")
    DocumentReview = apps.get_model("trainees", "DocumentReview")
    reviewed = (
        Document.objects.exclude(status="pending")
        .filter(reviewed_by__coordinator_of__isnull=False)
        .values_list(
            "pk",
            "status",
            "review_reason",
            "reviewed_by",
            "reviewed_by__coordinator_of",
            "reviewed_at",
        )
    )
    DocumentReview.objects.bulk_create(
        [
            DocumentReview(
                document_id=pk,
                organisation_id=organisation,
                status=status,
                reason=reason if status == "rejected" else "",
                reviewed_by_id=by,
                reviewed_at=at or django.utils.timezone.now(),
            )
            for pk, status, reason, by, organisation, at in reviewed.iterator()
        ],
        batch_size=500,
    )


def move_reviews_back(apps, schema_editor):
    """Reverse: each document takes its latest review (any organisation's)."""
    Document = apps.get_model("trainees", "Document")
    DocumentReview = apps.get_model("trainees", "DocumentReview")
    for review in DocumentReview.objects.order_by("document_id", "reviewed_at").iterator():
        Document.objects.filter(pk=review.document_id).update(
            status=review.status,
            review_reason=review.reason,
            reviewed_by=review.reviewed_by_id,
            reviewed_at=review.reviewed_at,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
        ('trainees', '0002_specialty_to_reference'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('verified', 'Verified'), ('rejected', 'Rejected')], max_length=10, verbose_name='status')),
                ('reason', models.CharField(blank=True, max_length=300, verbose_name='reason')),
                ('reviewed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='trainees.document')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organisation', verbose_name='organisation')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'document review',
                'verbose_name_plural': 'document reviews',
                'ordering': ['document', 'organisation'],
                'constraints': [models.UniqueConstraint(fields=('document', 'organisation'), name='document_review_one_per_organisation'), models.CheckConstraint(condition=models.Q(('status__in', ['verified', 'rejected'])), name='document_review_status_known')],
            },
        ),
        migrations.RunPython(move_reviews_to_their_organisation, move_reviews_back),
    ]
