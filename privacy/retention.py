"""The nightly retention of documents: passports, diplomas and the like are deleted a set
time after the person's stay ends (settings.RETENTION_AFTER_STAY_DAYS) or after their
application was rejected, withdrawn, declined or let expire (RETENTION_AFTER_CLOSE_DAYS),
and only when the person has no open application."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from applications.models import Application
from core.files import delete_after_commit
from privacy.models import PrivacyEvent
from trainees.models import Document

ACCEPTED = Application.Status.ACCEPTED
CLOSED = ("rejected", "withdrawn", "declined", "expired")


def stay_end(application: Application) -> date:
    """The last day of the exchange: the latest of the program's end, the placements' ends and
    the confirmed housing stays' ends."""
    ends = [application.program.end_date]
    placement_end = (
        application.placements.exclude(status="cancelled").aggregate(end=Max("end_date")).get("end")
    )
    ends.append(placement_end or application.program.end_date)
    housing = getattr(application, "housing_request", None)
    if housing is not None:
        stay = housing.stays.filter(status="confirmed").aggregate(end=Max("end")).get("end")
        ends.append(stay or application.program.end_date)
    return max(ends)


def closed_on(application: Application) -> date:
    last = application.status_changes.filter(to_status=application.status).aggregate(at=Max("at"))[
        "at"
    ]
    return timezone.localdate(last or application.updated_at, UTC)


def documents_may_go(applications: list[Application], today: date) -> bool:
    """True when every application of the person is over for long enough."""
    if not applications:
        return False  # documents kept for an application not started yet
    after_stay = timedelta(days=settings.RETENTION_AFTER_STAY_DAYS)
    after_close = timedelta(days=settings.RETENTION_AFTER_CLOSE_DAYS)
    for application in applications:
        if application.status == ACCEPTED:
            if today <= stay_end(application) + after_stay:
                return False
        elif application.status in CLOSED:
            if today <= closed_on(application) + after_close:
                return False
        else:
            return False  # an open application needs its documents
    return True


@transaction.atomic
def _delete_documents_of(owner_id: int) -> int:
    documents = list(Document.objects.select_for_update().filter(owner_id=owner_id))
    for document in documents:
        delete_after_commit(document.file)
    Document.objects.filter(pk__in=[d.pk for d in documents]).delete()
    if documents:
        PrivacyEvent.objects.create(
            kind=PrivacyEvent.Kind.RETENTION,
            subject_id=owner_id,
            detail=f"{len(documents)} documents",
        )
    return len(documents)


def run_retention(today: date | None = None) -> int:
    """Delete the documents whose time is over; returns how many were deleted."""
    today = today or timezone.localdate(timezone.now(), UTC)
    deleted = 0
    owners = Document.objects.values_list("owner_id", flat=True).distinct().order_by("owner_id")
    for owner_id in owners:
        applications = list(
            Application.objects.filter(trainee_id=owner_id).select_related("program")
        )
        if documents_may_go(applications, today):
            deleted += _delete_documents_of(owner_id)
    return deleted
