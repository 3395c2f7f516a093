"""Suggest, then apply: the schedule engine's suggestion for a program's empty cells is
computed in the background and kept as a `SchedulePlan`; the coordinator who asked reviews it
and applies it — every cell in one transaction, under the capacity locks, with the rules of
the one-cell path (placements.capacity), or nothing at all when the schedule or the room it
assumed changed meanwhile (then they compute a new one).

Writes are bulk: one read of the places held, checks in memory (capacity.Ledger), one
delete and one insert, whatever the number of cells.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import OperationalError, connection, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import manages_program
from applications.models import Application
from core.constraints import refused_on
from core.jobs import Outcome, Progress, job_start
from core.models import BackgroundJob
from placements import capacity, engine, services
from placements.capacity import PlacementRefused
from placements.models import Placement, SchedulePlan
from programs.models import Program, RotationSite

P = Placement.Status
LOCK_TIMEOUT = "3s"  # a plan waits this long for a lock, then says "busy, try again"


class PlanRefused(PlacementRefused):
    """The plan cannot be applied; nothing was written."""


# --- Compute (in a task) -----------------------------------------------------------------


def suggest_start(*, program: Program, by: User) -> BackgroundJob:
    """Queue the computation of a suggestion for the program's empty cells."""
    services.require_coordinator(by, program)
    return job_start(
        kind="placements.tasks.compute_plan",
        title=_("Suggestion for %(program)s") % {"program": program.title},
        by=by,
        params={"program": program.pk},
        back_url=reverse("placements:schedule", args=[program.pk]),
    )


def fingerprint(program: Program) -> str:
    """What a plan assumed and must still hold when applied: the program's placements that
    hold a place, the applicants who may be placed, its sites and their capacities."""
    digest = hashlib.sha256()
    for rows in (
        Placement.objects.filter(application__program=program, status__in=Placement.HOLDING)
        .order_by("pk")
        .values_list("pk", "status", "rotation_site_id", "supervisor_id", "start_date", "end_date"),
        Application.objects.filter(program=program, status__in=capacity.SCHEDULABLE)
        .order_by("pk")
        .values_list("pk"),
        program.rotation_sites.order_by("pk").values_list(
            "pk", "capacity", "start_date", "end_date", "department_id", "department__capacity"
        ),
    ):
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def plan_compute(
    *, program: Program, by: User, step: Callable[[int], None] | None = None
) -> SchedulePlan:
    """Run the engine on the program's empty cells and keep its answer as a plan. `step(n)`
    is told when step n of 3 (read, suggest, store) is done (a background job's progress)."""
    step = step or (lambda _n: None)
    services.require_coordinator(by, program)
    stamp = fingerprint(program)  # before reading: a change after this one makes it stale
    program_weeks = services.weeks(program)
    sites = list(program.rotation_sites.select_related("department"))
    applications = services.schedulable(program)
    fixed = [
        engine.Assignment(application_id, index, placement.rotation_site_id)
        for (application_id, index), placement in services.schedule_cells(
            program, applications
        ).items()
        if placement.rotation_site_id
    ]
    rooms = _rooms(program, sites, program_weeks)
    engine_sites = [engine.Site(s.pk, s.department.specialty_id, rooms[s.pk]) for s in sites]
    trainees = [_trainee(a, program_weeks) for a in applications]
    step(1)
    suggestion = engine.suggest(trainees, engine_sites, fixed)
    step(2)
    return SchedulePlan.objects.create(
        program=program,
        created_by=by,
        cells=sorted([a.trainee, a.period, a.site] for a in suggestion.assignments),
        empty=sorted([trainee, period] for trainee, period in suggestion.unplaced),
        rooms={str(site): {str(w): n for w, n in room.items()} for site, room in rooms.items()},
        fingerprint=stamp,
    )


