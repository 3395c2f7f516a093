"""The rotation schedule a page at a time: what the coordinator's grid shows (a page of
trainees, their weeks as text, each site's load), one cell edited in place, and one
trainee's weeks as a plain form.

The page costs the same number of queries and about the same bytes whatever the number of
trainees in the program: the rows are paged, a cell carries no form, and the sites that fit a
cell are read only when that cell is opened. Every change goes through
`services.schedule_set_week` (the capacity rules and locks live there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from applications.models import Application, Preference
from hospitals.models import Supervisor
from placements import services
from placements.capacity import SCHEDULABLE
from placements.models import Placement
from placements.services import Week, weeks
from programs.models import Program, RotationSite

PAGE_SIZE = 25
PLANNED = Placement.Status.PLANNED
NOT_POSSIBLE = gettext_lazy("That change is not possible.")


@dataclass
class Cell:
    """One trainee's week: the placement covering it, if any."""

    application: Application
    week: Week
    placement: Placement | None = None
    url: str = ""  # the trainee's weeks page; the cell's own address is under it

    # Worked out here rather than in the template: the grid shows hundreds of cells.
    @property
    def edit_url(self) -> str:
        return f"{self.url}week/{self.week.index}/"

    @property
    def anchor_url(self) -> str:
        """The week on the trainee's page: where the cell leads without JavaScript."""
        return f"{self.url}#week-{self.week.index}"

    @property
    def name(self) -> str:
        """What the cell is, for a screen reader: the trainee and the week."""
        return _("%(name)s, week %(number)s:") % {
            "name": self.application.trainee.display_name,
            "number": self.week.index + 1,
        }

    @property
    def editable(self) -> bool:
        """Only an empty or planned week changes here; a sent one is cancelled first."""
        return self.placement is None or self.placement.status == PLANNED


@dataclass
class Row:
    application: Application
    cells: list[Cell] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class SiteLoad:
    site: RotationSite
    per_week: list[tuple[int, int]]  # (used, capacity) per week; capacity 0 when closed

    @property
    def shown(self) -> list[tuple[str, str, bool]]:
        """Per week: the element's id, "used / capacity", and whether it is over."""
        return [
            (f"load-{self.site.pk}-{index}", f"{used} / {capacity}", used > capacity)
            for index, (used, capacity) in enumerate(self.per_week)
        ]


@dataclass
class Grid:
    program: Program
    weeks: list[Week]
    page: Page
    rows: list[Row]
    load: list[SiteLoad]
    planned: int
    waiting: int
    query: str = ""
    supervisors: list[Supervisor] = field(default_factory=list)  # fellowships only


@dataclass
class Choice:
    site: RotationSite
    used: int

    @property
    def label(self) -> str:
        return _("%(hospital)s · %(department)s (%(used)s of %(capacity)s taken)") % {
            "hospital": self.site.department.hospital.name,
            "department": self.site.department.name,
            "used": self.used,
            "capacity": self.site.capacity,
        }


# --- The grid page ----------------------------------------------------------------------


def schedulable_applications(program: Program, query: str = "") -> QuerySet[Application]:
    """The program's applications that may be placed, by name; `query` finds a name in any
    script (every word must match the first, last or native name, or the e-mail)."""
    rows = Application.objects.filter(program=program, status__in=SCHEDULABLE)
    for word in query.split():
        rows = rows.filter(
            Q(trainee__first_name__icontains=word)
            | Q(trainee__last_name__icontains=word)
            | Q(trainee__native_name__icontains=word)
            | Q(trainee__email__icontains=word)
        )
    return rows.select_related("trainee__trainee_profile").order_by(
        "trainee__last_name", "trainee__first_name", "pk"
    )


def _sites(program: Program) -> list[RotationSite]:
    return list(
        program.rotation_sites.select_related("department__hospital").order_by(
            "department__hospital__name", "department__name", "start_date", "pk"
        )
    )


def trainee_url(application: Application) -> str:
    return reverse("placements:schedule_trainee", args=[application.program_id, application.pk])


