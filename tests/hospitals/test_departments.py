"""Departments: added, edited and deleted from the hospital page."""

from django.urls import reverse

from hospitals.models import Department
from tests.factories import (
    DepartmentFactory,
    ProgramFactory,
    RotationSiteFactory,
    SupervisorFactory,
)
from tests.http import messages_of


def department_data(hospital, specialty, **overrides):
    return {
        "hospital": hospital.pk,
        "specialty": specialty.pk,
        "name": "Neurosurgery",
        "capacity": "2",
        **overrides,
    }


def test_a_coordinator_adds_a_department_to_their_hospital(
    coordinator, client_for, hospital, specialty
):
    response = client_for(coordinator).post(
        reverse("hospitals:department_create", args=[hospital.pk]),
        department_data(hospital, specialty),
    )

    assert response["Location"] == reverse("hospitals:hospital_detail", args=[hospital.pk])
    assert hospital.departments.get().name == "Neurosurgery"


def test_a_duplicate_department_name_in_the_hospital_is_a_field_error_and_saves_nothing(
    coordinator, client_for, hospital, specialty
):
    DepartmentFactory(hospital=hospital, name="Neurosurgery")

    response = client_for(coordinator).post(
        reverse("hospitals:department_create", args=[hospital.pk]),
        department_data(hospital, specialty, name="neurosurgery"),
    )

    assert response.context["form"].errors["name"] == [
        "This hospital already has a department with this name."
    ]
    assert hospital.departments.count() == 1


def test_the_same_department_name_in_another_hospital_is_fine(
    coordinator, client_for, hospital, myongji, specialty
):
    DepartmentFactory(hospital=myongji, name="Neurosurgery")

    client_for(coordinator).post(
        reverse("hospitals:department_create", args=[hospital.pk]),
        department_data(hospital, specialty),
    )

    assert hospital.departments.filter(name="Neurosurgery").exists()


def test_a_negative_capacity_is_a_field_error_and_saves_nothing(
    coordinator, client_for, hospital, specialty
):
    response = client_for(coordinator).post(
        reverse("hospitals:department_create", args=[hospital.pk]),
        department_data(hospital, specialty, capacity="-1"),
    )

    assert "capacity" in response.context["form"].errors
    assert not Department.objects.exists()


def test_a_department_cannot_be_moved_to_another_organisations_hospital(
    coordinator, client_for, department, other_hospital, specialty
):
    response = client_for(coordinator).post(
        reverse("hospitals:department_update", args=[department.pk]),
        department_data(other_hospital, specialty),
    )

    assert "hospital" in response.context["form"].errors
    department.refresh_from_db()
    assert department.hospital.organisation == coordinator.coordinator_of


def test_renaming_a_department_to_a_sibling_name_is_a_field_error(
    coordinator, client_for, hospital, specialty
):
    DepartmentFactory(hospital=hospital, name="Cardiology")
    department = DepartmentFactory(hospital=hospital, name="Neurosurgery")

    response = client_for(coordinator).post(
        reverse("hospitals:department_update", args=[department.pk]),
        department_data(hospital, specialty, name="Cardiology"),
    )

    assert "name" in response.context["form"].errors
    department.refresh_from_db()
    assert department.name == "Neurosurgery"


def test_an_unused_department_is_deleted(coordinator, client_for, department):
    client_for(coordinator).post(reverse("hospitals:department_delete", args=[department.pk]))

    assert not Department.objects.filter(pk=department.pk).exists()


def test_a_department_with_a_supervisor_is_not_deleted(coordinator, client_for, department):
    SupervisorFactory(department=department, user__last_name="Lee")

    response = client_for(coordinator).post(
        reverse("hospitals:department_delete", args=[department.pk])
    )

    assert response["Location"] == reverse(
        "hospitals:hospital_detail", args=[department.hospital_id]
    )
    assert "Jisoo Lee" in " ".join(messages_of(response))
    assert Department.objects.filter(pk=department.pk).exists()


def test_a_department_with_a_rotation_site_is_not_deleted(
    coordinator, client_for, organisation, department
):
    program = ProgramFactory(organisation=organisation, title="Spine cohort")
    RotationSiteFactory(program=program, department=department)

    response = client_for(coordinator).post(
        reverse("hospitals:department_delete", args=[department.pk])
    )

    assert "Spine cohort" in " ".join(messages_of(response))
    assert Department.objects.filter(pk=department.pk).exists()


def test_another_coordinator_cannot_delete_our_department(
    other_coordinator, client_for, department
):
    response = client_for(other_coordinator).post(
        reverse("hospitals:department_delete", args=[department.pk])
    )

    assert response.status_code == 404
    assert Department.objects.filter(pk=department.pk).exists()
