"""Every write to placements goes through this module.

`placement_transition` is the only place a placement's status changes (history row and
notifications in the same transaction). Places are scarce: a department's concurrent
capacity, a rotation site's capacity and a supervisor's maximum trainees are checked under
row locks, so two coordinators — or a coordinator and the suggestion — writing at the same
moment cannot overbook; and only an application that may receive placements gets one, checked
again under a lock on its row, so the grid and a withdrawal at the same moment cannot leave a
live placement on a withdrawn application.

Locks are taken in one order, everywhere: application → department → rotation site →
supervisor → placement rows (see placements.capacity, which holds the rules and the locks).

On PostgreSQL the database holds the last word as well: a trainee's placements that hold a
place never overlap (exclusion constraint, migration 0003). A race that gets past the checks
and reaches it gets the same refusal as the checked path (`core.constraints.refused_on`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.permissions import manages_program, require_manages, supervises
from applications.models import Application
from core.constraints import refused_on
from hospitals.models import Department, Supervisor
from placements import capacity
from placements.capacity import NoRoom, PlacementRefused
from placements.models import Placement, PlacementStatusChange
from placements.notify import placement_moved
from programs.models import Program, RotationSite

P = Placement.Status
A = Application.Status

COORDINATOR, SUPERVISOR, SYSTEM = "coordinator", "supervisor", "system"
ALLOWED: dict[tuple[str, str], str] = {
    (P.PLANNED, P.PROPOSED): COORDINATOR,
    (P.PROPOSED, P.APPROVED): SUPERVISOR,
    (P.PROPOSED, P.DECLINED): SUPERVISOR,
    (P.APPROVED, P.CONFIRMED): SYSTEM,
    (P.CONFIRMED, P.IN_PROGRESS): SYSTEM,
    (P.IN_PROGRESS, P.COMPLETED): SYSTEM,
    **{(s, P.CANCELLED): COORDINATOR for s in (P.PROPOSED, P.APPROVED, P.CONFIRMED, P.IN_PROGRESS)},
}

# --- Periods --------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    index: int
    start: date
    end: date


def weeks(program: Program) -> list[Week]:
    """The program's weeks: 7-day periods from its start; the last one ends with it."""
    result, start, index = [], program.start_date, 0
    while start <= program.end_date:
        result.append(Week(index, start, min(start + timedelta(days=6), program.end_date)))
        start += timedelta(days=7)
        index += 1
    return result


# --- Roles ----------------------------------------------------------------------------


def _require_coordinator(user: User, program: Program) -> None:
    require_manages(
        user,
        program.organisation_id,
        _("Only the program's coordinators can change its schedule."),
    )


require_coordinator = _require_coordinator


def placement_create(
    *,
    application: Application,
    department: Department,
    start: date,
    end: date,
    by: User | None,
    site: RotationSite | None = None,
    supervisor: Supervisor | None = None,
) -> Placement:
    """Plan a placement (not yet sent to the supervisor). Refused when the application may
    not receive placements, when the department, the site or the supervisor has no room,
    when the trainee is elsewhere then, or when the dates are outside the program. Every
    rule that can change under our feet is checked under the locks."""
    program = application.program
    if by is not None:
        _require_coordinator(by, program)
    if start > end or start < program.start_date or end > program.end_date:
        raise PlacementRefused(_("The placement must be within the program's dates."))
    if site is not None and (
        site.program_id != program.pk or start < site.start_date or end > site.end_date
    ):
        raise PlacementRefused(_("The placement must be within the rotation site's period."))
    if site is not None and site.department_id != department.pk:
        raise PlacementRefused(_("This rotation site belongs to another department."))
    if supervisor is not None and supervisor.department_id != department.pk:
        raise PlacementRefused(_("The supervisor does not work in this department."))
    with transaction.atomic():
        application = capacity.lock_application(application)
        capacity.lock_capacity(department, site)
        if capacity.overlaps_own(application, start, end):
            raise capacity.elsewhere()
        supervisor = supervisor or capacity.choose_supervisor(department, start, end)
        capacity.lock_supervisor(supervisor)
        problem = capacity.room_problem(
            department=department, start=start, end=end, site=site, supervisor=supervisor
        )
        if problem:
            raise NoRoom(problem)
        with refused_on({capacity.TRAINEE_NEVER_TWICE: capacity.elsewhere()}):
            return Placement.objects.create(
                application=application,
                rotation_site=site,
                department=department,
                supervisor=supervisor,
                start_date=start,
                end_date=end,
            )


