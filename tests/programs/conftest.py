"""Programs of the organisation under test and of another one, with rotation sites."""

import pytest

from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    ProgramFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SpecialtyFactory,
)


@pytest.fixture
def specialty(db):
    return SpecialtyFactory(name="Neurosurgery", slug="neurosurgery")


@pytest.fixture
def draft_program(organisation, specialty):
    """A draft of the organisation under test, ready to publish except for its sites."""
    return ProgramFactory(organisation=organisation, specialties=[specialty])


@pytest.fixture
def publishable_program(draft_program, department):
    RotationSiteFactory(program=draft_program, department=department)
    return draft_program


@pytest.fixture
def myongji(organisation):
    return HospitalFactory(
        organisation=organisation, name="Myongji Hospital", name_native="명지병원", city="Goyang"
    )


@pytest.fixture
def published_program(organisation, specialty, myongji):
    """Published, applications open, rotating at Myongji Hospital in Korea."""
    program = PublishedProgramFactory(
        organisation=organisation, title="Gyeonggi cohort rotation", specialties=[specialty]
    )
    RotationSiteFactory(
        program=program, department=DepartmentFactory(hospital=myongji, name="Neurosurgery")
    )
    return program


@pytest.fixture
def other_program(other_organisation):
    """A draft of another organisation: never visible to our coordinator."""
    return ProgramFactory(organisation=other_organisation)


@pytest.fixture
def program_data(specialty):
    """A valid program form submission; tests override one field to break one rule."""
    return {
        "kind": "cohort_rotation",
        "title": "Advanced spine surgery",
        "summary": "Four weeks in the spine centre.",
        "description": "Ward rounds and operations.",
        "start_date": "2031-05-26",
        "end_date": "2031-06-21",
        "application_opens": "2031-01-10",
        "application_closes": "2031-03-31",
        "seats": "10",
        "specialties": [str(specialty.pk)],
        "working_language": "en",
        "min_language_level": "B1",
        "language_notes": "Interpreters provided.",
        "required_documents": ["passport", "diploma"],
        "covers_housing": "on",
        "fee": "0",
        "currency": "usd",
        "cost_notes": "",
    }
