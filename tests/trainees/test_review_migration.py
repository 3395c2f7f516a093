"""The migration that gives each organisation its own document checks moves every existing
verdict to the organisation of the coordinator who made it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("trainees", "0002_specialty_to_reference")]
AFTER = [("trainees", "0004_remove_document_global_status")]


def _migrate(targets):
    """Migrate trainees to `targets`; the models as they are then (other apps at their
    latest migration)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "trainees"]
    return executor.loader.project_state(others + targets).apps


def test_existing_verdicts_move_to_the_reviewing_coordinators_organisation():
    old = _migrate(BEFORE)
    try:
        Organisation = old.get_model("accounts", "Organisation")
        User = old.get_model("accounts", "User")
        Document = old.get_model("trainees", "Document")
        host = Organisation.objects.create(name="Host", country="KR")
        alice = User.objects.create(email="alice@host.example", coordinator_of=host)
        former = User.objects.create(email="former@host.example")  # no organisation any more
        tanya = User.objects.create(email="tanya@example.org")
        now = timezone.now()
        common = {"owner": tanya, "extension": ".pdf", "content_type": "application/pdf", "size": 1}
        verified = Document.objects.create(
            type="passport", status="verified", reviewed_by=alice, reviewed_at=now, **common
        )
        rejected = Document.objects.create(
            type="cv",
            status="rejected",
            review_reason="Cut off",
            reviewed_by=alice,
            reviewed_at=now,
            **common,
        )
        orphan = Document.objects.create(
            type="diploma", status="verified", reviewed_by=former, reviewed_at=now, **common
        )
        pending = Document.objects.create(type="licence", **common)

        new = _migrate(AFTER)
        DocumentReview = new.get_model("trainees", "DocumentReview")
        moved = {
            review.document_id: (review.organisation_id, review.status, review.reason)
            for review in DocumentReview.objects.all()
        }
        assert moved == {
            verified.pk: (host.pk, "verified", ""),
            rejected.pk: (host.pk, "rejected", "Cut off"),
        }
        assert orphan.pk not in moved and pending.pk not in moved
        assert DocumentReview.objects.get(document_id=verified.pk).reviewed_by_id == alice.pk
    finally:
        _migrate(AFTER)