# --- Lifecycle ------------------------------------------------------------------------


def _role(user: User | None, placement: Placement) -> str:
    if user is None:
        return SYSTEM
    if supervises(user, placement):
        return SUPERVISOR
    if manages_program(user, placement.application.program):
        return COORDINATOR
    return ""


def placement_transition(
    *, placement: Placement, to: str, by: User | None, reason: str = ""
) -> Placement:
    """Move a placement to another status: the only place a status changes."""
    with transaction.atomic():
        locked = (
            Placement.objects.select_for_update(of=("self",))
            .select_related("application__program", "supervisor__user", "department__hospital")
            .filter(pk=placement.pk)
            .first()
        )
        if locked is None:  # a planned one, deleted meanwhile (e.g. the application ended)
            raise PlacementRefused(_("This placement no longer exists; reload the page."))
        source = locked.status
        if source == to:
            return locked
        actor = ALLOWED.get((source, to))
        if actor is None:
            raise PlacementRefused(
                _("A placement that is “%(source)s” cannot become “%(to)s”.")
                % {"source": P(source).label, "to": P(to).label}
            )
        role = _role(by, locked)
        if role != actor and not (actor == SYSTEM and role == COORDINATOR):
            raise PermissionDenied(_("You may not make this change to the placement."))
        if to == P.PROPOSED and locked.supervisor_id is None:
            raise PlacementRefused(_("Choose a supervisor before sending the request."))
        if to == P.DECLINED and not reason.strip():
            raise PlacementRefused(
                _("Say why you decline, so the coordinator can find another place.")
            )
        now = timezone.now()
        locked.status = to
        if to == P.PROPOSED:
            locked.proposed_at = now
        if to in (P.APPROVED, P.DECLINED):
            locked.decided_at = now
            locked.comment = reason.strip()[:500]
        locked.save()
        PlacementStatusChange.objects.create(
            placement=locked, from_status=source, to_status=to, by=by, reason=reason[:500]
        )
        placement_moved(locked, source=source, to=to, by=by, reason=reason)
    placement.status = locked.status
    return locked


def placement_decide(
    *, placement: Placement, by: User, approve: bool, comment: str = ""
) -> Placement:
    return placement_transition(
        placement=placement, to=P.APPROVED if approve else P.DECLINED, by=by, reason=comment
    )


def bulk_approve(
    *, placements: Sequence[Placement], by: User, on_row: Callable[[int], None] | None = None
) -> tuple[int, list[str]]:
    """Approve each request on its own (one refusal does not undo the others); `on_row(n)`
    is told how many rows are through (a background job's progress)."""
    done, problems = 0, []
    for count, placement in enumerate(placements, 1):
        try:
            placement_transition(placement=placement, to=P.APPROVED, by=by)
            done += 1
        except (PlacementRefused, PermissionDenied) as error:
            problems.append(str(error))
        if on_row:
            on_row(count)
    return done, problems


def planned_of(program: Program):
    return Placement.objects.filter(application__program=program, status=P.PLANNED)


