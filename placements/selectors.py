"""Reads for the placement pages, scoped by who is asking; constant query counts."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import manages_program, owns_application, supervises
from placements.models import Placement
from trainees.models import Document


def inbox(user: User) -> list[Placement]:
    """Requests waiting for this supervisor, for their departments only; each with
    `shown_documents`: the trainee's current documents of the types the program shows to
    supervisors (the others are not theirs to open)."""
    placements = list(
        Placement.objects.filter(supervisor__user=user, status=Placement.Status.PROPOSED)
        .select_related(
            "application__trainee__trainee_profile__specialty",
            "application__program__organisation",
            "department__hospital",
        )
        .prefetch_related(
            "application__trainee__trainee_profile__languages",
            Prefetch(
                "application__trainee__documents",
                queryset=Document.objects.filter(is_current=True),
                to_attr="current_documents",
            ),
        )
        .order_by("proposed_at", "pk")
    )
    for placement in placements:
        shown = set(placement.application.program.documents_for_supervisors or [])
        placement.shown_documents = [
            document
            for document in placement.application.trainee.current_documents
            if document.type in shown
        ]
    return placements


def supervised(user: User) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(supervisor__user=user)
        .exclude(status__in=[Placement.Status.PLANNED, Placement.Status.CANCELLED])
        .select_related("application__trainee", "application__program", "department__hospital")
        .order_by("start_date")
    )


def placement_for(user: User, pk: int) -> Placement:
    """A placement the person may see: its trainee (once sent), its supervisor, or the
    program's coordinators; anything else is a 404."""
    placement = (
        Placement.objects.select_related(
            "application__trainee",
            "application__program",
            "department__hospital",
            "supervisor__user",
        )
        .filter(pk=pk)
        .first()
    )
    if placement is None or not user.is_authenticated:
        raise Http404
    if manages_program(user, placement.application.program):
        return placement
    if supervises(user, placement):
        return placement
    if (
        owns_application(user, placement.application)
        and placement.status != Placement.Status.PLANNED
    ):
        return placement
    raise Http404


def mine(user: User) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(application__trainee=user)
        .exclude(status__in=[Placement.Status.PLANNED, Placement.Status.CANCELLED])
        .select_related(
            "application__program", "department__hospital", "supervisor__user", "training_plan"
        )
        .order_by("start_date")
    )
