"""People (with their verified e-mail address and, for the demo logins, the demo
password), their supervisor roles, open invitations, and stand-in heads of department."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from accounts.models import Invitation, User
from demo import data
from demo.seeding.world import World
from hospitals.models import Department, Supervisor


def seed_people(world: World) -> None:
    for row in data.PEOPLE:
        superuser = row.get("superuser", False)
        coordinator_of = row.get("coordinator_of")
        user, created = User.objects.update_or_create(
            email=row["email"],
            defaults={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "native_name": row["native_name"],
                "language": row["language"],
                "time_zone": row["time_zone"],
                "coordinator_of": world.organisations[coordinator_of] if coordinator_of else None,
                "is_staff": superuser,
                "is_superuser": superuser,
                # Demo people are fictional: they start on the current notice.
                "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
                "privacy_notice_accepted_at": timezone.now(),
            },
        )
        if row.get("login"):
            if not user.check_password(data.DEMO_PASSWORD):
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
        elif created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        world.people[user.email] = user


def seed_supervisors(world: World) -> None:
    for row in data.PEOPLE:
        for hospital, specialty, title, max_trainees in row.get("supervises", []):
            Supervisor.objects.update_or_create(
                user=world.people[row["email"]],
                department=world.hospitals[hospital].departments.get(specialty__slug=specialty),
                defaults={"title": title, "max_trainees": max_trainees},
            )


def seed_invitations(world: World) -> None:
    for row in data.INVITATIONS:
        invitation, created = Invitation.objects.get_or_create(
            organisation=world.organisations[row["organisation"]],
            email=row["email"],
            role=row["role"],
            defaults={
                "invited_by": world.people[row["invited_by"]],
                "max_trainees": row["max_trainees"],
            },
        )
        if created:
            invitation.departments.set(
                world.hospitals[hospital].departments.get(specialty__slug=specialty)
                for hospital, specialty in row["departments"]
            )


def ensure_department_supervisors(program) -> None:
    """A head of department (no login) for each of the program's departments that has no
    supervisor yet, so its rotation can be planned and sent."""
    departments = (
        Department.objects.filter(rotation_sites__program=program, supervisors__isnull=True)
        .distinct()
        .order_by("pk")
    )
    names = iter(data.EXTRA_SUPERVISORS)
    for department in departments:
        first, last, native = next(names, ("Demo", f"Supervisor{department.pk}", ""))
        user, created = User.objects.get_or_create(
            email=f"{first}.{last}@demo.exchange-portal.org".lower(),
            defaults={
                "first_name": first,
                "last_name": last,
                "native_name": native,
                "language": "ko",
                "time_zone": "Asia/Seoul",
                "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
                "privacy_notice_accepted_at": timezone.now(),
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Supervisor.objects.get_or_create(
            user=user,
            department=department,
            defaults={"title": "Head of department", "max_trainees": 3},
        )