def propose_planned(
    *, program: Program, by: User, on_row: Callable[[int], None] | None = None
) -> tuple[int, list[str]]:
    """Send every planned placement of the program to its supervisor."""
    _require_coordinator(by, program)
    sent, problems = 0, []
    for count, placement in enumerate(
        planned_of(program).select_related("supervisor__user", "application__trainee"), 1
    ):
        try:
            placement_transition(placement=placement, to=P.PROPOSED, by=by)
            sent += 1
        except PlacementRefused as error:
            problems.append(f"{placement.application.trainee.display_name}: {error}")
        if on_row:
            on_row(count)
    return sent, problems


def placement_remove(*, placement: Placement, by: User) -> None:
    """A planned placement is deleted; a sent one is cancelled (its history stays)."""
    _require_coordinator(by, placement.application.program)
    if placement.status == P.PLANNED:
        placement.delete()
    else:
        placement_transition(placement=placement, to=P.CANCELLED, by=by)


def schedule_approved(application: Application) -> bool:
    """True when the application's schedule may go out with an offer: it has placements,
    none waiting or declined — or its program has no rotation sites to place in."""
    live = application.placements.exclude(status__in=[P.CANCELLED, P.DECLINED])
    if not live.exists():
        program = application.program
        return program.kind != Program.Kind.FELLOWSHIP and not program.rotation_sites.exists()
    return not live.exclude(status__in=[P.APPROVED, P.CONFIRMED]).exists()


def on_application_moved(application: Application, to: str) -> None:
    """Called by the application's transition: acceptance confirms approved placements; an
    application that ends releases its places."""
    if to == A.ACCEPTED:
        for placement in application.placements.filter(status=P.APPROVED):
            placement_transition(placement=placement, to=P.CONFIRMED, by=None)
    elif to in (A.WITHDRAWN, A.DECLINED, A.EXPIRED, A.REJECTED):
        application.placements.filter(status=P.PLANNED).delete()
        for placement in application.placements.filter(
            status__in=[P.PROPOSED, P.APPROVED, P.CONFIRMED, P.IN_PROGRESS]
        ):
            with transaction.atomic():
                locked = Placement.objects.select_for_update().get(pk=placement.pk)
                source = locked.status
                locked.status = P.CANCELLED
                locked.save(update_fields=["status", "updated_at"])
                PlacementStatusChange.objects.create(
                    placement=locked,
                    from_status=source,
                    to_status=P.CANCELLED,
                    reason=_("The application ended: %(status)s") % {"status": A(to).label},
                )


def advance_by_date() -> int:
    """Confirmed placements start, running ones complete, by their dates where the host
    organisation is (at 23:30 UTC a Seoul placement starting tomorrow UTC has started)."""
    moved, host = 0, "application__program__organisation"
    started = Organisation.where_today(path=host, rule=lambda today, _z: Q(start_date__lte=today))
    for placement in Placement.objects.filter(started, status=P.CONFIRMED):
        placement_transition(placement=placement, to=P.IN_PROGRESS, by=None)
        moved += 1
    ended = Organisation.where_today(path=host, rule=lambda today, _z: Q(end_date__lt=today))
    for placement in Placement.objects.filter(ended, status=P.IN_PROGRESS):
        placement_transition(placement=placement, to=P.COMPLETED, by=None)
        moved += 1
    return moved


# --- Schedule grid --------------------------------------------------------------------


