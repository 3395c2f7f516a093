"""Places are scarce: the rules and the locks that keep a department's, a rotation site's
and a supervisor's capacity, and a trainee's one-place-at-a-time, true under concurrent
writes. Used by placements.services (every write) and its schedule grid.

Lock order, the same in every writer (so two writers never wait for each other in a circle):

    program (seats; only applications.services.offer_accept)
    → application            lock_application: re-read, refused unless it may be placed
    → department → rotation site                           lock_capacity
    → supervisor (chosen under the department's lock)     lock_supervisor
    → placement rows (transitions, an application's withdrawal releasing its placements)

A withdrawal locks the application and then its placements, the same way round; accepting an
offer locks the program, the application, then the placements it confirms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.utils.translation import gettext as _

from applications.models import Application
from core.errors import Refused
from hospitals.models import Department, Supervisor
from placements.models import Placement
from programs.models import RotationSite

A = Application.Status

# Applications that may receive placements: chosen (or about to be), not yet gone. A draft,
# submitted, under review, rejected, declined, expired or withdrawn application never does.
SCHEDULABLE = (A.SHORTLISTED, A.OFFERED, A.ACCEPTED)

# The exclusion constraint of placements migration 0003 (PostgreSQL only).
TRAINEE_NEVER_TWICE = "placement_trainee_never_twice_at_once"


class PlacementRefused(Refused):
    """A placement change the rules do not allow."""


class NoRoom(PlacementRefused):
    pass


class NotSchedulable(PlacementRefused):
    """The application is not (or no longer) in a state that may receive placements."""


def elsewhere() -> PlacementRefused:
    """The refusal for a trainee who already has a place then, from the check or from the
    database's exclusion constraint alike."""
    return PlacementRefused(_("The trainee already has a placement in this period."))


# --- Capacity -------------------------------------------------------------------------


def max_overlap(intervals: Iterable[tuple[date, date]], start: date, end: date) -> int:
    """How many of the intervals are running at once, at most, between start and end."""
    events = []
    for s, e in intervals:
        s, e = max(s, start), min(e, end)
        if s <= e:
            events.append((s, 1))
            events.append((e + timedelta(days=1), -1))
    running = peak = 0
    for _day, step in sorted(events):
        running += step
        peak = max(peak, running)
    return peak


def holding(qs) -> list[tuple[date, date]]:
    return list(qs.filter(status__in=Placement.HOLDING).values_list("start_date", "end_date"))


# --- Locks (in this order: application, department, rotation site, supervisor) -----------


def lock_application(application: Application) -> Application:
    """The first lock of every write that creates or moves placements: the application row,
    read again under the lock. Refused unless the application may receive placements, so a
    withdrawal (which takes the same lock, then releases the placements) either comes first
    and is seen here, or waits and then releases what was just planned."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("program", "trainee")
        .get(pk=application.pk)
    )
    if locked.status not in SCHEDULABLE:
        raise NotSchedulable(_("Only shortlisted, offered or accepted applicants can be placed."))
    return locked


def lock_capacity(department: Department, site: RotationSite | None = None) -> None:
    """Lock the department, then the rotation site: the rows whose capacity is checked next.
    Taken after the application's lock, before the supervisor's."""
    Department.objects.select_for_update().get(pk=department.pk)
    if site is not None:
        RotationSite.objects.select_for_update().get(pk=site.pk)


def lock_supervisor(supervisor: Supervisor | None) -> None:
    """The last capacity lock: the supervisor (chosen under the department's lock)."""
    if supervisor is not None:
        Supervisor.objects.select_for_update().get(pk=supervisor.pk)


def room_problem(
    *,
    department: Department,
    start: date,
    end: date,
    site: RotationSite | None = None,
    supervisor: Supervisor | None = None,
    exclude: Sequence[int] = (),
) -> str | None:
    """Why one more trainee cannot be placed here for these dates, or None."""
    others = Placement.objects.exclude(pk__in=list(exclude))
    if (
        max_overlap(holding(others.filter(department=department)), start, end)
        >= department.capacity
    ):
        return _("%(department)s has no free place (capacity %(capacity)s) in this period.") % {
            "department": department.name,
            "capacity": department.capacity,
        }
    if site is not None and (
        max_overlap(holding(others.filter(rotation_site=site)), start, end) >= site.capacity
    ):
        return _("This rotation site is full in this period.")
    if supervisor is not None and (
        max_overlap(holding(others.filter(supervisor=supervisor)), start, end)
        >= supervisor.max_trainees
    ):
        return _("%(name)s already supervises %(count)s trainees in this period.") % {
            "name": supervisor.user.display_name,
            "count": supervisor.max_trainees,
        }
    return None


def choose_supervisor(
    department: Department, start: date, end: date, exclude=()
) -> Supervisor | None:
    """The department's supervisor with the fewest trainees then, who still has room."""
    best, best_load = None, None
    for supervisor in department.supervisors.select_related("user").order_by("pk"):
        load = max_overlap(
            holding(Placement.objects.exclude(pk__in=list(exclude)).filter(supervisor=supervisor)),
            start,
            end,
        )
        if load < supervisor.max_trainees and (best_load is None or load < best_load):
            best, best_load = supervisor, load
    return best


def overlaps_own(application: Application, start: date, end: date, exclude=()) -> bool:
    return (
        Placement.objects.filter(trainee_id=application.trainee_id)
        .exclude(pk__in=list(exclude))
        .filter(status__in=Placement.HOLDING, start_date__lte=end, end_date__gte=start)
        .exists()
    )
