"""Reads for the placement pages, scoped by who is asking; constant query counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import manages_program, owns_application, supervises
from hospitals.models import Supervisor
from placements.models import Placement
from placements.services import Week, schedulable, weeks
from programs.models import Program, RotationSite
from trainees.models import Document


@dataclass
class Row:
    application: object
    cells: list = field(default_factory=list)  # per week: Placement or None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Grid:
    program: Program
    weeks: list[Week]
    sites: list[RotationSite]
    rows: list[Row]
    load: list  # per site: (site, [(used, capacity) per week])
    planned: int
    waiting: int
    supervisors: list = field(default_factory=list)  # for a fellowship: who can take them


def schedule_grid(program: Program) -> Grid:
    program_weeks = weeks(program)
    sites = list(
        program.rotation_sites.select_related("department__hospital", "department__specialty")
    )
    applications = schedulable(program)
    placements = list(
        Placement.objects.filter(application__program=program, status__in=Placement.HOLDING)
        .select_related("rotation_site", "department__hospital", "supervisor__user")
        .order_by("start_date")
    )
    by_application: dict[int, list[Placement]] = {}
    for placement in placements:
        by_application.setdefault(placement.application_id, []).append(placement)
    rows = []
    for application in applications:
        profile = getattr(application.trainee, "trainee_profile", None)
        row = Row(application)
        own = by_application.get(application.pk, [])
        for week in program_weeks:
            row.cells.append(
                next(
                    (p for p in own if p.start_date <= week.end and p.end_date >= week.start),
                    None,
                )
            )
        for placement in own:
            if (
                profile
                and profile.specialty_id
                and placement.department.specialty_id != profile.specialty_id
            ):
                row.warnings.append(
                    _("%(department)s is not the trainee's specialty.")
                    % {"department": placement.department.name}
                )
            if placement.supervisor_id is None:
                row.warnings.append(
                    _("No supervisor with room at %(department)s.")
                    % {"department": placement.department.name}
                )
        if any(cell is None for cell in row.cells):
            row.warnings.append(_("Some weeks are not planned yet."))
        rows.append(row)
    load = []
    for site in sites:
        per_week = []
        for week in program_weeks:
            open_ = site.start_date <= week.end and site.end_date >= week.start
            used = sum(
                1
                for p in placements
                if p.rotation_site_id == site.pk
                and p.start_date <= week.end
                and p.end_date >= week.start
            )
            per_week.append((used, site.capacity if open_ else 0))
        load.append((site, per_week))
    supervisors = []
    if program.kind == Program.Kind.FELLOWSHIP:
        supervisors = list(
            Supervisor.objects.filter(department__hospital__organisation=program.organisation)
            .select_related("user", "department__hospital")
            .order_by("department__hospital__name", "user__last_name")
        )
    return Grid(
        supervisors=supervisors,
        program=program,
        weeks=program_weeks,
        sites=sites,
        rows=rows,
        load=load,
        planned=sum(1 for p in placements if p.status == Placement.Status.PLANNED),
        waiting=sum(1 for p in placements if p.status == Placement.Status.PROPOSED),
    )


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