def schedule_set_cell(
    *, application: Application, week: Week, site: RotationSite | None, by: User
) -> None:
    """Put a trainee in a site for a week (or take them out). Only planned cells change;
    consecutive weeks at the same site make one placement. Refused, with nothing changed,
    when the application may not receive placements (checked under its lock)."""
    program = application.program
    _require_coordinator(by, program)
    if site is not None and site.program_id != program.pk:
        raise PlacementRefused(_("Choose a rotation site of this program."))
    with transaction.atomic():
        application = capacity.lock_application(application)
        existing = list(
            application.placements.filter(
                status__in=Placement.HOLDING, start_date__lte=week.end, end_date__gte=week.start
            )
        )
        if any(p.status != P.PLANNED for p in existing):
            raise PlacementRefused(
                _("This week is already sent to a supervisor; cancel that placement first.")
            )
        for placement in existing:  # split the planned placement around this week
            before = (placement.start_date, week.start - timedelta(days=1))
            after = (week.end + timedelta(days=1), placement.end_date)
            site_, department, supervisor = (
                placement.rotation_site,
                placement.department,
                placement.supervisor,
            )
            placement.delete()
            for start, end in (before, after):
                if start <= end:
                    Placement.objects.create(
                        application=application,
                        rotation_site=site_,
                        department=department,
                        supervisor=supervisor,
                        start_date=start,
                        end_date=end,
                    )
        if site is None:
            return
        start, end = capacity.site_window(site, week.start, week.end)
        # Join the neighbouring planned placement at the same site.
        neighbour = application.placements.filter(
            status=P.PLANNED, rotation_site=site, end_date=start - timedelta(days=1)
        ).first()
        following = application.placements.filter(
            status=P.PLANNED, rotation_site=site, start_date=end + timedelta(days=1)
        ).first()
        new_start = neighbour.start_date if neighbour else start
        new_end = following.end_date if following else end
        keep = [p.pk for p in (neighbour, following) if p]
        department = site.department
        capacity.lock_capacity(department, site)
        if capacity.overlaps_own(application, new_start, new_end, exclude=keep):
            raise capacity.elsewhere()
        supervisor = (neighbour or following).supervisor if (neighbour or following) else None
        if supervisor is None:
            supervisor = capacity.choose_supervisor(department, new_start, new_end, exclude=keep)
        capacity.lock_supervisor(supervisor)
        problem = capacity.room_problem(
            department=department,
            start=start,
            end=end,
            site=site,
            supervisor=supervisor,
            exclude=keep,
        )
        if problem:
            raise NoRoom(problem)
        with refused_on({capacity.TRAINEE_NEVER_TWICE: capacity.elsewhere()}):
            Placement.objects.filter(pk__in=keep).delete()
            Placement.objects.create(
                application=application,
                rotation_site=site,
                department=department,
                supervisor=supervisor,
                start_date=new_start,
                end_date=new_end,
            )


def schedule_set_week(
    *, application: Application, week_index: int, site: RotationSite | None, by: User
) -> None:
    """`schedule_set_cell` for the program's week number `week_index` (from 0)."""
    program_weeks = weeks(application.program)
    if not 0 <= week_index < len(program_weeks):
        raise PlacementRefused(_("That week is outside the program."))
    schedule_set_cell(application=application, week=program_weeks[week_index], site=site, by=by)


def schedulable(program: Program) -> list[Application]:
    return list(
        Application.objects.filter(program=program, status__in=capacity.SCHEDULABLE)
        .select_related("trainee__trainee_profile")
        .prefetch_related("preferences")
        .order_by("trainee__last_name", "pk")
    )


def schedule_cells(
    program: Program, applications: Sequence[Application] | None = None
) -> dict[tuple[int, int], Placement]:
    """(application id, week index) → the placement covering that week."""
    program_weeks = weeks(program)
    placements = Placement.objects.filter(
        application__program=program, status__in=Placement.HOLDING
    ).select_related("rotation_site", "department__hospital", "supervisor__user")
    if applications is not None:
        placements = placements.filter(application__in=[a.pk for a in applications])
    cells = {}
    for placement in placements:
        for week in program_weeks:
            if placement.start_date <= week.end and placement.end_date >= week.start:
                cells[(placement.application_id, week.index)] = placement
    return cells


def fellowship_place(*, application: Application, supervisor: Supervisor, by: User) -> Placement:
    """A fellowship is one long placement with its supervisor, over the program's dates."""
    program = application.program
    return placement_create(
        application=application,
        department=supervisor.department,
        start=program.start_date,
        end=program.end_date,
        by=by,
        supervisor=supervisor,
        site=program.rotation_sites.filter(department=supervisor.department).first(),
    )
