"""Deleting a row that others depend on: the confirm page lists the dependents, the POST is
refused with a message and a redirect, and nothing changes (never a server error)."""

import pytest
from django.urls import reverse

from applications.models import Application, Preference
from core.deletion import DependentsExist
from hospitals import services
from hospitals.models import Department, Hospital, Partnership, Supervisor
from placements.models import Placement
from reference.models import Specialty
from tests.applications.conftest import ApplicationFactory
from tests.factories import SpecialtyFactory
from tests.http import messages_of
from tests.placements.conftest import make_cohort, shortlisted

P = Placement.Status


@pytest.fixture
def cohort(coordinator):
    return make_cohort(coordinator)


def _placement(cohort, *, status, name, supervisor=True, site=True):
    """One placement at the first site, for a new shortlisted applicant."""
    site_ = cohort["sites"][0]
    return Placement.objects.create(
        application=shortlisted(cohort["program"], name=name),
        rotation_site=site_ if site else None,
        department=site_.department,
        supervisor=cohort["supervisors"][0] if supervisor else None,
        start_date=site_.start_date,
        end_date=site_.end_date,
        status=status,
    )


def _confirm_then_post(client, url):
    return client.get(url).content.decode(), client.post(url)


def test_a_supervisor_with_placements_lists_them_and_is_kept(coordinator, client_for, cohort):
    for status, name in ((P.APPROVED, "Petrov"), (P.APPROVED, "Ivanov"), (P.PLANNED, "Sidorov")):
        _placement(cohort, status=status, name=name)
    supervisor = cohort["supervisors"][0]
    url = reverse("hospitals:supervisor_delete", args=[supervisor.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "3 placements: 2 approved, 1 planned (not sent yet)" in page
    assert "Yes, delete" not in page
    assert response.status_code == 302
    assert response["Location"] == reverse("hospitals:supervisor_list")
    assert "3 placements: 2 approved, 1 planned (not sent yet)" in " ".join(messages_of(response))
    assert Supervisor.objects.filter(pk=supervisor.pk).exists()


def test_a_supervisor_without_placements_is_removed(coordinator, client_for, cohort):
    supervisor = cohort["supervisors"][1]

    response = client_for(coordinator).post(
        reverse("hospitals:supervisor_delete", args=[supervisor.pk])
    )

    assert response["Location"] == reverse("hospitals:supervisor_list")
    assert not Supervisor.objects.filter(pk=supervisor.pk).exists()


def test_a_department_with_placements_outside_any_site_lists_them_and_is_kept(
    coordinator, client_for, cohort
):
    placement = _placement(cohort, status=P.PROPOSED, name="Petrov", supervisor=False, site=False)
    department = placement.department
    department.supervisors.all().delete()
    department.rotation_sites.all().delete()
    url = reverse("hospitals:department_delete", args=[department.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "1 placement: waiting for the supervisor" in page
    assert response["Location"] == reverse(
        "hospitals:hospital_detail", args=[department.hospital_id]
    )
    assert "1 placement" in " ".join(messages_of(response))
    assert Department.objects.filter(pk=department.pk).exists()


def test_a_hospital_with_a_department_lists_it_and_is_kept(coordinator, client_for, cohort):
    hospital = cohort["sites"][0].department.hospital
    url = reverse("hospitals:hospital_delete", args=[hospital.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "Department “Neurosurgery”" in page
    assert response["Location"] == reverse("hospitals:hospital_detail", args=[hospital.pk])
    assert "Neurosurgery" in " ".join(messages_of(response))
    assert Hospital.objects.filter(pk=hospital.pk).exists()


def test_a_specialty_ranked_by_an_application_lists_it_and_is_kept(
    coordinator, client_for, organisation
):
    specialty = SpecialtyFactory(name="Hand surgery")
    application = ApplicationFactory(program__organisation=organisation)
    Preference.objects.create(application=application, rank=1, specialty=specialty)
    url = reverse("hospitals:specialty_delete", args=[specialty.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "Ranked by 1 application" in page
    assert response["Location"] == reverse("hospitals:specialty_list")
    assert "Ranked by 1 application" in " ".join(messages_of(response))
    assert Specialty.objects.filter(pk=specialty.pk).exists()


def test_a_partnership_has_no_dependents_and_is_deleted(coordinator, client_for, partnership):
    url = reverse("hospitals:partnership_delete", args=[partnership.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "Yes, delete" in page
    assert response["Location"] == reverse("hospitals:partnership_list")
    assert not Partnership.objects.filter(pk=partnership.pk).exists()


def test_a_protected_error_that_reaches_the_service_becomes_the_same_refusal(
    coordinator, cohort, monkeypatch
):
    """Even when the list of dependents misses one, the database's protection is turned into
    the readable refusal, not a server error."""
    _placement(cohort, status=P.CONFIRMED, name="Petrov")
    supervisor = cohort["supervisors"][0]
    monkeypatch.setattr(services.selectors, "dependents_of_supervisor", lambda supervisor: [])

    with pytest.raises(DependentsExist) as refusal:
        services.supervisor_delete(supervisor=supervisor, by=coordinator)

    assert refusal.value.dependents == ["1 placement"]
    assert Supervisor.objects.filter(pk=supervisor.pk).exists()


def test_a_cancelled_placement_still_keeps_its_supervisor(coordinator, cohort):
    """Placements keep their history: a cancelled one still names its supervisor."""
    placement = _placement(cohort, status=P.APPROVED, name="Petrov")
    Application.objects.filter(pk=placement.application_id).update(status="withdrawn")
    Placement.objects.filter(pk=placement.pk).update(status=P.CANCELLED)

    with pytest.raises(DependentsExist, match="1 placement: cancelled"):
        services.supervisor_delete(supervisor=cohort["supervisors"][0], by=coordinator)
