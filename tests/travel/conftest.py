"""A host in Seoul, a published program and Tanya's accepted application, her profile with
a photo and phone; a Russian nationality as in the Gyeonggi cohort."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile

from applications.models import Application
from programs.models import Program
from tests.factories import PublishedProgramFactory, TraineeProfileFactory, UserFactory
from tests.hospitals.uploads import image_bytes
from tests.time_zones import set_time_zone


@pytest.fixture
def program(organisation):
    set_time_zone(organisation, "Asia/Seoul")
    return PublishedProgramFactory(organisation=organisation)


def accepted(program: Program, trainee=None, **profile) -> Application:
    trainee = trainee or UserFactory()
    if not hasattr(trainee, "trainee_profile"):
        TraineeProfileFactory(
            user=trainee, photo=ContentFile(image_bytes(fmt="JPEG"), name="p.jpg"), **profile
        )
    return Application.objects.create(
        program=program, trainee=trainee, status=Application.Status.ACCEPTED
    )


@pytest.fixture
def application(program, trainee):
    return accepted(program, trainee)


def move_start(program: Program, start) -> None:
    Program.objects.filter(pk=program.pk).update(
        application_opens=start - timedelta(days=200),
        application_closes=start - timedelta(days=60),
        start_date=start,
        end_date=start + timedelta(days=27),
    )
    program.refresh_from_db()
