"""Applications, through the same services as in the product, so each has its history;
an application that exists is left as it is."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from applications import referees, services
from applications.models import Application
from demo import data
from demo.seeding.documents import placeholder_pdf
from demo.seeding.placements import schedule_and_approve
from demo.seeding.world import World
from programs.models import Program


def seed_applications(world: World) -> None:
    programs = {
        key: _application_program(world, organisation, title)
        for key, (organisation, title) in data.APPLICATION_PROGRAMS.items()
    }
    for row in data.APPLICATIONS:
        program = programs[row["program"]]
        trainee = world.people[row["trainee"]]
        if program is None or Application.objects.filter(program=program, trainee=trainee):
            continue
        coordinator = program.organisation.coordinators.order_by("pk").first()
        application = services.application_start(program=program, trainee=trainee)
        specialty = next(
            (p.get("specialty") for p in data.PEOPLE if p["email"] == row["trainee"]), None
        )
        sites = list(program.rotation_sites.select_related("department__specialty"))
        if program.kind == Program.Kind.COHORT_ROTATION:
            ranked = sorted(sites, key=lambda s: s.department.specialty.slug != specialty)
            services.application_save_draft(
                application=application,
                by=trainee,
                motivation=data.MOTIVATION,
                rotation_sites=ranked[:3],
            )
        else:
            services.application_save_draft(
                application=application,
                by=trainee,
                motivation=data.MOTIVATION,
                specialties=list(program.specialties.all())[:2],
            )
        if "nomination" in program.required_documents or row["status"] != "draft":
            seed_letter(application, trainee)
        for status, actor in data.APPLICATION_PATHS[row["status"]]:
            by = trainee if actor == "trainee" else coordinator
            if status == "offered":
                schedule_and_approve(application, coordinator)
                services.offer_make(application=application, by=by)
            else:
                services.application_transition(
                    application=application,
                    to=status,
                    by=by,
                    reason="Demo data (seed_demo)" if status == "rejected" else "",
                )


def _application_program(world: World, organisation: str, title: str) -> Program | None:
    """The edition named by `title` for next year, or else the latest published one."""
    return (
        Program.objects.filter(
            organisation=world.organisations[organisation],
            title=title.format(year=world.today.year + 1),
        ).first()
        or Program.objects.filter(
            organisation=world.organisations[organisation],
            status=Program.Status.PUBLISHED,
            title__startswith=title.split("{")[0],
        )
        .order_by("-start_date")
        .first()
    )


def seed_letter(application: Application, trainee) -> None:
    """A nomination letter from the regional ministry of health (as in seed 002), asked
    for and uploaded through the same services as in the product."""
    request = referees.referee_request_create(
        application=application,
        by=trainee,
        kind="nomination",
        name="International Department, Ministry of Health",
        email=f"nomination+{trainee.pk}@demo.exchange-portal.org",
        organisation="Regional Ministry of Health",
    )
    referees.referee_letter_upload(
        request=request,
        file=SimpleUploadedFile("nomination.pdf", placeholder_pdf("nomination letter", trainee)),
    )
