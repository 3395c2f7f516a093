"""Programs and rotation sites, through the same services a coordinator uses; an existing
row is updated only where the demo data differs from it."""

from __future__ import annotations

from accounts.models import User
from demo import data
from demo.seeding.world import World
from programs import services
from programs.models import Program, RotationSite
from programs.services import (
    program_create,
    program_transition,
    program_update,
    rotation_site_create,
    rotation_site_update,
)

# Everything the coordinator's form sets but the title, which (with the organisation) is the
# program's natural key.
PROGRAM_FIELDS = [field for field in services.PROGRAM_FIELDS if field != "title"]

# Statuses a demo program passes through, in order, to reach its target.
STATUS_PATH = [Program.Status.DRAFT, Program.Status.PUBLISHED, Program.Status.CLOSED]


def seed_programs(world: World) -> None:
    for row in data.programs(world.today):
        by = world.people[row["by"]]
        # Fields the demo data leaves out keep the service's default.
        fields = {key: row[key] for key in PROGRAM_FIELDS if key in row}
        specialties = [world.specialties[slug] for slug in row["specialties"]]
        program = Program.objects.filter(
            organisation=world.organisations[row["organisation"]], title=row["title"]
        ).first()
        if program is None:
            program = program_create(
                by=by, data=fields | {"title": row["title"]}, specialties=specialties
            )
        elif _differs(program, fields) or set(program.specialties.all()) != set(specialties):
            program = program_update(program=program, by=by, data=fields, specialties=specialties)
        for site in row["rotation"]:
            seed_rotation_site(world, program, site, by=by)
        reach_status(program, row["status"], by=by)


def seed_rotation_site(world: World, program: Program, site: dict, *, by: User) -> None:
    """A site names one department, or a hospital: then every department of it takes
    part, each with its own capacity."""
    departments = world.hospitals[site["hospital"]].departments.all()
    if "department" in site:
        departments = departments.filter(name=site["department"])
    for department in departments:
        fields = {
            "department": department,
            "start_date": site["start_date"],
            "end_date": site["end_date"],
            "capacity": site.get("capacity", department.capacity),
        }
        existing = RotationSite.objects.filter(
            program=program, department=department, start_date=site["start_date"]
        ).first()
        if existing is None:
            rotation_site_create(program=program, by=by, **fields)
        elif _differs(existing, fields):
            rotation_site_update(site=existing, by=by, **fields)


def reach_status(program: Program, target: str, *, by: User) -> None:
    """Walk draft → published → closed up to `target`; a program already there (or
    beyond) is left alone, so a rerun writes no new history."""
    for status in STATUS_PATH[1 : STATUS_PATH.index(target) + 1]:
        if STATUS_PATH.index(program.status) < STATUS_PATH.index(status):
            program_transition(program=program, to=status, by=by, reason="Demo data (seed_demo)")
            program.refresh_from_db()


def _differs(row, fields: dict) -> bool:
    return any(getattr(row, key) != value for key, value in fields.items())
