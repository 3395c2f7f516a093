"""Applying, reviewing and answering offers through the pages."""

import pytest
from django.urls import reverse

from applications.models import Application
from tests.applications.conftest import ApplicationFactory, approve_schedule, put_in_status
from tests.factories import make_ready_to_apply

pytestmark = pytest.mark.django_db
S = Application.Status


def test_trainee_applies_saves_a_draft_comes_back_and_submits(client_for, trainee, program):
    make_ready_to_apply(trainee, program)
    client = client_for(trainee)
    response = client.post(reverse("applications:start", args=[program.pk]))
    application = Application.objects.get(trainee=trainee, program=program)
    assert response["Location"] == reverse("applications:edit", args=[application.pk])

    site = program.rotation_sites.first()
    draft = {"choice_1": site.pk, "motivation": "Spine surgery and ward rounds.", "save": "1"}
    client.post(reverse("applications:edit", args=[application.pk]), draft)
    application.refresh_from_db()
    assert application.status == S.DRAFT
    page = client.get(reverse("applications:edit", args=[application.pk])).content.decode()
    assert "Spine surgery and ward rounds." in page  # nothing typed is lost

    response = client.post(
        reverse("applications:edit", args=[application.pk]), {**draft, "submit": "1"}
    )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert response["Location"] == reverse("applications:detail", args=[application.pk])


def test_submitting_an_incomplete_draft_keeps_it_and_says_what_is_missing(
    client_for, trainee, program
):
    client = client_for(trainee)
    client.post(reverse("applications:start", args=[program.pk]))
    application = Application.objects.get(trainee=trainee)
    site = program.rotation_sites.first()
    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        {"choice_1": site.pk, "motivation": "", "submit": "1"},
        follow=True,
    )
    assert "motivation statement" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert application.preferences.count() == 1


def test_the_checklist_names_each_missing_document_and_profile_detail(client_for, trainee, program):
    client = client_for(trainee)
    client.post(reverse("applications:start", args=[program.pk]))
    application = Application.objects.get(trainee=trainee)
    site = program.rotation_sites.first()
    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        {"choice_1": site.pk, "motivation": "Spine surgery.", "submit": "1"},
        follow=True,
    )
    page = response.content.decode()
    for expected in (
        "date of birth",
        "nationality",
        "Passport",
        "Medical diploma",
        "Curriculum vitae",
    ):
        assert expected in page
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_a_document_rejected_by_the_host_counts_as_missing_again_but_not_one_rejected_elsewhere(
    trainee, program, other_organisation
):
    from applications.services import submission_blockers
    from tests.factories import DocumentReviewFactory
    from trainees.models import Document

    make_ready_to_apply(trainee, program)
    application = ApplicationFactory(program=program, trainee=trainee)
    assert not any("Passport" in item for item in submission_blockers(application))
    passport = Document.objects.get(owner=trainee, type="passport")
    DocumentReviewFactory(
        document=passport, organisation=other_organisation, status="rejected", reason="Blurred"
    )
    assert not any("Passport" in item for item in submission_blockers(application))
    DocumentReviewFactory(
        document=passport, organisation=program.organisation, status="rejected", reason="Cut"
    )
    assert any("Passport" in item for item in submission_blockers(application))


def test_applying_twice_opens_the_same_application(client_for, trainee, program):
    client = client_for(trainee)
    client.post(reverse("applications:start", args=[program.pk]))
    client.post(reverse("applications:start", args=[program.pk]))
    assert Application.objects.filter(trainee=trainee).count() == 1


def test_a_closed_window_refuses_with_a_message(client_for, trainee, program):
    from datetime import timedelta

    from django.utils import timezone

    program.application_closes = timezone.localdate() - timedelta(days=1)
    program.save()
    response = client_for(trainee).post(
        reverse("applications:start", args=[program.pk]), follow=True
    )
    assert "not taking applications" in response.content.decode()
    assert not Application.objects.exists()


