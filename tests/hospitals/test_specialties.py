"""Specialties: shared by every organisation, editable and deletable only while unused."""

from django.urls import reverse

from reference.models import Specialty
from tests.factories import DepartmentFactory, SpecialtyFactory
from tests.http import messages_of


def test_any_coordinator_adds_a_specialty_with_a_generated_code(other_coordinator, client_for):
    response = client_for(other_coordinator).post(
        reverse("hospitals:specialty_create"), {"name": "Pediatric Surgery", "slug": ""}
    )

    assert response["Location"] == reverse("hospitals:specialty_list")
    assert Specialty.objects.get(name="Pediatric Surgery").slug == "pediatric-surgery"


def test_a_duplicate_specialty_name_is_a_field_error(coordinator, client_for, specialty):
    response = client_for(coordinator).post(
        reverse("hospitals:specialty_create"), {"name": "Neurosurgery", "slug": ""}
    )

    assert "name" in response.context["form"].errors
    assert Specialty.objects.count() == 1


def test_an_unused_specialty_is_renamed(coordinator, client_for, specialty):
    client_for(coordinator).post(
        reverse("hospitals:specialty_update", args=[specialty.pk]),
        {"name": "Neurological surgery", "slug": "neurological-surgery"},
    )

    specialty.refresh_from_db()
    assert specialty.name == "Neurological surgery"


def test_a_specialty_in_use_cannot_be_renamed(coordinator, client_for, specialty):
    DepartmentFactory(specialty=specialty)

    response = client_for(coordinator).post(
        reverse("hospitals:specialty_update", args=[specialty.pk]),
        {"name": "Something else", "slug": "something-else"},
    )

    assert response["Location"] == reverse("hospitals:specialty_list")
    specialty.refresh_from_db()
    assert specialty.name == "Neurosurgery"


def test_an_unused_specialty_is_deleted(coordinator, client_for):
    specialty = SpecialtyFactory()

    client_for(coordinator).post(reverse("hospitals:specialty_delete", args=[specialty.pk]))

    assert not Specialty.objects.filter(pk=specialty.pk).exists()


def test_a_specialty_used_by_a_department_is_not_deleted(coordinator, client_for, specialty):
    DepartmentFactory(specialty=specialty)

    response = client_for(coordinator).post(
        reverse("hospitals:specialty_delete", args=[specialty.pk])
    )

    assert response["Location"] == reverse("hospitals:specialty_list")
    assert "Used by 1 department" in " ".join(messages_of(response))
    assert Specialty.objects.filter(pk=specialty.pk).exists()


def test_the_list_shows_usage_counts(coordinator, client_for, specialty):
    DepartmentFactory.create_batch(3, specialty=specialty)

    response = client_for(coordinator).get(reverse("hospitals:specialty_list"))

    assert response.context["rows"][0].department_count == 3
