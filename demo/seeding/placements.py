"""Rotation schedules, planned and sent as a coordinator would, and the supervisors'
answers."""

from __future__ import annotations

from applications.models import Application
from demo import data
from demo.seeding.people import ensure_department_supervisors
from demo.seeding.world import World
from hospitals.models import Supervisor
from placements import services as placements
from placements import suggestions
from placements.models import Placement
from placements.plans import plan_save
from programs.models import Program


def schedule_and_approve(application: Application, coordinator) -> None:
    """Plan the applicant's rotation as a coordinator would (the suggestion, then send
    it) and let the supervisors approve this applicant's placements, so an offer can go
    out; other applicants' requests stay pending with their supervisors."""
    program = application.program
    if program.kind == Program.Kind.FELLOWSHIP:
        role = (
            Supervisor.objects.filter(department__in=program.rotation_sites.values("department"))
            .select_related("user", "department")
            .first()
        )
        if role is None or application.placements.exists():
            return
        placements.fellowship_place(application=application, supervisor=role, by=coordinator)
    else:
        ensure_department_supervisors(program)
        suggestions.suggest_and_apply(program=program, by=coordinator)
    placements.propose_planned(program=program, by=coordinator)
    for placement in application.placements.filter(status=Placement.Status.PROPOSED):
        placements.placement_decide(placement=placement, by=placement.supervisor.user, approve=True)
        if program.kind == Program.Kind.FELLOWSHIP:
            plan_save(
                placement=placement,
                by=placement.supervisor.user,
                summary=data.FELLOWSHIP_PLAN_SUMMARY,
                activities=[
                    {"week": week, "kind": kind, "description": text}
                    for week, kind, text in data.FELLOWSHIP_PLAN
                ],
                publish=True,
            )


def seed_pending_schedules(world: World) -> None:
    """Shortlisted applicants get their planned rotation sent to the supervisors, who
    have not answered yet."""
    for program in Program.objects.filter(
        applications__status=Application.Status.SHORTLISTED, kind=Program.Kind.COHORT_ROTATION
    ).distinct():
        coordinator = program.organisation.coordinators.order_by("pk").first()
        ensure_department_supervisors(program)
        suggestions.suggest_and_apply(program=program, by=coordinator)
        placements.propose_planned(program=program, by=coordinator)
