import factory
import pytest
from django.utils import timezone

from applications.models import Application, Offer, Preference, StatusChange
from tests.factories import (
    PublishedProgramFactory,
    RotationSiteFactory,
    UserFactory,
    make_ready_to_apply,
)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    program = factory.SubFactory(PublishedProgramFactory)
    trainee = factory.SubFactory(UserFactory)
    motivation = "I want to learn minimally invasive spine surgery."


def put_in_status(application: Application, status: str, *, by=None) -> Application:
    """Test set-up only: place an application in a status directly (with an offer when the
    status needs one)."""
    Application.objects.filter(pk=application.pk).update(status=status)
    application.status = status
    if status == Application.Status.OFFERED:
        Offer.objects.create(
            application=application,
            deadline=timezone.now() + timezone.timedelta(days=7),
            made_by=by or application.program.organisation.coordinators.first(),
        )
    if status == Application.Status.SHORTLISTED:
        StatusChange.objects.create(
            application=application, from_status="submitted", to_status=status
        )
    if status in (Application.Status.SHORTLISTED, Application.Status.OFFERED):
        approve_schedule(application)
    return application


def approve_schedule(application: Application):
    """Test set-up only: an approved placement at the program's first rotation site, so that
    an offer may go out (offers need every placement approved)."""
    from placements.models import Placement

    site = application.program.rotation_sites.select_related("department").first()
    if site is None or application.placements.exists():
        return None
    return Placement.objects.create(
        application=application,
        rotation_site=site,
        department=site.department,
        start_date=site.start_date,
        end_date=site.end_date,
        status=Placement.Status.APPROVED,
    )


@pytest.fixture
def program(coordinator):
    site = RotationSiteFactory(
        program=PublishedProgramFactory(organisation=coordinator.coordinator_of, seats=3)
    )
    site.program.specialties.add(site.department.specialty)
    return site.program


@pytest.fixture
def draft(program, trainee):
    make_ready_to_apply(trainee, program)
    application = ApplicationFactory(program=program, trainee=trainee)
    Preference.objects.create(
        application=application, rank=1, rotation_site=program.rotation_sites.first()
    )
    return application