def test_coordinator_reviews_shortlists_in_bulk_and_offers(client_for, coordinator, program):
    applications = ApplicationFactory.create_batch(3, program=program)
    for application in applications:
        put_in_status(application, S.SUBMITTED)
    client = client_for(coordinator)
    url = reverse("applications:review_list", args=[program.pk])
    client.post(
        url, {"selected": [a.pk for a in applications[:2]], "action": "shortlist"}, follow=True
    )
    assert Application.objects.filter(status=S.SHORTLISTED).count() == 2
    response = client.post(
        url, {"selected": [applications[2].pk], "action": "reject", "reason": ""}, follow=True
    )
    assert "Give a reason" in response.content.decode()
    assert Application.objects.get(pk=applications[2].pk).status == S.SUBMITTED

    target = applications[0]
    offer_url = reverse("applications:review_act", args=[target.pk, "offer"])
    response = client.post(offer_url, {"answer_by": "2099-01-01"}, follow=True)
    assert "every placement of the trainee" in response.content.decode()  # no schedule yet
    target.refresh_from_db()
    assert target.status == S.SHORTLISTED
    approve_schedule(target)
    client.post(offer_url, {"answer_by": "2099-01-01"})
    target.refresh_from_db()
    assert target.status == S.OFFERED

    client.force_login(target.trainee)
    page = client.get(reverse("applications:detail", args=[target.pk])).content.decode()
    assert "You have an offer" in page
    client.post(reverse("applications:act", args=[target.pk, "accept"]))
    target.refresh_from_db()
    assert target.status == S.ACCEPTED


def test_review_list_searches_native_script(client_for, coordinator, program):
    from tests.factories import UserFactory

    hit = ApplicationFactory(program=program, trainee=UserFactory(native_name="Сергей Ким"))
    miss = ApplicationFactory(program=program, trainee=UserFactory(native_name="王伟"))
    for application in (hit, miss):
        put_in_status(application, S.SUBMITTED)
    page = client_for(coordinator).get(
        reverse("applications:review_list", args=[program.pk]), {"q": "Сергей"}
    )
    rows = list(page.context["page_obj"])
    assert rows == [hit]


def test_review_list_query_count_is_flat(
    client_for, coordinator, program, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator)
    url = reverse("applications:review_list", args=[program.pk])
    for application in ApplicationFactory.create_batch(5, program=program):
        put_in_status(application, S.SUBMITTED)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for application in ApplicationFactory.create_batch(45, program=program):
        put_in_status(application, S.SUBMITTED)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_drafts_are_not_shown_to_coordinators(client_for, coordinator, program):
    draft = ApplicationFactory(program=program)
    client = client_for(coordinator)
    assert client.get(reverse("applications:review_detail", args=[draft.pk])).status_code == 404
    rows = client.get(reverse("applications:review_list", args=[program.pk])).context["page_obj"]
    assert list(rows) == []


def _expected(role, kind):
    table = {
        # kind:          anonymous, owner, other trainee, supervisor, coordinator, other coordinator
        "trainee_page": (302, 200, 404, 404, 404, 404),
        "review_page": (302, 403, 403, 403, 200, 404),
    }
    roles = [
        "anonymous",
        "owner",
        "other_trainee",
        "supervisor",
        "coordinator",
        "other_coordinator",
    ]
    return table[kind][roles.index(role)]


@pytest.mark.parametrize(
    "role",
    ["anonymous", "owner", "other_trainee", "supervisor", "coordinator", "other_coordinator"],
)
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("applications:detail", "trainee_page"),
        ("applications:edit", "trainee_page"),
        ("applications:review_detail", "review_page"),
    ],
)
def test_permission_table(
    role, name, kind, client, program, trainee, supervisor, coordinator, other_coordinator
):
    from tests.factories import UserFactory

    application = ApplicationFactory(program=program, trainee=trainee)
    put_in_status(application, S.SUBMITTED)
    if name == "applications:edit":
        put_in_status(application, S.DRAFT)
    people = {
        "owner": trainee,
        "other_trainee": UserFactory(),
        "supervisor": supervisor,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
    }
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(reverse(name, args=[application.pk]))
    expected = _expected(role, kind)
    if name == "applications:edit" and role == "coordinator":
        expected = 404  # a coordinator never sees the trainee's draft page
    assert response.status_code == expected


@pytest.mark.parametrize("action", ["accept", "withdraw", "decline"])
def test_nobody_else_can_act_on_an_application(
    client_for, other_coordinator, program, action, coordinator
):
    from tests.factories import UserFactory

    application = ApplicationFactory(program=program)
    put_in_status(application, S.OFFERED, by=coordinator)
    for intruder in (UserFactory(), other_coordinator, coordinator):
        response = client_for(intruder).post(
            reverse("applications:act", args=[application.pk, action])
        )
        assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == S.OFFERED


def test_other_organisation_cannot_act_on_review(client_for, other_coordinator, program):
    application = ApplicationFactory(program=program)
    put_in_status(application, S.SUBMITTED)
    response = client_for(other_coordinator).post(
        reverse("applications:review_act", args=[application.pk, "shortlist"])
    )
    assert response.status_code == 404
    response = client_for(other_coordinator).post(
        reverse("applications:review_list", args=[program.pk]),
        {"selected": [application.pk], "action": "shortlist"},
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
