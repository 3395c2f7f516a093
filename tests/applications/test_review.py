"""The coordinator's review: filters by nationality, specialty, missing documents; the
applicant's profile and documents on the detail page; a flat query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import (
    DocumentFactory,
    SpecialtyFactory,
    TraineeProfileFactory,
    UserFactory,
    make_ready_to_apply,
)

pytestmark = pytest.mark.django_db


def _applicant(program, *, nationality="RU", specialty=None, ready=True, name="Petrov"):
    trainee = UserFactory(last_name=name)
    TraineeProfileFactory(user=trainee, nationality=nationality, specialty=specialty)
    if ready:
        make_ready_to_apply(trainee, program)
    return put_in_status(ApplicationFactory(program=program, trainee=trainee), "submitted")


def _rows(client, program, **params):
    page = client.get(reverse("applications:review_list", args=[program.pk]), params)
    assert page.status_code == 200
    return {a.trainee.last_name for a in page.context["page_obj"]}


def test_filters_by_nationality_specialty_and_missing_documents(client_for, coordinator, program):
    spine = SpecialtyFactory(name="Spine surgery")
    _applicant(program, nationality="RU", name="Smirnov")
    _applicant(program, nationality="CN", specialty=spine, name="Wang")
    _applicant(program, nationality="RU", ready=False, name="Volkova")
    client = client_for(coordinator)

    assert _rows(client, program, country="RU") == {"Smirnov", "Volkova"}
    assert _rows(client, program, country="cn") == {"Wang"}
    assert _rows(client, program, specialty=str(spine.pk)) == {"Wang"}
    assert _rows(client, program, documents="missing") == {"Volkova"}
    assert _rows(client, program, documents="complete") == {"Smirnov", "Wang"}
    page = client.get(reverse("applications:review_list", args=[program.pk])).content.decode()
    assert "China" in page and "Spine surgery" in page  # the filter choices and columns


def test_nonsense_filter_values_are_ignored(client_for, coordinator, program):
    _applicant(program, name="Smirnov")
    client = client_for(coordinator)
    assert _rows(client, program, specialty="abc", documents="maybe", sort="x") == {"Smirnov"}


def test_the_detail_page_shows_profile_documents_and_the_passport_warning(
    client_for, coordinator, program
):
    application = _applicant(program, name="Smirnov")
    from trainees.models import Document

    Document.objects.filter(owner=application.trainee, type="passport").update(
        expires_on=program.end_date + timedelta(days=30)
    )
    page = (
        client_for(coordinator)
        .get(reverse("applications:review_detail", args=[application.pk]))
        .content.decode()
    )
    assert "SMIRNOV" in page and "Russia" in page
    assert "Medical diploma" in page
    passport = Document.objects.get(owner=application.trainee, type="passport")
    assert reverse("trainees:document_review", args=[passport.pk]) in page
    assert "six months" in page


def test_review_list_query_count_is_flat_with_profiles_documents_and_letters(
    client_for, coordinator, program
):
    client = client_for(coordinator)
    url = reverse("applications:review_list", args=[program.pk])
    for n in range(3):
        _applicant(program, name=f"A{n}")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        application = _applicant(program, name=f"B{n}", nationality="CN" if n % 2 else "RU")
        DocumentFactory(owner=application.trainee, type="licence")
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"documents": "complete"})
    assert len(many) == len(few)


def test_a_program_requiring_a_nomination_needs_a_nominating_officer_named(trainee, program):
    from applications.models import RefereeRequest
    from applications.services import submission_blockers

    program.required_documents = ["passport", "nomination"]
    program.save()
    make_ready_to_apply(trainee, program)
    application = ApplicationFactory(program=program, trainee=trainee)
    assert any("nomination" in item for item in submission_blockers(application))
    RefereeRequest.objects.create(
        application=application, kind="nomination", name="Ministry", email="m@example.ru"
    )
    assert not any("nomination" in item for item in submission_blockers(application))
