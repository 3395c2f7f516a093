"""Load the demo world of `demo.data` into the database.

Idempotent: every row is keyed on its natural key (get_or_create / update_or_create), so
running it again updates the demo in place and creates nothing new. Programs, applications,
profiles, placements and housing go through the same services as in the product, so each
has its history; program statuses change only through `program_transition`.
"""

from __future__ import annotations

from datetime import date

from demo.seeding.applications import seed_applications
from demo.seeding.housing import seed_housing
from demo.seeding.organisations import (
    seed_hospitals,
    seed_organisations,
    seed_partnerships,
    seed_specialties,
)
from demo.seeding.people import seed_invitations, seed_people, seed_supervisors
from demo.seeding.placements import seed_pending_schedules
from demo.seeding.programs import seed_programs
from demo.seeding.trainees import seed_trainee_profiles
from demo.seeding.travel import seed_travel
from demo.seeding.world import World

STEPS = [
    seed_specialties,
    seed_organisations,
    seed_hospitals,
    seed_people,
    seed_supervisors,
    seed_partnerships,
    seed_programs,
    seed_invitations,
    seed_trainee_profiles,
    seed_applications,
    seed_pending_schedules,
    seed_housing,
    seed_travel,
]


def seed_demo(*, today: date) -> World:
    """One pass over `demo.data`, in order; each step reads what the earlier ones keep."""
    world = World(today=today)
    for step in STEPS:
        step(world)
    return world
