"""Reads about personal data, scoped by the user who asks."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.permissions import manages
from applications.models import Application
from privacy.models import ErasureRequest, PersonalDataExport, PrivacyEvent

# Applications that make an organisation answerable for a person's data.
NOT_SENT = (Application.Status.DRAFT,)


def organisations_applied_to(subject) -> set[int]:
    return set(
        Application.objects.filter(trainee=subject)
        .exclude(status__in=NOT_SENT)
        .values_list("program__organisation_id", flat=True)
    )


def may_decide_erasure(user, subject) -> bool:
    """A coordinator of an organisation the person applied to decides; an administrator
    decides too, and alone when the person applied nowhere."""
    if user.is_superuser:
        return True
    return any(manages(user, org) for org in organisations_applied_to(subject))


def erasure_requests_to_decide(user) -> QuerySet[ErasureRequest]:
    requests = ErasureRequest.objects.filter(status=ErasureRequest.Status.REQUESTED)
    if user.is_superuser:
        return requests.select_related("subject")
    if not user.is_coordinator:
        return requests.none()
    ids = [r.pk for r in requests.select_related("subject") if may_decide_erasure(user, r.subject)]
    return ErasureRequest.objects.filter(pk__in=ids).select_related("subject")


def erasure_request_to_decide(user, pk: int) -> ErasureRequest:
    """404 for a request the user may not decide (ids cannot be enumerated)."""
    return get_object_or_404(erasure_requests_to_decide(user), pk=pk)


def events_for(user) -> QuerySet[PrivacyEvent]:
    """The audit log: a coordinator reads the events of their organisation's applicants."""
    if not (user.is_superuser or user.is_coordinator):
        return PrivacyEvent.objects.none()
    subjects = (
        Application.objects.exclude(status__in=NOT_SENT)
        .filter(program__organisation_id=user.coordinator_of_id)
        .values("trainee_id")
    )
    events = PrivacyEvent.objects.select_related("subject", "by")
    return events if user.is_superuser else events.filter(subject_id__in=subjects)


def own_export(user, pk: int, *, finished: bool = False) -> PersonalDataExport:
    exports = PersonalDataExport.objects.filter(user=user)
    if finished:
        exports = exports.filter(finished_at__isnull=False, error="").exclude(file="")
    return get_object_or_404(exports, pk=pk)


def open_erasure_request(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(subject=user, status__in=ErasureRequest.OPEN).first()


def recent_exports(user) -> QuerySet[PersonalDataExport]:
    return PersonalDataExport.objects.filter(user=user)[:5]


def last_decided_request(user) -> ErasureRequest | None:
    return (
        ErasureRequest.objects.filter(subject=user).exclude(status__in=ErasureRequest.OPEN).first()
    )
