import time
from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application
from hospitals.models import Supervisor
from tests.applications.conftest import ApplicationFactory
from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SpecialtyFactory,
    TraineeProfileFactory,
    UserFactory,
)


@pytest.fixture
def cohort(coordinator):
    return make_cohort(coordinator)


def make_cohort(coordinator):
    """A four-week cohort program over two departments (capacity 2 each), each with one
    supervisor who takes at most 2 trainees."""
    organisation = coordinator.coordinator_of
    start = timezone.localdate() + timedelta(days=120)
    program = PublishedProgramFactory(
        organisation=organisation,
        title="Gyeonggi cohort",
        start_date=start,
        end_date=start + timedelta(days=27),
        seats=6,
    )
    neurosurgery, urology = SpecialtyFactory(name="Neurosurgery"), SpecialtyFactory(name="Urology")
    sites, supervisors = [], []
    for specialty, hospital_name, person in (
        (neurosurgery, "Myongji Hospital", ("Jisoo", "Lee", "이지수")),
        (urology, "Bucheon St. Mary's", ("Hyunsoo", "Jung", "정현수")),
    ):
        department = DepartmentFactory(
            hospital=HospitalFactory(organisation=organisation, name=hospital_name),
            specialty=specialty,
            name=specialty.name,
            capacity=2,
        )
        sites.append(
            RotationSiteFactory(
                program=program,
                department=department,
                start_date=program.start_date,
                end_date=program.end_date,
                capacity=2,
            )
        )
        program.specialties.add(specialty)
        user = UserFactory(first_name=person[0], last_name=person[1], native_name=person[2])
        supervisors.append(
            Supervisor.objects.create(user=user, department=department, max_trainees=2)
        )
    return {"program": program, "sites": sites, "supervisors": supervisors}


def shortlisted(program, *, specialty=None, name="Petrov", preferences=()):
    from applications.models import Preference

    trainee = UserFactory(last_name=name)
    TraineeProfileFactory(user=trainee, specialty=specialty)
    application = ApplicationFactory(program=program, trainee=trainee)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SHORTLISTED)
    application.refresh_from_db()
    for rank, site in enumerate(preferences, 1):
        Preference.objects.create(application=application, rank=rank, rotation_site=site)
    return application


def pause_after(function, seconds: float = 0.5):
    """Test-only: `function`, then a pause — the window between a check and the write that
    follows, widened so that a concurrency test's negative control sees the race."""

    def slow(*args, **kwargs):
        result = function(*args, **kwargs)
        time.sleep(seconds)
        return result

    return slow
