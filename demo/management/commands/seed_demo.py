"""`manage.py seed_demo`: load the demo world of `demo.data` into the database (see
`demo.seeding`); idempotent, a rerun updates the demo in place and creates nothing new."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from demo import data
from demo.seeding import seed_demo
from hospitals.models import Department, Hospital, Partnership, Supervisor
from programs.models import Program, RotationSite
from reference.models import Specialty


class Command(BaseCommand):
    help = "Create or refresh the demo data (real institutions from the seeds, invented people)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            seed_demo(today=timezone.localdate())

        self.stdout.write(self.style.SUCCESS("Demo data is in place:"))
        for label, model in [
            ("specialties", Specialty),
            ("organisations", Organisation),
            ("hospitals", Hospital),
            ("departments", Department),
            ("people", User),
            ("supervisors", Supervisor),
            ("partnerships", Partnership),
            ("programs", Program),
            ("rotation sites", RotationSite),
        ]:
            self.stdout.write(f"  {model.objects.count():>4} {label}")

        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Demo logins (password: {data.DEMO_PASSWORD})")
        )
        logins = [person for person in data.PEOPLE if person.get("login")]
        width = max(len(person["email"]) for person in logins)
        for person in logins:
            self.stdout.write(f"  {person['email']:<{width}}  →  {person['login']}")
