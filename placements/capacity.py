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
offer locks the program, the application, then the placements it confirms. Applying a
schedule plan (placements.suggestions) takes many of each at once, in the same order, each
kind sorted by id (`lock_batch`), and checks its cells against a `Ledger` read under them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from django.db.models import Q
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
    require_schedulable(locked)
    return locked


def require_schedulable(application: Application) -> None:
    if application.status not in SCHEDULABLE:
        raise NotSchedulable(_("Only shortlisted, offered or accepted applicants can be placed."))


def site_window(site: RotationSite, start: date, end: date) -> tuple[date, date]:
    """The part of [start, end] (a week) in which the rotation site is open; refused if none."""
    start, end = max(start, site.start_date), min(end, site.end_date)
    if start > end:
        raise PlacementRefused(_("This rotation site is not open in that week."))
    return start, end


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
    return room_problem_among(
        department=department,
        start=start,
        end=end,
        site=site,
        supervisor=supervisor,
        department_load=lambda: holding(others.filter(department=department)),
        site_load=lambda: holding(others.filter(rotation_site=site)),
        supervisor_load=lambda: holding(others.filter(supervisor=supervisor)),
    )


def room_problem_among(
    *,
    department: Department,
    start: date,
    end: date,
    site: RotationSite | None,
    supervisor: Supervisor | None,
    department_load: Callable[[], Iterable[tuple[date, date]]],
    site_load: Callable[[], Iterable[tuple[date, date]]],
    supervisor_load: Callable[[], Iterable[tuple[date, date]]],
) -> str | None:
    """The capacity rules themselves, over the places already held (each `*_load` gives the
    holding intervals there, read from the database or from a `Ledger`)."""
    if max_overlap(department_load(), start, end) >= department.capacity:
        return _("%(department)s has no free place (capacity %(capacity)s) in this period.") % {
            "department": department.name,
            "capacity": department.capacity,
        }
    if site is not None and max_overlap(site_load(), start, end) >= site.capacity:
        return _("This rotation site is full in this period.")
    if supervisor is not None and max_overlap(supervisor_load(), start, end) >= (
        supervisor.max_trainees
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
    others = Placement.objects.exclude(pk__in=list(exclude))
    return choose_supervisor_among(
        department.supervisors.select_related("user").order_by("pk"),
        lambda supervisor: holding(others.filter(supervisor=supervisor)),
        start,
        end,
    )


def choose_supervisor_among(
    supervisors: Iterable[Supervisor],
    load: Callable[[Supervisor], Iterable[tuple[date, date]]],
    start: date,
    end: date,
) -> Supervisor | None:
    """Of these supervisors (by id), the one with the fewest trainees then who has room."""
    best, best_load = None, None
    for supervisor in supervisors:
        count = max_overlap(load(supervisor), start, end)
        if count < supervisor.max_trainees and (best_load is None or count < best_load):
            best, best_load = supervisor, count
    return best


def overlaps_own(application: Application, start: date, end: date, exclude=()) -> bool:
    return (
        Placement.objects.filter(trainee_id=application.trainee_id)
        .exclude(pk__in=list(exclude))
        .filter(status__in=Placement.HOLDING, start_date__lte=end, end_date__gte=start)
        .exists()
    )


# --- Many writes at once (applying a schedule plan) -------------------------------------


def lock_batch(
    application_ids: Iterable[int], site_ids: Iterable[int]
) -> tuple[dict[int, Application], dict[int, list[Supervisor]]]:
    """The locks of many cell writes, in the one order, each kind by id: the applications
    (read again, each refused unless it may be placed), the sites' departments, the sites,
    then the departments' supervisors. Returns the applications by id and the supervisors
    of each department (by id, with their users)."""
    applications = {
        a.pk: a
        for a in Application.objects.select_for_update(of=("self",))
        .select_related("trainee")
        .filter(pk__in=sorted(set(application_ids)))
        .order_by("pk")
    }
    for application in applications.values():
        require_schedulable(application)
    sites = sorted(set(site_ids))
    department_ids = sorted(
        set(RotationSite.objects.filter(pk__in=sites).values_list("department_id", flat=True))
    )
    list(Department.objects.select_for_update().filter(pk__in=department_ids).order_by("pk"))
    list(RotationSite.objects.select_for_update().filter(pk__in=sites).order_by("pk"))
    supervisors: dict[int, list[Supervisor]] = {pk: [] for pk in department_ids}
    for supervisor in (
        Supervisor.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(department_id__in=department_ids)
        .order_by("pk")
    ):
        supervisors[supervisor.department_id].append(supervisor)
    return applications, supervisors


class Ledger:
    """The places held, read once (under the locks) for a batch of writes; each write is
    checked with the same rules as a single one (`room_problem_among`,
    `choose_supervisor_among`, one trainee in one place) and then recorded here. Entries are
    keyed by the placement's id, or by any token for one not written yet."""

    def __init__(self) -> None:
        self.by: dict[tuple[str, int], dict[object, tuple[date, date]]] = {}

    @classmethod
    def read(cls, *, departments, sites, supervisors, trainees) -> Ledger:
        ledger = cls()
        rows = (
            Placement.objects.filter(status__in=Placement.HOLDING)
            .filter(
                Q(department_id__in=list(departments))
                | Q(rotation_site_id__in=list(sites))
                | Q(supervisor_id__in=list(supervisors))
                | Q(trainee_id__in=list(trainees))
            )
            .values_list(
                "pk", "department_id", "rotation_site_id", "supervisor_id", "trainee_id",
                "start_date", "end_date",
            )
        )  # fmt: skip
        for pk, department, site, supervisor, trainee, start, end in rows:
            ledger.add(pk, department, site, supervisor, trainee, start, end)
        return ledger

    def add(self, key, department, site, supervisor, trainee, start: date, end: date) -> None:
        for kind, pk in (("d", department), ("s", site), ("v", supervisor), ("t", trainee)):
            if pk is not None:
                self.by.setdefault((kind, pk), {})[key] = (start, end)

    def remove(self, key) -> None:
        for entries in self.by.values():
            entries.pop(key, None)

    def load(self, kind: str, pk: int | None, exclude=()) -> list[tuple[date, date]]:
        entries = self.by.get((kind, pk), {})
        return [interval for key, interval in entries.items() if key not in exclude]

    def overlaps_own(self, trainee_id: int, start: date, end: date, exclude=()) -> bool:
        return any(s <= end and e >= start for s, e in self.load("t", trainee_id, exclude))

    def choose_supervisor(self, supervisors, start: date, end: date, exclude=()):
        return choose_supervisor_among(
            supervisors, lambda s: self.load("v", s.pk, exclude), start, end
        )

    def room_problem(self, *, department, site, supervisor, start, end, exclude=()) -> str | None:
        return room_problem_among(
            department=department,
            start=start,
            end=end,
            site=site,
            supervisor=supervisor,
            department_load=lambda: self.load("d", department.pk, exclude),
            site_load=lambda: self.load("s", site.pk if site else None, exclude),
            supervisor_load=lambda: self.load("v", supervisor.pk if supervisor else None, exclude),
        )
