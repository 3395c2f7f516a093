"""List pages cost the same number of queries at 5 rows and at 200 rows (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProgramFactory,
    SpecialtyFactory,
    SupervisorFactory,
)


def add_hospitals(organisation, count):
    for hospital in HospitalFactory.create_batch(count, organisation=organisation):
        DepartmentFactory(hospital=hospital)


def add_supervisors(organisation, count):
    hospital = HospitalFactory(organisation=organisation)
    for _ in range(count):
        SupervisorFactory(department=DepartmentFactory(hospital=hospital))


def add_partnerships(organisation, count):
    partner = OrganisationFactory(kind="sending")
    PartnershipFactory.create_batch(count, host=organisation, partner=partner)


def add_specialties(organisation, count):
    program = ProgramFactory(organisation=organisation)
    for specialty in SpecialtyFactory.create_batch(count):
        DepartmentFactory(specialty=specialty)
        program.specialties.add(specialty)


LISTS = {
    "hospitals:hospital_list": add_hospitals,
    "hospitals:supervisor_list": add_supervisors,
    "hospitals:partnership_list": add_partnerships,
    "hospitals:specialty_list": add_specialties,
}


def count_queries(http, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url, {"ordering": "-name"} if "hospital_list" in url else {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_a_list_page_costs_the_same_queries_at_5_and_200_rows(
    url_name, coordinator, organisation, client_for
):
    http = client_for(coordinator)
    url = reverse(url_name)
    add_rows = LISTS[url_name]

    add_rows(organisation, 5)
    at_five = count_queries(http, url)
    add_rows(organisation, 195)
    at_two_hundred = count_queries(http, url)

    assert len(http.get(url).context["rows"]) == 25  # a full page is really rendered
    assert at_two_hundred == at_five