def _rooms(program: Program, sites, program_weeks) -> dict[int, dict[int, int]]:
    """Per site and open week: its places, less what other programs use in its department."""
    elsewhere: dict[int, list[tuple[date, date]]] = {}
    for department_id, start, end in (
        Placement.objects.filter(
            department_id__in={s.department_id for s in sites}, status__in=Placement.HOLDING
        )
        .exclude(application__program=program)
        .values_list("department_id", "start_date", "end_date")
    ):
        elsewhere.setdefault(department_id, []).append((start, end))
    rooms: dict[int, dict[int, int]] = {}
    for site in sites:
        rooms[site.pk] = {
            week.index: max(
                min(
                    site.capacity,
                    site.department.capacity
                    - capacity.max_overlap(
                        elsewhere.get(site.department_id, []), week.start, week.end
                    ),
                ),
                0,
            )
            for week in program_weeks
            if site.start_date <= week.end and site.end_date >= week.start
        }
    return rooms


def _trainee(application: Application, program_weeks) -> engine.Trainee:
    profile = getattr(application.trainee, "trainee_profile", None)
    preferences = application.preferences.all()
    ranked = tuple(
        p.rotation_site_id for p in sorted(preferences, key=lambda p: p.rank) if p.rotation_site_id
    )
    wishes = [p.specialty_id for p in preferences if p.specialty_id]
    specialty = (profile.specialty_id if profile else None) or (wishes[0] if wishes else None)
    return engine.Trainee(application.pk, specialty, ranked, tuple(w.index for w in program_weeks))


def compute_job(job: BackgroundJob, progress: Progress) -> Outcome:
    """The background job's work: compute, then point to the plan's page."""
    program = Program.objects.get(pk=job.params["program"])
    progress(0, 3, force=True)
    plan = plan_compute(program=program, by=job.started_by, step=lambda n: progress(n, force=True))
    return Outcome(
        summary=_("The suggestion is ready: %(cells)s week(s) to plan, %(empty)s left empty.")
        % {"cells": len(plan.cells), "empty": len(plan.empty)},
        result_url=reverse("placements:plan_review", args=[plan.pk]),
    )


def suggest_and_apply(*, program: Program, by: User) -> tuple[int, int]:
    """Compute and apply at once, where nobody reviews (the demo seeding). Returns (cells
    filled, cells left empty)."""
    plan = plan_compute(program=program, by=by)
    filled = plan_apply(plan=plan, by=by)
    plan.delete()  # nobody reviews it: nothing to keep
    return filled, len(plan.empty)


# --- Review ------------------------------------------------------------------------------


@dataclass
class Change:
    application: Application
    runs: list[tuple[int, int, RotationSite]] = field(default_factory=list)  # weeks from, to
    empty: list[int] = field(default_factory=list)  # week numbers (from 1)


def plan_for(user: User, pk: int) -> SchedulePlan:
    """The plan, for the coordinator who asked for it (and still coordinates its program)."""
    plan = (
        SchedulePlan.objects.select_related("program")
        .filter(pk=pk, created_by_id=user.pk or 0)
        .first()
    )
    if plan is None or not manages_program(user, plan.program):
        raise Http404
    return plan


def plan_changes(plan: SchedulePlan) -> list[Change]:
    """Per trainee: the runs of weeks the plan fills (site by site) and the weeks it leaves
    empty — three queries, whatever the size."""
    ids = {a for a, _w, _s in plan.cells} | {a for a, _w in plan.empty}
    applications = Application.objects.select_related("trainee").in_bulk(ids)
    sites = RotationSite.objects.select_related("department__hospital").in_bulk(
        {s for _a, _w, s in plan.cells}
    )
    changes = {pk: Change(a) for pk, a in applications.items()}
    for application_id, week, site_id in sorted(plan.cells):
        runs = changes[application_id].runs
        if runs and runs[-1][1] == week and runs[-1][2].pk == site_id:
            runs[-1] = (runs[-1][0], week + 1, runs[-1][2])
        else:
            runs.append((week + 1, week + 1, sites[site_id]))
    for application_id, week in sorted(plan.empty):
        changes[application_id].empty.append(week + 1)
    return sorted(
        changes.values(),
        key=lambda c: (
            c.application.trainee.last_name,
            c.application.trainee.first_name,
            c.application.pk,
        ),
    )


def plan_discard(*, plan: SchedulePlan, by: User) -> None:
    services.require_coordinator(by, plan.program)
    SchedulePlan.objects.filter(pk=plan.pk, status=SchedulePlan.Status.READY).update(
        status=SchedulePlan.Status.DISCARDED
    )


