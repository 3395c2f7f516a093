"""Hospitals of the organisation under test and of another one; files go to a temp dir."""

import pytest
from django.core.files.base import ContentFile

from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    OrganisationFactory,
    PartnershipFactory,
    SpecialtyFactory,
)
from tests.hospitals.uploads import PDF_BYTES


@pytest.fixture
def specialty(db):
    return SpecialtyFactory(name="Neurosurgery", slug="neurosurgery")


@pytest.fixture
def myongji(organisation):
    return HospitalFactory(
        organisation=organisation, name="Myongji Hospital", name_native="명지병원", city="Goyang"
    )


@pytest.fixture
def other_hospital(other_organisation):
    return HospitalFactory(organisation=other_organisation, name="Sana Klinikum", country="DE")


@pytest.fixture
def other_department(other_hospital):
    return DepartmentFactory(hospital=other_hospital, name="Orthopedics")


@pytest.fixture
def partner(db):
    return OrganisationFactory(
        name="Ministry of Health of Primorsky Krai",
        name_native="Минздрав Приморского края",
        kind="ministry",
        country="RU",
    )


@pytest.fixture
def partnership(organisation, partner):
    return PartnershipFactory(host=organisation, partner=partner, title="Primorsky agreement")


@pytest.fixture
def partnership_with_pdf(partnership):
    partnership.agreement.save("agreement.pdf", ContentFile(PDF_BYTES))
    return partnership


@pytest.fixture
def other_partnership(other_organisation, partner):
    return PartnershipFactory(host=other_organisation, partner=partner)


@pytest.fixture
def hospital_data():
    """A valid hospital form submission; tests override one field to break one rule."""
    return {
        "name": "Bucheon Sejong Hospital",
        "name_native": "부천세종병원",
        "city": "Bucheon",
        "country": "KR",
        "kind": "specialty",
        "grade": "",
        "beds": "300",
        "international_office_name": "Kim Jiyoung",
        "international_office_email": "intl@sejong.example.org",
        "international_office_phone": "+82 32 340 1114",
        "latitude": "37.486000",
        "longitude": "126.794000",
        "description": "",
    }
