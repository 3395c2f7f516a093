"""Specialties, organisations with their hospitals and departments, and partnerships."""

from __future__ import annotations

from accounts.models import Organisation
from demo import data
from demo.seeding.world import World
from hospitals import services as hospital_services
from hospitals.models import Department, Hospital, Partnership
from reference.models import Specialty

# The hospital form's fields but the name, the natural key (with the organisation).
HOSPITAL_FIELDS = [field for field in hospital_services.HOSPITAL_FIELDS if field != "name"]
HOSPITAL_DEFAULTS = {"grade": "", "beds": None, "description": ""} | {
    f"international_office_{part}": "" for part in ("name", "email", "phone")
}


def seed_specialties(world: World) -> None:
    for slug, name in data.SPECIALTIES.items():
        world.specialties[slug], _ = Specialty.objects.update_or_create(
            slug=slug, defaults={"name": name}
        )


def seed_organisations(world: World) -> None:
    for row in data.ORGANISATIONS:
        world.organisations[row["name"]], _ = Organisation.objects.update_or_create(
            name=row["name"],
            country=row["country"],
            defaults={key: row[key] for key in ("name_native", "kind", "city", "time_zone")}
            | {"letter_language": row.get("letter_language", "")},
        )


def seed_hospitals(world: World) -> None:
    for row in data.HOSPITALS:
        row = HOSPITAL_DEFAULTS | row
        hospital, _ = Hospital.objects.update_or_create(
            organisation=world.organisations[row["organisation"]],
            name=row["name"],
            defaults={key: row[key] for key in HOSPITAL_FIELDS if key in row},
        )
        world.hospitals[hospital.name] = hospital
        for department in row["departments"]:
            Department.objects.update_or_create(
                hospital=hospital,
                name=department["name"],
                defaults={
                    "specialty": world.specialties[department["specialty"]],
                    "capacity": department["capacity"],
                },
            )


def seed_partnerships(world: World) -> None:
    for row in data.PARTNERSHIPS:
        Partnership.objects.update_or_create(
            host=world.organisations[row["host"]],
            partner=world.organisations[row["partner"]],
            title=row["title"],
            defaults={
                "signed_on": row["signed_on"],
                "expires_on": row.get("expires_on"),
                "yearly_quota": row.get("yearly_quota"),
                "notes": row.get("notes", ""),
            },
        )
