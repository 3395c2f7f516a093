from datetime import timedelta
from decimal import Decimal

import pytest

from accommodation.models import Availability, Bed, Provider
from applications.models import Application
from tests.placements.conftest import make_cohort, shortlisted

AJOU = (Decimal("37.279600"), Decimal("127.047000"))  # Ajou University Hospital, Suwon


@pytest.fixture
def housing(coordinator):
    return make_housing(coordinator)


def make_housing(coordinator):
    """A cohort program whose hospitals are in Suwon, a dormitory with two beds (one women
    only) next to them, and an apartment 30 km away."""
    data = make_cohort(coordinator)
    program = data["program"]
    for number, site in enumerate(data["sites"]):
        hospital = site.department.hospital
        hospital.latitude, hospital.longitude = AJOU
        hospital.name = "Ajou University Hospital" + (f" (building {number})" if number else "")
        hospital.save()
    dorm = Provider.objects.create(
        organisation=coordinator.coordinator_of,
        name="Ajou dormitory",
        name_native="아주대 기숙사",
        kind="dormitory",
        address="164 World cup-ro",
        city="Suwon",
        latitude=Decimal("37.281000"),
        longitude=Decimal("127.045000"),
        contact_name="Mrs Yoon",
        contact_email="dorm@example.kr",
        house_rules="Quiet after 22:00.",
    )
    far = Provider.objects.create(
        organisation=coordinator.coordinator_of,
        name="Seoul apartment",
        kind="apartment",
        address="1 Sejong-daero",
        city="Seoul",
        latitude=Decimal("37.566500"),
        longitude=Decimal("126.978000"),
        contact_name="Mr Lee",
        contact_email="flat@example.kr",
    )
    window = (program.start_date - timedelta(days=10), program.end_date + timedelta(days=10))
    beds = []
    for provider, label, policy, price in (
        (dorm, "Room 1", "any", "30000"),
        (dorm, "Room 2", "women", "30000"),
        (far, "Flat", "any", "20000"),
    ):
        bed = Bed.objects.create(
            provider=provider, label=label, gender_policy=policy, price_per_night=Decimal(price)
        )
        Availability.objects.create(bed=bed, start=window[0], end=window[1])
        beds.append(bed)
    return {**data, "dorm": dorm, "far": far, "beds": beds}


def accepted_trainee(program, *, sex="M", name="Petrov"):
    application = shortlisted(program, name=name)
    profile = application.trainee.trainee_profile
    profile.sex = sex
    profile.save()
    Application.objects.filter(pk=application.pk).update(status=Application.Status.ACCEPTED)
    application.refresh_from_db()
    return application
