"""Pages run the same number of queries with 5 programs as with 200 (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs import views, views_catalog
from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SpecialtyFactory,
)


def add_programs(organisation, count):
    specialties = [SpecialtyFactory(), SpecialtyFactory()]
    hospital = HospitalFactory(organisation=organisation)
    departments = DepartmentFactory.create_batch(2, hospital=hospital)
    for _ in range(count):
        program = PublishedProgramFactory(organisation=organisation, specialties=specialties)
        for department in departments:
            RotationSiteFactory(program=program, department=department)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_catalog_list_query_count_does_not_grow_with_programs(client, organisation, monkeypatch):
    monkeypatch.setattr(views_catalog, "CATALOG_PAGE_SIZE", 500)
    url = reverse("catalog:list")
    add_programs(organisation, 5)
    small, response = count_queries(client, url)
    assert len(response.context["cards"]) == 5
    add_programs(organisation, 195)
    large, response = count_queries(client, url)
    assert len(response.context["cards"]) == 200
    assert small == large


def test_coordinator_program_list_query_count_does_not_grow_with_programs(
    client_for, coordinator, organisation, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 500)
    client = client_for(coordinator)
    url = reverse("programs:program_list")
    add_programs(organisation, 5)
    small, _ = count_queries(client, url)
    add_programs(organisation, 195)
    large, response = count_queries(client, url)
    assert len(response.context["programs"]) == 200
    assert small == large


def test_catalog_detail_query_count_does_not_grow_with_rotation_sites(client, organisation):
    program = PublishedProgramFactory(organisation=organisation)
    hospital = HospitalFactory(organisation=organisation)
    RotationSiteFactory(program=program, department__hospital=hospital)
    url = reverse("catalog:detail", args=[program.pk])
    small, _ = count_queries(client, url)
    for department in DepartmentFactory.create_batch(20, hospital=hospital):
        RotationSiteFactory(program=program, department=department)
    large, _ = count_queries(client, url)
    assert small == large
