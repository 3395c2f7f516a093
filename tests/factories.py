"""factory_boy factories for every model. Names in several scripts on purpose."""

from datetime import date, timedelta

import factory
from django.conf import settings
from django.utils import timezone

from accounts.models import Invitation, Organisation, User
from hospitals.models import Department, Hospital, Partnership, Supervisor
from programs.models import Program, RotationSite
from reference.models import Specialty
from trainees.models import Document, DocumentReview, TraineeProfile

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Host Organisation {n}")
    name_native = factory.Sequence(lambda n: f"주최 기관 {n}")
    kind = Organisation.Kind.HOST
    country = "KR"
    city = "Suwon"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Ivan"
    last_name = factory.Sequence(lambda n: f"Petrov{n}")
    native_name = factory.Sequence(lambda n: f"Иван Петров{n}")
    privacy_notice_version = factory.LazyFunction(lambda: settings.PRIVACY_NOTICE_VERSION)
    privacy_notice_accepted_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Mark the e-mail address verified for allauth (default: yes)."""
        self.save()
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class CoordinatorFactory(UserFactory):
    first_name = "Minji"
    native_name = factory.Sequence(lambda n: f"김민지{n}")
    coordinator_of = factory.SubFactory(OrganisationFactory)


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Specialty {n}")
    slug = factory.Sequence(lambda n: f"specialty-{n}")


class HospitalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hospital

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"General Hospital {n}")
    name_native = factory.Sequence(lambda n: f"종합병원 {n}")
    city = "Bucheon"
    country = "KR"
    kind = Hospital.Kind.GENERAL
    latitude = factory.Faker("pydecimal", left_digits=2, right_digits=6, min_value=33, max_value=38)
    longitude = factory.Faker(
        "pydecimal", left_digits=3, right_digits=6, min_value=126, max_value=129
    )


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    hospital = factory.SubFactory(HospitalFactory)
    specialty = factory.SubFactory(SpecialtyFactory)
    name = factory.Sequence(lambda n: f"Department {n}")
    capacity = 2


class SupervisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervisor

    user = factory.SubFactory(UserFactory, first_name="Jisoo", native_name="이지수")
    department = factory.SubFactory(DepartmentFactory)
    title = "Professor"
    max_trainees = 2


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    host = factory.SubFactory(OrganisationFactory)
    partner = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.MINISTRY, country="RU", name_native="Минздрав"
    )
    title = factory.Sequence(lambda n: f"Medical cooperation agreement {n}")
    signed_on = date(2011, 3, 1)
    expires_on = date(2031, 3, 1)
    yearly_quota = 10


def _future(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Program.Kind.COHORT_ROTATION
    status = Program.Status.DRAFT
    title = factory.Sequence(lambda n: f"Clinical training program {n}")
    summary = "Four weeks of rotations in advanced surgery."
    description = "Ward rounds, case discussions and observed operations."
    application_opens = factory.LazyFunction(lambda: _future(-10))
    application_closes = factory.LazyFunction(lambda: _future(60))
    start_date = factory.LazyFunction(lambda: _future(120))
    end_date = factory.LazyFunction(lambda: _future(147))
    seats = 10
    working_language = "en"
    min_language_level = "B1"
    required_documents = factory.LazyFunction(lambda: ["passport", "diploma", "cv"])

    @factory.post_generation
    def specialties(self, create, extracted, **kwargs):
        if create and extracted:
            self.specialties.set(extracted)


class PublishedProgramFactory(ProgramFactory):
    status = Program.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class RotationSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RotationSite

    program = factory.SubFactory(ProgramFactory)
    department = factory.SubFactory(
        DepartmentFactory,
        hospital__organisation=factory.SelfAttribute("...program.organisation"),
    )
    start_date = factory.LazyAttribute(lambda o: o.program.start_date)
    end_date = factory.LazyAttribute(lambda o: o.program.end_date)
    capacity = 2


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Invitation.Role.COORDINATOR
    invited_by = factory.SubFactory(
        CoordinatorFactory, coordinator_of=factory.SelfAttribute("..organisation")
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class TraineeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TraineeProfile

    user = factory.SubFactory(UserFactory)
    date_of_birth = date(1988, 4, 12)
    sex = "M"
    nationality = "RU"
    passport_number = factory.Sequence(lambda n: f"75 {1000000 + n}")
    current_hospital = "Vladivostok Clinical Hospital No. 2"
    current_position = "Surgeon"
    years_of_practice = 8
    phone = "+7 423 222 33 44"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    owner = factory.SubFactory(UserFactory)
    type = "passport"
    file = factory.django.FileField(filename="document.pdf", data=PDF_BYTES)
    extension = ".pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3650))


class DocumentReviewFactory(factory.django.DjangoModelFactory):
    """One organisation's verdict on a document (verified unless told otherwise)."""

    class Meta:
        model = DocumentReview

    document = factory.SubFactory(DocumentFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = DocumentReview.Status.VERIFIED


def make_ready_to_apply(trainee: User, program: Program | None = None) -> User:
    """Give a trainee what submitting needs: profile essentials and the program's documents
    (every uploadable type when no program is given)."""
    from trainees.selectors import NOT_UPLOADED

    if not TraineeProfile.objects.filter(user=trainee).exists():
        TraineeProfileFactory(user=trainee)
    required = program.required_documents if program else ["passport", "diploma", "cv"]
    for code in required:
        if code in NOT_UPLOADED:
            continue
        if not Document.objects.filter(owner=trainee, type=code, is_current=True).exists():
            DocumentFactory(owner=trainee, type=code)
    return trainee
