"""The privacy log: coordinators read exports, erasures and retention of the people who
applied to their organisation, and nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications.models import Application
from privacy import services
from tests.factories import OrganisationFactory, PublishedProgramFactory, UserFactory
from tests.privacy.world import coordinator_of

pytestmark = pytest.mark.django_db


def _applicant(organisation, **names):
    person = UserFactory(**names)
    Application.objects.create(
        program=PublishedProgramFactory(organisation=organisation),
        trainee=person,
        status="submitted",
    )
    return person


def test_a_coordinator_reads_the_events_of_their_applicants_only(
    client, django_capture_on_commit_callbacks
):
    ours, theirs = OrganisationFactory(name="Ours"), OrganisationFactory(name="Theirs")
    coordinator = coordinator_of(ours)
    anna = _applicant(ours, first_name="Anna", last_name="Ours", native_name="")
    boris = _applicant(theirs, first_name="Boris", last_name="Theirs", native_name="")
    for person in (anna, boris):
        services.export_request(user=person)
        services.erasure_request(user=person)

    client.force_login(coordinator)
    page = client.get(reverse("privacy:events")).content.decode()
    assert "Anna Ours" in page
    assert "Export requested" in page and "Erasure requested" in page
    assert "Boris" not in page


def test_an_erased_person_appears_by_number_only(client, django_capture_on_commit_callbacks):
    ours = OrganisationFactory(name="Ours")
    coordinator = coordinator_of(ours)
    anna = _applicant(ours, first_name="Anna", last_name="Erased", native_name="")
    request = services.erasure_request(user=anna)
    with django_capture_on_commit_callbacks(execute=True):
        services.erasure_confirm(request=request, by=coordinator, reason="No hold.")
    client.force_login(coordinator)
    page = client.get(reverse("privacy:events")).content.decode()
    assert "Personal data erased" in page
    assert f"Person #{anna.pk}" in page
    assert "Anna" not in page


def test_trainees_cannot_read_the_log(client):
    client.force_login(UserFactory())
    assert client.get(reverse("privacy:events")).status_code == 403
    assert client.get(reverse("privacy:erasure_list")).status_code == 403