# --- Apply: all or nothing ---------------------------------------------------------------


def plan_apply_start(*, plan: SchedulePlan, by: User) -> BackgroundJob:
    services.require_coordinator(by, plan.program)
    return job_start(
        kind="placements.tasks.apply_plan",
        title=_("Applying the suggestion for %(program)s") % {"program": plan.program.title},
        by=by,
        params={"plan": plan.pk},
        total=len(plan.cells),
        back_url=reverse("placements:plan_review", args=[plan.pk]),
    )


def apply_job(job: BackgroundJob, progress: Progress) -> Outcome:
    plan = SchedulePlan.objects.select_related("program").get(pk=job.params["plan"])
    written = plan_apply(plan=plan, by=job.started_by)
    return Outcome(
        summary=_("Suggestion applied: %(count)s week(s) planned.") % {"count": written},
        result_url=reverse("placements:schedule", args=[plan.program_id]),
    )


def plan_apply(*, plan: SchedulePlan, by: User) -> int:
    """Write every cell of the plan as planned placements (consecutive weeks at one site make
    one placement, joined to a planned neighbour there), in one transaction under the capacity
    locks; refused with nothing written when any cell no longer fits or the schedule changed
    since the plan was computed. Returns the number of cells written."""
    program = plan.program
    services.require_coordinator(by, program)
    try:
        with transaction.atomic():
            _lock_timeout()
            locked = SchedulePlan.objects.select_for_update().get(pk=plan.pk)
            if locked.status != SchedulePlan.Status.READY:
                raise PlanRefused(_("This suggestion was already applied or discarded."))
            _write(locked, program)
            SchedulePlan.objects.filter(pk=plan.pk).update(
                status=SchedulePlan.Status.APPLIED, applied_at=timezone.now()
            )
    except OperationalError as error:
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) != "55P03":  # lock_not_available (lock_timeout)
            raise
        raise PlanRefused(
            _("The schedule is busy with other changes; try again in a moment.")
        ) from error
    plan.status = SchedulePlan.Status.APPLIED
    return len(plan.cells)


def _lock_timeout() -> None:
    """Wait at most LOCK_TIMEOUT for a lock (PostgreSQL), then fail instead of hanging."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")


def stale() -> PlanRefused:
    return PlanRefused(
        _(
            "The schedule changed since this suggestion was computed; nothing was applied. "
            "Compute a new suggestion."
        )
    )


def _write(plan: SchedulePlan, program: Program) -> None:
    program_weeks = services.weeks(program)
    sites = program.rotation_sites.select_related("department").in_bulk()
    cells: dict[int, dict[int, int]] = {}
    for application_id, week, site_id in plan.cells:
        if site_id not in sites or not 0 <= week < len(program_weeks):
            raise stale()
        cells.setdefault(application_id, {})[week] = site_id
    try:
        applications, supervisors = capacity.lock_batch(cells, {s for _a, _w, s in plan.cells})
    except capacity.NotSchedulable as error:
        raise stale() from error
    if set(applications) != set(cells) or fingerprint(program) != plan.fingerprint:
        raise stale()
    writer = _Writer(program, applications, supervisors, sites)
    for application_id in sorted(cells):
        for site_id, start, end in _runs(cells[application_id], sites, program_weeks):
            writer.place(applications[application_id], sites[site_id], start, end)
    writer.commit()


def _runs(weeks_sites: dict[int, int], sites, program_weeks) -> Iterator[tuple[int, date, date]]:
    """The trainee's new cells as runs: consecutive open days at one site."""
    run: list | None = None
    for index in sorted(weeks_sites):
        site = sites[weeks_sites[index]]
        week = program_weeks[index]
        start, end = capacity.site_window(site, week.start, week.end)
        if run and run[0] == site.pk and run[2] + timedelta(days=1) == start:
            run[2] = end
            continue
        if run:
            yield tuple(run)
        run = [site.pk, start, end]
    if run:
        yield tuple(run)