def _cells(application: Application, own: list[Placement], program_weeks: list[Week]):
    url = trainee_url(application)  # once per row: the cells' addresses are under it
    return [
        Cell(
            application,
            week,
            next((p for p in own if p.start_date <= week.end and p.end_date >= week.start), None),
            url,
        )
        for week in program_weeks
    ]


def _warnings(application: Application, own: list[Placement], cells: list[Cell]) -> list[str]:
    profile = getattr(application.trainee, "trainee_profile", None)
    found = []
    for placement in own:
        if (
            profile
            and profile.specialty_id
            and placement.department.specialty_id != profile.specialty_id
        ):
            found.append(
                _("%(department)s is not the trainee's specialty.")
                % {"department": placement.department.name}
            )
        if placement.supervisor_id is None:
            found.append(
                _("No supervisor with room at %(department)s.")
                % {"department": placement.department.name}
            )
    if any(cell.placement is None for cell in cells):
        found.append(_("Some weeks are not planned yet."))
    return found


def _holding(program: Program) -> QuerySet[Placement]:
    return Placement.objects.filter(application__program=program, status__in=Placement.HOLDING)


def site_load(
    program: Program,
    program_weeks: list[Week],
    sites: Iterable[RotationSite],
) -> list[SiteLoad]:
    """Each site's (used, capacity) per week, counted by the database in one query."""
    sites = list(sites)
    counts = {
        row.pop("rotation_site_id"): row
        for row in _holding(program)
        .filter(rotation_site__in=[site.pk for site in sites])
        .values("rotation_site_id")
        .annotate(
            **{
                f"w{week.index}": Count(
                    "pk", filter=Q(start_date__lte=week.end, end_date__gte=week.start)
                )
                for week in program_weeks
            }
        )
        .order_by()
    }
    return [
        SiteLoad(
            site,
            [
                (
                    counts.get(site.pk, {}).get(f"w{week.index}", 0),
                    site.capacity
                    if site.start_date <= week.end and site.end_date >= week.start
                    else 0,
                )
                for week in program_weeks
            ],
        )
        for site in sites
    ]


def schedule_page(program: Program, *, query: str = "", page: str | None = None) -> Grid:
    """One page of the grid: PAGE_SIZE trainees, their weeks, and every site's load."""
    program_weeks = weeks(program)
    paged = Paginator(schedulable_applications(program, query), PAGE_SIZE).get_page(page)
    applications = list(paged.object_list)
    by_application: dict[int, list[Placement]] = {a.pk: [] for a in applications}
    for placement in (
        Placement.objects.filter(application__in=applications, status__in=Placement.HOLDING)
        .select_related("department__hospital", "supervisor__user")
        .order_by("start_date")
    ):
        by_application[placement.application_id].append(placement)
    rows = []
    for application in applications:
        own = by_application[application.pk]
        cells = _cells(application, own, program_weeks)
        rows.append(Row(application, cells, _warnings(application, own, cells)))
    totals = _holding(program).aggregate(
        planned=Count("pk", filter=Q(status=PLANNED)),
        waiting=Count("pk", filter=Q(status=Placement.Status.PROPOSED)),
    )
    supervisors = []
    if program.kind == Program.Kind.FELLOWSHIP and rows:
        supervisors = list(
            Supervisor.objects.filter(department__hospital__organisation=program.organisation_id)
            .select_related("user", "department__hospital")
            .order_by("department__hospital__name", "user__last_name")
        )
    return Grid(
        program=program,
        weeks=program_weeks,
        page=paged,
        rows=rows,
        load=site_load(program, program_weeks, _sites(program)),
        query=query,
        supervisors=supervisors,
        **totals,
    )


# --- One cell ---------------------------------------------------------------------------


def cell_for(program: Program, application_pk: int, week_index: int) -> Cell:
    """The cell of one application of the program in one week; 404 for anything else."""
    program_weeks = weeks(program)
    application = (
        Application.objects.filter(pk=application_pk, program=program)
        .select_related("trainee", "program")
        .first()
    )
    if application is None or not 0 <= week_index < len(program_weeks):
        raise Http404
    week = program_weeks[week_index]
    placement = (
        application.placements.filter(
            status__in=Placement.HOLDING, start_date__lte=week.end, end_date__gte=week.start
        )
        .select_related("department__hospital", "supervisor__user")
        .first()
    )
    return Cell(application, week, placement, trainee_url(application))


