"""Reads for applications, scoped by the person asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from applications.models import Application


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


def review_rows(program_id: int, *, status: str = "", q: str = "", sort: str = "") -> QuerySet:
    """The coordinator's review list for one program: drafts are the applicant's own
    business and are not listed. Searches names in Latin letters and native script."""
    rows = (
        Application.objects.filter(program_id=program_id)
        .exclude(status=Application.Status.DRAFT)
        .select_related("trainee")
    )
    if status:
        rows = rows.filter(status=status)
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