class _Writer:
    """Checks each run as `services.schedule_set_cell` would (join a planned neighbour at the
    same site, keep its supervisor or choose the one with room, room in the department, the
    site and with the supervisor, the trainee nowhere else), in memory, then writes them all."""

    def __init__(self, program, applications, supervisors, sites) -> None:
        ids = list(applications)
        self.supervisors = supervisors
        self.ledger = capacity.Ledger.read(
            departments=list(supervisors),
            sites=list(sites),
            supervisors=[s.pk for group in supervisors.values() for s in group],
            trainees=[a.trainee_id for a in applications.values()],
        )
        self.by_end: dict[tuple, dict] = {}
        self.by_start: dict[tuple, dict] = {}
        for placement in Placement.objects.select_related("supervisor__user").filter(
            application_id__in=ids, status=P.PLANNED, rotation_site__isnull=False
        ):
            self._index(
                {
                    "key": placement.pk,
                    "application": placement.application_id,
                    "site": placement.rotation_site_id,
                    "start": placement.start_date,
                    "end": placement.end_date,
                    "supervisor": placement.supervisor,
                }
            )
        self.new: dict[object, dict] = {}
        self.delete: list[int] = []

    def _index(self, entry: dict) -> None:
        self.by_end[entry["application"], entry["site"], entry["end"]] = entry
        self.by_start[entry["application"], entry["site"], entry["start"]] = entry

    def _drop(self, entry: dict) -> None:
        self.by_end.pop((entry["application"], entry["site"], entry["end"]), None)
        self.by_start.pop((entry["application"], entry["site"], entry["start"]), None)
        self.ledger.remove(entry["key"])
        if isinstance(entry["key"], int):
            self.delete.append(entry["key"])
        else:
            self.new.pop(entry["key"], None)

    def place(self, application, site, start: date, end: date) -> None:
        neighbour = self.by_end.get((application.pk, site.pk, start - timedelta(days=1)))
        following = self.by_start.get((application.pk, site.pk, end + timedelta(days=1)))
        joined = [e for e in (neighbour, following) if e]
        keep = [e["key"] for e in joined]
        new_start = neighbour["start"] if neighbour else start
        new_end = following["end"] if following else end
        department = site.department
        if self.ledger.overlaps_own(application.trainee_id, new_start, new_end, exclude=keep):
            raise self._no_longer_fits(application, start, str(capacity.elsewhere()))
        supervisor = joined[0]["supervisor"] if joined else None
        if supervisor is None:
            supervisor = self.ledger.choose_supervisor(
                self.supervisors.get(department.pk, []), new_start, new_end, exclude=keep
            )
        problem = self.ledger.room_problem(
            department=department,
            site=site,
            supervisor=supervisor,
            start=start,
            end=end,
            exclude=keep,
        )
        if problem:
            raise self._no_longer_fits(application, start, problem)
        for entry in joined:
            self._drop(entry)
        key = ("new", application.pk, site.pk, new_start)
        entry = {
            "key": key,
            "application": application.pk,
            "site": site.pk,
            "start": new_start,
            "end": new_end,
            "supervisor": supervisor,
            "placement": Placement(
                application_id=application.pk,
                trainee_id=application.trainee_id,
                rotation_site=site,
                department=department,
                supervisor=supervisor,
                start_date=new_start,
                end_date=new_end,
            ),
        }
        self.new[key] = entry
        self._index(entry)
        self.ledger.add(
            key, department.pk, site.pk, supervisor.pk if supervisor else None,
            application.trainee_id, new_start, new_end,
        )  # fmt: skip

    def _no_longer_fits(self, application, start: date, problem: str) -> PlanRefused:
        return PlanRefused(
            _(
                "The suggestion no longer fits (%(trainee)s, from %(date)s: %(problem)s). "
                "Nothing was applied; compute a new suggestion."
            )
            % {"trainee": application.trainee.display_name, "date": start, "problem": problem}
        )

    def commit(self) -> None:
        Placement.objects.filter(pk__in=self.delete).delete()
        with refused_on({capacity.TRAINEE_NEVER_TWICE: capacity.elsewhere()}):
            Placement.objects.bulk_create(
                [entry["placement"] for entry in self.new.values()], batch_size=1000
            )
