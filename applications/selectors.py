"""Reads for applications, scoped by the person asking."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from applications.models import Application, RefereeRequest


def application_for_trainee(user: User, pk: int) -> Application:
    """The trainee's own application, or 404 (never another person's)."""
    return get_object_or_404(
        Application.objects.select_related("program__organisation"), pk=pk, trainee=user
    )


def application_for_coordinator(user: User, pk: int) -> Application:
    """An application to a program of the coordinator's organisation, or 404."""
    return get_object_or_404(
        Application.objects.select_related("program__organisation", "trainee").exclude(
            status=Application.Status.DRAFT
        ),
        pk=pk,
        program__organisation_id=user.coordinator_of_id,
    )


def review_rows(
    program_id: int, *, status: str = "", q: str = "", sort: str = "", letters: str = ""
) -> QuerySet:
    """The coordinator's review list for one program: drafts are the applicant's own
    business and are not listed. Searches names in Latin letters and native script.
    Each row carries `letters_requested` and `letters_received` (in the same query);
    `letters` "yes" keeps applications with at least one letter received, "no" the others."""
    rows = (
        Application.objects.filter(program_id=program_id)
        .exclude(status=Application.Status.DRAFT)
        .select_related("trainee")
        .annotate(
            letters_requested=Count("referee_requests"),
            letters_received=Count(
                "referee_requests", filter=Q(referee_requests__received_at__isnull=False)
            ),
        )
    )
    if status:
        rows = rows.filter(status=status)
    if letters == "yes":
        rows = rows.filter(letters_received__gt=0)
    elif letters == "no":
        rows = rows.filter(letters_received=0)
    if q:
        for word in q.split():
            rows = rows.filter(
                Q(trainee__first_name__icontains=word)
                | Q(trainee__last_name__icontains=word)
                | Q(trainee__native_name__icontains=word)
                | Q(trainee__email__icontains=word)
            )
    order = {
        "name": ["trainee__last_name", "trainee__first_name"],
        "-name": ["-trainee__last_name", "-trainee__first_name"],
        "submitted": ["submitted_at"],
        "-submitted": ["-submitted_at"],
        "status": ["status", "submitted_at"],
    }.get(sort, ["-submitted_at"])
    return rows.order_by(*order, "pk")


def referee_letter_for_coordinator(user: User, pk: int) -> RefereeRequest:
    """A received letter for an application to a program of the coordinator's organisation
    (drafts excluded, as everywhere in the review), or 404 — for everybody else, the
    applicant included."""
    if not getattr(user, "coordinator_of_id", None):
        raise Http404
    return get_object_or_404(
        RefereeRequest.objects.select_related("application__program", "application__trainee")
        .exclude(application__status=Application.Status.DRAFT)
        .exclude(letter=""),
        pk=pk,
        received_at__isnull=False,
        application__program__organisation_id=user.coordinator_of_id,
    )
