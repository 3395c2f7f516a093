"""Coordinator pages for hospitals: list, detail, create, edit, delete."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.deletion import DependentsExist
from hospitals import services
from hospitals.models import Hospital
from tests.factories import DepartmentFactory, HospitalFactory, SupervisorFactory
from tests.http import messages_of


def test_the_list_shows_only_our_hospitals_with_both_scripts(
    coordinator, client_for, myongji, other_hospital
):
    response = client_for(coordinator).get(reverse("hospitals:hospital_list"))

    assert list(response.context["rows"]) == [myongji]
    assert "Myongji Hospital (명지병원)" in response.content.decode()
    assert "Sana Klinikum" not in response.content.decode()


def test_the_list_finds_a_hospital_by_its_native_name(coordinator, client_for, myongji, hospital):
    response = client_for(coordinator).get(reverse("hospitals:hospital_list"), {"q": "명지"})

    assert list(response.context["rows"]) == [myongji]


def test_the_list_finds_a_hospital_by_city(coordinator, client_for, myongji, hospital):
    response = client_for(coordinator).get(reverse("hospitals:hospital_list"), {"q": "goyang"})

    assert list(response.context["rows"]) == [myongji]


def test_the_list_filters_by_country_and_kind(coordinator, client_for, organisation, myongji):
    berlin = HospitalFactory(
        organisation=organisation, name="Charité", country="DE", kind=Hospital.Kind.UNIVERSITY
    )
    http = client_for(coordinator)

    by_country = http.get(reverse("hospitals:hospital_list"), {"country": "DE"})
    by_kind = http.get(reverse("hospitals:hospital_list"), {"kind": "university"})

    assert list(by_country.context["rows"]) == [berlin]
    assert list(by_kind.context["rows"]) == [berlin]


def test_the_list_sorts_by_department_count(coordinator, client_for, organisation, myongji):
    busy = HospitalFactory(organisation=organisation, name="Zeta Hospital")
    DepartmentFactory.create_batch(2, hospital=busy)

    response = client_for(coordinator).get(
        reverse("hospitals:hospital_list"), {"ordering": "-departments"}
    )

    assert list(response.context["rows"]) == [busy, myongji]
    assert response.context["rows"][0].department_count == 2


def test_an_empty_list_invites_to_add_the_first_hospital(coordinator, client_for):
    response = client_for(coordinator).get(reverse("hospitals:hospital_list"))

    assert "No hospitals yet — add the first one" in response.content.decode()


def test_the_list_paginates_by_25_with_a_total(coordinator, client_for, organisation):
    HospitalFactory.create_batch(26, organisation=organisation)

    response = client_for(coordinator).get(reverse("hospitals:hospital_list"))

    assert len(response.context["rows"]) == 25
    assert "26 results" in response.content.decode()


def test_the_detail_page_shows_departments_capacity_supervisors_and_contact(
    coordinator, client_for, hospital
):
    department = DepartmentFactory(hospital=hospital, name="Spine Centre", capacity=3)
    SupervisorFactory(department=department, user__last_name="Lee", user__native_name="이지수")
    hospital.international_office_email = "intl@example.org"
    hospital.save()

    page = client_for(coordinator).get(reverse("hospitals:hospital_detail", args=[hospital.pk]))

    text = page.content.decode()
    assert "Spine Centre" in text
    assert "Jisoo Lee (이지수)" in text
    assert "intl@example.org" in text
    assert str(hospital.latitude) in text


def test_a_coordinator_adds_a_hospital_to_their_own_organisation(
    coordinator, client_for, hospital_data
):
    response = client_for(coordinator).post(reverse("hospitals:hospital_create"), hospital_data)

    hospital = Hospital.objects.get(name="Bucheon Sejong Hospital")
    assert response.status_code == 302
    assert response["Location"] == reverse("hospitals:hospital_detail", args=[hospital.pk])
    assert hospital.organisation == coordinator.coordinator_of
    assert str(hospital) == "Bucheon Sejong Hospital (부천세종병원)"


def test_a_posted_organisation_field_is_ignored(
    coordinator, client_for, hospital_data, other_organisation
):
    client_for(coordinator).post(
        reverse("hospitals:hospital_create"),
        {**hospital_data, "organisation": other_organisation.pk},
    )

    assert Hospital.objects.get().organisation == coordinator.coordinator_of


def test_a_duplicate_hospital_name_in_the_organisation_is_a_field_error(
    coordinator, client_for, hospital_data, myongji
):
    response = client_for(coordinator).post(
        reverse("hospitals:hospital_create"), {**hospital_data, "name": "Myongji Hospital"}
    )

    assert "name" in response.context["form"].errors
    assert Hospital.objects.count() == 1


def test_latitude_without_longitude_is_a_field_error(coordinator, client_for, hospital_data):
    response = client_for(coordinator).post(
        reverse("hospitals:hospital_create"), {**hospital_data, "longitude": ""}
    )

    assert "longitude" in response.context["form"].errors
    assert not Hospital.objects.exists()


def test_a_coordinator_edits_their_hospital(coordinator, client_for, hospital, hospital_data):
    client_for(coordinator).post(
        reverse("hospitals:hospital_update", args=[hospital.pk]),
        {**hospital_data, "name": "Renamed Hospital"},
    )

    hospital.refresh_from_db()
    assert hospital.name == "Renamed Hospital"


def test_nobody_edits_another_organisations_hospital(
    other_coordinator, client_for, hospital, hospital_data
):
    response = client_for(other_coordinator).post(
        reverse("hospitals:hospital_update", args=[hospital.pk]),
        {**hospital_data, "name": "Taken over"},
    )

    assert response.status_code == 404
    hospital.refresh_from_db()
    assert hospital.name != "Taken over"


def test_the_update_service_refuses_a_coordinator_of_another_organisation(
    other_coordinator, hospital, hospital_data
):
    with pytest.raises(PermissionDenied):
        services.hospital_update(hospital=hospital, data=hospital_data, by=other_coordinator)


def test_a_hospital_without_departments_is_deleted_after_confirmation(
    coordinator, client_for, hospital
):
    http = client_for(coordinator)
    url = reverse("hospitals:hospital_delete", args=[hospital.pk])

    confirm = http.get(url)
    response = http.post(url)

    assert "Yes, delete" in confirm.content.decode()
    assert response["Location"] == reverse("hospitals:hospital_list")
    assert not Hospital.objects.filter(pk=hospital.pk).exists()


def test_a_hospital_with_departments_lists_them_and_is_not_deleted(
    coordinator, client_for, hospital, department
):
    http = client_for(coordinator)
    url = reverse("hospitals:hospital_delete", args=[hospital.pk])

    confirm = http.get(url)
    response = http.post(url)

    assert department.name in confirm.content.decode()
    assert "Yes, delete" not in confirm.content.decode()
    assert response["Location"] == reverse("hospitals:hospital_detail", args=[hospital.pk])
    assert department.name in " ".join(messages_of(response))
    assert Hospital.objects.filter(pk=hospital.pk).exists()


def test_the_delete_service_turns_a_protected_error_into_a_readable_refusal(
    coordinator, hospital, department, monkeypatch
):
    monkeypatch.setattr(services.selectors, "dependents_of_hospital", lambda hospital: [])

    with pytest.raises(DependentsExist, match="1 department"):
        services.hospital_delete(hospital=hospital, by=coordinator)
    assert Hospital.objects.filter(pk=hospital.pk).exists()
