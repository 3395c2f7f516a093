"""Visa lead times, and the accepted trainees' visas, arrivals and pickups, through the travel
services (so each has its history); rerunning changes nothing and mails nobody again."""

from __future__ import annotations

from datetime import time, timedelta

from applications.models import Application
from demo import data
from demo.seeding.world import World
from travel import services
from travel.models import Pickup, VisaLeadTime


def seed_travel(world: World) -> None:
    for host, nationality, days, margin, notes in data.VISA_LEAD_TIMES:
        VisaLeadTime.objects.update_or_create(
            host_country=host,
            nationality=nationality,
            defaults={"days": days, "margin_days": margin, "notes": notes},
        )
    for row in data.TRAVEL:
        application = (
            Application.objects.filter(
                trainee=world.people[row["trainee"]], status=Application.Status.ACCEPTED
            )
            .select_related("program__organisation", "trainee")
            .first()
        )
        if application is None:
            continue
        _seed_one(application, row)


def _day(application: Application, offset: int | None):
    return None if offset is None else application.program.start_date + timedelta(days=offset)


def _seed_one(application: Application, row: dict) -> None:
    trainee = application.trainee
    coordinator = application.program.organisation.coordinators.order_by("pk").first()
    visa = row["visa"]
    services.visa_save(
        application=application,
        by=trainee,
        data={
            "status": visa["status"],
            **{k: _day(application, v) for k, v in visa.items() if k != "status"},
        },
    )
    if "arrival" not in row:
        return
    given = dict(row["arrival"])
    given["day"] = _day(application, given["day"])
    given["clock"] = time.fromisoformat(given["clock"])
    services.arrival_save(application=application, by=trainee, given=services.ArrivalInput(**given))
    person = row["pickup"]
    pickup = Pickup.objects.filter(application=application).first()
    if pickup is None or pickup.email != person["person"]:
        pickup = services.pickup_assign(
            application=application,
            by=coordinator,
            data={**person, "email": person["person"]},
        )
    if person.get("confirm") and pickup.status != Pickup.Status.CONFIRMED:
        services.pickup_answer(pickup=pickup, confirm=True, note=person["confirm"])
