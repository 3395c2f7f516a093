"""Deleting a rotation site or a program that others depend on: listed on the confirm page,
refused with a message and a redirect, nothing deleted (never a server error)."""

import pytest
from django.urls import reverse

from applications.models import Application, Preference
from placements.models import Placement
from programs.models import Program, RotationSite
from tests.applications.conftest import ApplicationFactory
from tests.http import messages_of
from tests.placements.conftest import make_cohort, shortlisted


@pytest.fixture
def cohort(coordinator):
    return make_cohort(coordinator)


def _confirm_then_post(client, url):
    return client.get(url).content.decode(), client.post(url)


def test_a_rotation_site_with_placements_lists_them_and_is_kept(coordinator, client_for, cohort):
    site, program = cohort["sites"][0], cohort["program"]
    for name in ("Petrov", "Ivanov"):
        Placement.objects.create(
            application=shortlisted(program, name=name),
            rotation_site=site,
            department=site.department,
            start_date=site.start_date,
            end_date=site.end_date,
            status=Placement.Status.APPROVED,
        )
    url = reverse("programs:rotation_delete", args=[program.pk, site.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "2 placements: approved" in page
    assert "Yes, delete" not in page
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:program_detail", args=[program.pk])
    assert "2 placements: approved" in " ".join(messages_of(response))
    assert RotationSite.objects.filter(pk=site.pk).exists()


def test_a_rotation_site_ranked_by_an_applicant_lists_it_and_is_kept(
    coordinator, client_for, cohort
):
    site, program = cohort["sites"][1], cohort["program"]
    shortlisted(program, name="Petrov", preferences=[site])
    url = reverse("programs:rotation_delete", args=[program.pk, site.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "Ranked by 1 application" in page
    assert "Ranked by 1 application" in " ".join(messages_of(response))
    assert RotationSite.objects.filter(pk=site.pk).exists()
    assert Preference.objects.filter(rotation_site=site).exists()


def test_a_draft_program_with_applications_lists_them_and_is_kept(coordinator, client_for, cohort):
    """A program unpublished after people applied is a draft with applications."""
    program = cohort["program"]
    ApplicationFactory(program=program)
    Application.objects.filter(program=program).update(status=Application.Status.SUBMITTED)
    Program.objects.filter(pk=program.pk).update(status=Program.Status.DRAFT)
    url = reverse("programs:program_delete", args=[program.pk])

    page, response = _confirm_then_post(client_for(coordinator), url)

    assert "1 application: submitted" in page
    assert response["Location"] == reverse("programs:program_detail", args=[program.pk])
    assert "1 application: submitted" in " ".join(messages_of(response))
    assert Program.objects.filter(pk=program.pk).exists()
