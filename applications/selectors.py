"""Reads for applications, scoped by the person asking."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_countries import countries

from accounts.models import User
from applications.models import Application, RefereeRequest
from programs.models import Program
from reference.models import Specialty
from trainees.selectors import documents_missing_annotation


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


def _letters_count(**conditions) -> Coalesce:
    counted = (
        RefereeRequest.objects.filter(application=OuterRef("pk"), **conditions)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def review_rows(program_id: int) -> QuerySet:
    """The coordinator's review list for one program, newest submissions first: drafts are
    the applicant's own business and are not listed. Each row carries `letters_requested`,
    `letters_received` and `documents_missing` (in the same query); applications.filters
    narrows and sorts it."""
    program = Program.objects.filter(pk=program_id).values("required_documents", "organisation")
    found = program.first() or {"required_documents": [], "organisation": None}
    # Missing for this organisation: not uploaded, or rejected by its own coordinators.
    lacking = documents_missing_annotation(
        list(found["required_documents"] or []), found["organisation"]
    )
    rows = (
        Application.objects.filter(program_id=program_id)
        .exclude(status=Application.Status.DRAFT)
        .select_related("trainee__trainee_profile__specialty")
        .annotate(
            # Correlated subqueries, not JOIN + GROUP BY: the page's LIMIT then applies
            # before any counting, however many applications the program has.
            letters_requested=_letters_count(),
            letters_received=_letters_count(received_at__isnull=False),
            documents_missing=ExpressionWrapper(
                lacking if lacking is not None else Value(False), output_field=BooleanField()
            ),
        )
    )
    return rows.order_by("-submitted_at", "pk")


def review_filter_choices(program_id: int) -> dict:
    """The countries and specialties that occur among a program's applicants (for the
    review list's filters): one pass over the applicants for the distinct pairs, then the
    few specialties by key."""
    pairs = set(
        Application.objects.filter(program_id=program_id)
        .exclude(status=Application.Status.DRAFT)
        .values_list("trainee__trainee_profile__nationality", "trainee__trainee_profile__specialty")
        .order_by()
        .distinct()
    )
    codes = sorted({code for code, _specialty in pairs if code})
    specialties = {specialty for _code, specialty in pairs if specialty}
    return {
        "countries": [(code, countries.name(code)) for code in codes],
        "specialties": list(Specialty.objects.filter(pk__in=specialties).order_by("name")),
    }


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


def current_letter(application: Application):
    """The current visa invitation letter, if one was issued. Letters hang off the
    application (the letters app listens to applications; this app never imports it)."""
    return application.invitation_letters.filter(is_current=True).first()


def letter_refusal(application: Application):
    """Why the invitation letter is not issued (a passport that expires too soon), or None."""
    return getattr(application, "letter_refusal", None)  # the reverse one-to-one, if any