def _preference_ranks(application: Application) -> dict[int, int]:
    return dict(
        Preference.objects.filter(application=application, rotation_site__isnull=False)
        .order_by("rank")
        .values_list("rotation_site_id", "rank")
    )


def _choices_for_week(
    week: Week, load: list[SiteLoad], ranks: Mapping[int, int]
) -> tuple[list[Choice], list[Choice]]:
    """The sites open in `week`: the trainee's ranked wishes first, then the others."""
    open_ = [
        Choice(item.site, item.per_week[week.index][0])
        for item in load
        if item.site.start_date <= week.end and item.site.end_date >= week.start
    ]
    preferred = sorted((c for c in open_ if c.site.pk in ranks), key=lambda c: ranks[c.site.pk])
    return preferred, [c for c in open_ if c.site.pk not in ranks]


def cell_choices(cell: Cell) -> tuple[list[Choice], list[Choice]]:
    """The sites that fit the cell (open that week), with how full each is that week; the
    trainee's preferred ones first, in their order."""
    program = cell.application.program
    load = site_load(program, weeks(program), _sites(program))
    return _choices_for_week(cell.week, load, _preference_ranks(cell.application))


def cell_load(cell: Cell, site_ids: Iterable[int]) -> list[SiteLoad]:
    """The load of a few sites (those a change touched), to refresh the grid's footer."""
    program = cell.application.program
    sites = [site for site in _sites(program) if site.pk in set(site_ids)]
    return site_load(program, weeks(program), sites)


def site_in(program: Program, site_pk: str) -> RotationSite | None:
    """The program's site with this id ('' is none); refused with a message otherwise."""
    if not site_pk:
        return None
    site = (
        RotationSite.objects.filter(program=program, pk=site_pk)
        .select_related("department")
        .first()
        if site_pk.isdigit()
        else None
    )
    if site is None:
        raise services.PlacementRefused(_("Choose a rotation site of this program."))
    return site


# --- One trainee's weeks -------------------------------------------------------------------


@dataclass
class TraineeWeek:
    cell: Cell
    preferred: list[Choice]
    others: list[Choice]


def trainee_weeks(program: Program, application: Application) -> list[TraineeWeek]:
    """Every week of one trainee, with the sites open that week (preferred first)."""
    program_weeks = weeks(program)
    load = site_load(program, program_weeks, _sites(program))
    ranks = _preference_ranks(application)
    own = list(
        application.placements.filter(status__in=Placement.HOLDING)
        .select_related("department__hospital", "supervisor__user")
        .order_by("start_date")
    )
    return [
        TraineeWeek(cell, *_choices_for_week(cell.week, load, ranks))
        for cell in _cells(application, own, program_weeks)
    ]


def schedule_set_weeks(
    *, application: Application, site_ids: Mapping[int, int | None], by: User
) -> dict[int, str]:
    """Set several weeks of one trainee (week index → the program's site id, or None to empty
    it), each as its own change through `services.schedule_set_week`: a refused week is
    reported and the others are kept. (One transaction over all the weeks would lock several
    departments in the order of the weeks, not in the lock order the capacity rules rely on.)
    Returns week index → the refusal."""
    sites = RotationSite.objects.filter(program=application.program_id).select_related("department")
    by_id = {site.pk: site for site in sites.filter(pk__in=[s for s in site_ids.values() if s])}
    refused = {}
    for index, site_id in sorted(site_ids.items()):
        try:
            if site_id is not None and site_id not in by_id:
                raise services.PlacementRefused(_("Choose a rotation site of this program."))
            services.schedule_set_week(
                application=application,
                week_index=index,
                site=by_id.get(site_id) if site_id else None,
                by=by,
            )
        except (services.PlacementRefused, PermissionDenied) as error:
            refused[index] = str(error) or str(NOT_POSSIBLE)
    return refused
