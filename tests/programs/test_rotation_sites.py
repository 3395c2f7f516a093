"""Rotation sites: a department of the organisation's own hospitals, for a period inside
the program, with a capacity of zero or more."""

from datetime import timedelta

import pytest
from django.urls import reverse

from programs.models import RotationSite
from tests.factories import DepartmentFactory, RotationSiteFactory


def site_data(program, department, **overrides):
    data = {
        "department": str(department.pk),
        "start_date": program.start_date.isoformat(),
        "end_date": (program.start_date + timedelta(days=6)).isoformat(),
        "capacity": "2",
    }
    return {**data, **overrides}


def add_site(client_for, coordinator, program, data):
    url = reverse("programs:rotation_create", args=[program.pk])
    return client_for(coordinator).post(url, data)


def test_coordinator_adds_a_rotation_site(client_for, coordinator, draft_program, department):
    response = add_site(
        client_for, coordinator, draft_program, site_data(draft_program, department)
    )
    assert response.status_code == 302
    site = RotationSite.objects.get()
    assert site.program == draft_program
    assert site.department == department


@pytest.mark.parametrize(
    ("offset_start", "offset_end", "field"),
    [
        pytest.param(-1, 3, "start_date", id="starts-before-program"),
        pytest.param(0, 400, "end_date", id="ends-after-program"),
        pytest.param(5, 2, "end_date", id="ends-before-it-starts"),
    ],
)
def test_period_outside_the_program_gives_a_field_error_and_saves_nothing(
    client_for, coordinator, draft_program, department, offset_start, offset_end, field
):
    start = draft_program.start_date
    data = site_data(
        draft_program,
        department,
        start_date=(start + timedelta(days=offset_start)).isoformat(),
        end_date=(start + timedelta(days=offset_end)).isoformat(),
    )
    response = add_site(client_for, coordinator, draft_program, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not RotationSite.objects.exists()


def test_negative_capacity_gives_a_field_error_and_saves_nothing(
    client_for, coordinator, draft_program, department
):
    data = site_data(draft_program, department, capacity="-1")
    response = add_site(client_for, coordinator, draft_program, data)
    assert response.context["form"].errors["capacity"]
    assert not RotationSite.objects.exists()


def test_department_of_another_organisation_cannot_be_chosen(
    client_for, coordinator, draft_program, other_organisation
):
    foreign = DepartmentFactory(hospital__organisation=other_organisation)
    response = add_site(client_for, coordinator, draft_program, site_data(draft_program, foreign))
    assert response.context["form"].errors["department"]
    assert not RotationSite.objects.exists()


def test_same_department_and_start_twice_gives_a_field_error(
    client_for, coordinator, draft_program, department
):
    data = site_data(draft_program, department)
    add_site(client_for, coordinator, draft_program, data)
    response = add_site(client_for, coordinator, draft_program, data)
    assert response.context["form"].errors["department"]
    assert RotationSite.objects.count() == 1


def test_coordinator_changes_a_rotation_sites_capacity(
    client_for, coordinator, publishable_program, department
):
    site = publishable_program.rotation_sites.get()
    url = reverse("programs:rotation_update", args=[publishable_program.pk, site.pk])
    data = site_data(
        publishable_program,
        department,
        start_date=site.start_date.isoformat(),
        end_date=site.end_date.isoformat(),
        capacity="5",
    )
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.capacity == 5


def test_coordinator_removes_a_rotation_site(client_for, coordinator, publishable_program):
    site = publishable_program.rotation_sites.get()
    url = reverse("programs:rotation_delete", args=[publishable_program.pk, site.pk])
    response = client_for(coordinator).post(url)
    assert response.status_code == 302
    assert not RotationSite.objects.exists()


def test_rotation_site_is_not_reachable_through_another_program(
    client_for, coordinator, publishable_program, organisation
):
    other = RotationSiteFactory(program__organisation=organisation)
    url = reverse("programs:rotation_update", args=[publishable_program.pk, other.pk])
    assert client_for(coordinator).get(url).status_code == 404
