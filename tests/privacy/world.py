"""One person with everything the portal can hold about them, made through the services
where the portal makes it (so notifications carry their name as in real use)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from accommodation.models import Bed, HousingRequest, Provider, Stay
from accounts.models import User
from applications import services as applications
from applications.models import Application, Preference, RefereeRequest
from hospitals.models import Supervisor
from letters.models import InvitationLetter
from placements.models import Placement, TrainingPlan
from tests.factories import (
    CoordinatorFactory,
    DepartmentFactory,
    DocumentFactory,
    OrganisationFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SpecialtyFactory,
    SupervisorFactory,
    TraineeProfileFactory,
    UserFactory,
)
from tests.hospitals.uploads import image_bytes
from trainees.models import DocumentDownload, LanguageSkill

PDF = b"%PDF-1.4\n%%EOF\n"
IVAN = {
    "email": "ivan.petrov@example.ru",
    "first_name": "Ivan",
    "last_name": "Petrov",
    "native_name": "Иван Петров",
}
PASSPORT = "75 4455667"
PHONE = "+7 914 555 01 02"
EMERGENCY_PHONE = "+7 914 555 09 08"


def coordinator_of(organisation) -> User:
    return CoordinatorFactory(
        email=f"coordinator{organisation.pk}@example.kr",
        first_name="Minji",
        last_name="Kim",
        native_name="김민지",
        coordinator_of=organisation,
    )


def make_person(organisation=None, coordinator=None) -> dict:
    """Ivan Petrov (Иван Петров), applicant to `organisation`'s program, with a profile,
    photo, languages, documents (one downloaded by the coordinator), an application moved by
    the coordinator, a placement, housing with a stay, a visa letter and a referee letter."""
    organisation = organisation or OrganisationFactory(name="Seoul Host", name_native="서울")
    coordinator = coordinator or coordinator_of(organisation)
    person = UserFactory(**IVAN)
    specialty = SpecialtyFactory(name="Cardiology", slug="cardiology")
    profile = TraineeProfileFactory(
        user=person,
        passport_number=PASSPORT,
        phone=PHONE,
        emergency_contact_name="Мария Петрова",
        emergency_contact_phone=EMERGENCY_PHONE,
        emergency_contact_relation="wife",
        specialty=specialty,
        photo=ContentFile(image_bytes(fmt="JPEG"), name="p.jpg"),
    )
    LanguageSkill.objects.create(profile=profile, language="ru", level="C2")
    program = PublishedProgramFactory(organisation=organisation, required_documents=["passport"])
    department = DepartmentFactory(hospital__organisation=organisation)
    site = RotationSiteFactory(program=program, department=department)
    passport = DocumentFactory(owner=person, type="passport")
    DocumentFactory(owner=person, type="diploma")
    DocumentDownload.objects.create(document=passport, by=coordinator, ip="10.0.0.1")
    application = applications.application_start(program=program, trainee=person)
    application.motivation = "I, Ivan Petrov, want to learn cardiac surgery."
    application.save()
    Preference.objects.create(application=application, rank=1, rotation_site=site)
    application = applications.application_transition(
        application=application, to="submitted", by=person
    )
    application = applications.application_transition(
        application=application, to="under_review", by=coordinator, reason="Petrov looks strong"
    )
    applications.comment_add(application=application, by=coordinator, text="Call Ivan Petrov")
    supervisor = SupervisorFactory(
        department=department, user__email="sup@example.kr", user__last_name="Park"
    )
    placement = Placement.objects.create(
        application=application,
        rotation_site=site,
        department=department,
        supervisor=Supervisor.objects.get(pk=supervisor.pk),
        start_date=site.start_date,
        end_date=site.end_date,
        status=Placement.Status.PROPOSED,
    )
    TrainingPlan.objects.create(placement=placement, summary="Ivan Petrov assists in surgery.")
    provider = Provider.objects.create(
        organisation=organisation,
        name="Dormitory",
        kind="dormitory",
        address="1 Road",
        city="Suwon",
        latitude=37.28,
        longitude=127.04,
        contact_name="Yoon",
        contact_email="dorm@example.kr",
    )
    bed = Bed.objects.create(provider=provider, label="Room 1", price_per_night=1)
    housing = HousingRequest.objects.create(
        application=application,
        start=program.start_date,
        end=program.end_date,
        budget_per_night=1,
        notes="Ivan Petrov arrives with his wife",
    )
    stay = Stay.objects.create(
        request=housing, bed=bed, start=housing.start, end=housing.end, status="confirmed"
    )
    letter = InvitationLetter.objects.create(
        application=application,
        pdf=ContentFile(PDF, name="letter.pdf"),
        details={"name": "Ivan Petrov", "native": "Иван Петров", "passport": PASSPORT},
        details_hash="x",
    )
    referee = RefereeRequest.objects.create(
        application=application,
        name="Dr Sidorov",
        email="sidorov@example.ru",
        received_at=timezone.now(),
    )
    referee.letter.save("r.pdf", ContentFile(PDF))
    return {
        "person": User.objects.get(pk=person.pk),
        "profile": profile,
        "organisation": organisation,
        "coordinator": coordinator,
        "program": program,
        "application": Application.objects.get(pk=application.pk),
        "placement": placement,
        "housing": housing,
        "stay": stay,
        "letter": letter,
        "referee": referee,
        "specialty": specialty,
    }


def stored_files(world: dict) -> list:
    """(storage, name) of every file of the person."""
    person = world["person"]
    profile = world["profile"]
    files = [profile.photo, world["letter"].pdf, world["referee"].letter]
    files += [d.file for d in person.documents.all()]
    return [(f.storage, f.name) for f in files if f]
