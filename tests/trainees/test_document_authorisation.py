"""Who may see and check a trainee's documents: each organisation checks for itself; its
coordinators see the documents while an application to it is open and for a retention
period after it closes; a placement's supervisor sees only the types the program shows to
supervisors."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, StatusChange
from applications.services import application_transition
from hospitals.models import Supervisor
from placements.models import Placement
from programs.models import DEFAULT_DOCUMENTS_FOR_SUPERVISORS, Program
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import (
    DocumentFactory,
    DocumentReviewFactory,
    ProgramFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    make_ready_to_apply,
)
from trainees import selectors, services
from trainees.models import DocumentReview
from trainees.selectors import ALL_DOCUMENT_TYPES, NO_DOCUMENT_TYPES, visible_document_types

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def two_hosts(trainee, coordinator, other_coordinator):
    """Tanya applied to a program of each organisation; her passport is uploaded."""
    applications = {}
    for who in (coordinator, other_coordinator):
        program = PublishedProgramFactory(organisation=who.coordinator_of)
        applications[who] = put_in_status(
            ApplicationFactory(program=program, trainee=trainee), S.SUBMITTED
        )
    passport = DocumentFactory(owner=trainee)
    return applications, passport


def _review_page(client, application) -> str:
    return client.get(reverse("applications:review_detail", args=[application.pk])).content.decode()


# --- Each organisation checks for itself ----------------------------------------------


def test_a_verification_by_one_organisation_is_not_seen_by_the_other(
    client_for, coordinator, other_coordinator, two_hosts
):
    applications, passport = two_hosts
    services.document_review(document=passport, by=coordinator, verified=True)
    review_url = reverse("trainees:document_review", args=[passport.pk])

    theirs = _review_page(client_for(other_coordinator), applications[other_coordinator])
    assert "Waiting for a check" in theirs
    assert review_url in theirs  # they still have to check it themselves
    ours = _review_page(client_for(coordinator), applications[coordinator])
    assert "Verified" in ours
    assert review_url not in ours  # verified: nothing more to do for us


def test_each_organisation_sets_only_its_own_verdict(
    client_for, coordinator, other_coordinator, two_hosts
):
    _applications, passport = two_hosts
    services.document_review(document=passport, by=coordinator, verified=True)
    client_for(other_coordinator).post(
        reverse("trainees:document_review", args=[passport.pk]),
        {"decision": "reject", "reason": "The photo page is cut off."},
    )
    verdicts = {
        review.organisation_id: (review.status, review.reason, review.reviewed_by)
        for review in DocumentReview.objects.filter(document=passport)
    }
    assert verdicts == {
        coordinator.coordinator_of_id: ("verified", "", coordinator),
        other_coordinator.coordinator_of_id: (
            "rejected",
            "The photo page is cut off.",
            other_coordinator,
        ),
    }


def test_checking_again_replaces_the_organisations_verdict(coordinator, two_hosts):
    _applications, passport = two_hosts
    services.document_review(document=passport, by=coordinator, verified=False, reason="Blurred")
    services.document_review(document=passport, by=coordinator, verified=True)
    review = DocumentReview.objects.get(document=passport)
    assert (review.status, review.reason) == ("verified", "")


def test_the_trainee_sees_each_organisations_verdict(
    client_for, trainee, coordinator, other_coordinator, two_hosts
):
    _applications, passport = two_hosts
    services.document_review(document=passport, by=coordinator, verified=True)
    services.document_review(
        document=passport, by=other_coordinator, verified=False, reason="Expired stamp"
    )
    page = client_for(trainee).get(reverse("trainees:documents")).content.decode()
    assert coordinator.coordinator_of.name in page
    assert other_coordinator.coordinator_of.name in page
    assert "Verified" in page and "Rejected" in page and "Expired stamp" in page


def test_the_review_list_counts_a_document_missing_only_for_the_organisation_that_rejected_it(
    client_for, trainee, coordinator, other_coordinator
):
    applications = {}
    for who in (coordinator, other_coordinator):
        program = PublishedProgramFactory(organisation=who.coordinator_of)
        make_ready_to_apply(trainee, program)
        applications[who] = put_in_status(
            ApplicationFactory(program=program, trainee=trainee), S.SUBMITTED
        )
    passport = trainee.documents.get(type="passport", is_current=True)
    services.document_review(document=passport, by=other_coordinator, verified=False, reason="X")

    def missing(who) -> list[bool]:
        url = reverse("applications:review_list", args=[applications[who].program_id])
        page = client_for(who).get(url, {"documents": "missing"})
        return [row.pk for row in page.context["page_obj"]]

    assert missing(coordinator) == []
    assert missing(other_coordinator) == [applications[other_coordinator].pk]


def test_readiness_counts_only_the_programs_own_organisations_verification(
    client_for, coordinator, other_organisation, trainee
):
    program = PublishedProgramFactory(
        organisation=coordinator.coordinator_of, required_documents=["passport"]
    )
    put_in_status(ApplicationFactory(program=program, trainee=trainee), S.ACCEPTED)
    passport = DocumentFactory(owner=trainee)
    DocumentReviewFactory(document=passport, organisation=other_organisation)

    def documents_done() -> bool:
        page = client_for(coordinator).get(reverse("dashboards:readiness", args=[program.pk]))
        [row] = page.context["rows"]
        return {item.key: item.done for item in row.items}["documents"]

    assert documents_done() is False
    DocumentReviewFactory(document=passport, organisation=program.organisation)
    assert documents_done() is True


def test_a_supervisor_cannot_check_documents(supervisor, trainee, coordinator):
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    application = put_in_status(ApplicationFactory(program=program, trainee=trainee), S.SUBMITTED)
    cv = DocumentFactory(owner=trainee, type="cv")
    _sent_placement(application, supervisor)
    with pytest.raises(PermissionDenied):
        services.document_review(document=cv, by=supervisor, verified=True)
    assert not DocumentReview.objects.exists()


# --- Coordinators: while open, and for a retention period after closing ----------------


@pytest.mark.parametrize("status", [S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.ACCEPTED])
def test_an_open_application_opens_every_document_whatever_its_age(status, coordinator, trainee):
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    put_in_status(ApplicationFactory(program=program, trainee=trainee), status)
    with time_machine.travel(timezone.now() + timedelta(days=400)):
        assert visible_document_types(coordinator, trainee.pk) == ALL_DOCUMENT_TYPES


def test_a_rejection_closes_the_documents_after_the_retention_period(
    client_for, coordinator, trainee
):
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    application = put_in_status(ApplicationFactory(program=program, trainee=trainee), S.SUBMITTED)
    passport = DocumentFactory(owner=trainee)
    url = reverse("trainees:document_download", args=[passport.pk])
    rejected_at = timezone.now()
    application_transition(application=application, to=S.REJECTED, by=coordinator, reason="Full")
    with time_machine.travel(rejected_at + timedelta(days=29, hours=23)):
        client = client_for(coordinator)  # signed in then (sessions expire meanwhile)
        assert client.get(url).status_code == 200
        assert passport.get_type_display() in _review_page(client, application)
    with time_machine.travel(rejected_at + timedelta(days=30, hours=1)):
        client = client_for(coordinator)
        assert client.get(url).status_code == 404
        assert visible_document_types(coordinator, trainee.pk) == NO_DOCUMENT_TYPES
        # The application stays in the review; its documents and photo do not.
        page = _review_page(client, application)
        assert "no longer available to your organisation" in page
        assert url not in page
        assert client.get(reverse("trainees:photo", args=[trainee.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.document_review(document=passport, by=coordinator, verified=True)


@pytest.mark.parametrize("status", [S.WITHDRAWN, S.DECLINED, S.EXPIRED, S.REJECTED])
def test_every_closing_counts_from_its_move_in_the_history(status, coordinator, trainee, settings):
    settings.DOCUMENT_ACCESS_AFTER_CLOSE_DAYS = 7
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    application = put_in_status(ApplicationFactory(program=program, trainee=trainee), status)
    closed = StatusChange.objects.create(
        application=application,
        from_status=S.OFFERED,
        to_status=status,
        at=timezone.now() - timedelta(days=6),
    )
    assert selectors.coordinator_sees_trainee(coordinator, trainee.pk)
    StatusChange.objects.filter(pk=closed.pk).update(at=timezone.now() - timedelta(days=8))
    assert not selectors.coordinator_sees_trainee(coordinator, trainee.pk)


def test_another_open_application_to_the_organisation_keeps_the_documents_open(
    coordinator, trainee
):
    organisation = coordinator.coordinator_of
    closed = put_in_status(
        ApplicationFactory(
            program=PublishedProgramFactory(organisation=organisation), trainee=trainee
        ),
        S.REJECTED,
    )
    StatusChange.objects.create(
        application=closed,
        from_status=S.SUBMITTED,
        to_status=S.REJECTED,
        at=timezone.now() - timedelta(days=90),
    )
    assert not selectors.coordinator_sees_trainee(coordinator, trainee.pk)
    put_in_status(
        ApplicationFactory(
            program=PublishedProgramFactory(organisation=organisation), trainee=trainee
        ),
        S.SUBMITTED,
    )
    assert selectors.coordinator_sees_trainee(coordinator, trainee.pk)


# --- Supervisors: only what the program shows them --------------------------------------


def _sent_placement(application, supervisor) -> Placement:
    role = Supervisor.objects.get(user=supervisor)
    site = RotationSiteFactory(program=application.program, department=role.department)
    return Placement.objects.create(
        application=application,
        rotation_site=site,
        department=role.department,
        supervisor=role,
        start_date=site.start_date,
        end_date=site.end_date,
        status=Placement.Status.PROPOSED,
    )


def test_a_new_program_shows_supervisors_cv_diploma_and_licence_never_the_passport(coordinator):
    program = ProgramFactory(organisation=coordinator.coordinator_of)
    assert set(program.documents_for_supervisors) == {"cv", "diploma", "licence"}
    assert set(DEFAULT_DOCUMENTS_FOR_SUPERVISORS) == {"cv", "diploma", "licence"}


def test_the_supervisor_gets_the_programs_types_only(client_for, supervisor, trainee, coordinator):
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    application = put_in_status(ApplicationFactory(program=program, trainee=trainee), S.SUBMITTED)
    passport = DocumentFactory(owner=trainee)
    cv = DocumentFactory(owner=trainee, type="cv")
    _sent_placement(application, supervisor)
    client = client_for(supervisor)
    passport_url = reverse("trainees:document_download", args=[passport.pk])
    cv_url = reverse("trainees:document_download", args=[cv.pk])
    assert visible_document_types(supervisor, trainee.pk) == {"cv", "diploma", "licence"}
    assert client.get(cv_url).status_code == 200
    assert client.get(passport_url).status_code == 404

    Program.objects.filter(pk=program.pk).update(documents_for_supervisors=["passport"])
    assert client.get(passport_url).status_code == 200
    assert client.get(cv_url).status_code == 404

    Program.objects.filter(pk=program.pk).update(documents_for_supervisors=[])
    assert client.get(passport_url).status_code == 404
    # No documents, but still the profile photo of the person they will supervise.
    assert selectors.can_see_profile_of(supervisor, trainee.pk)


def test_the_coordinator_chooses_the_supervisors_documents_in_the_program_form(
    client_for, coordinator
):
    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    client = client_for(coordinator)
    url = reverse("programs:program_update", args=[program.pk])
    form = client.get(url).context["form"]
    assert "documents_for_supervisors" in form.fields
    choices = {code for code, _label in form.fields["documents_for_supervisors"].choices}
    assert "passport" in choices and "photo" not in choices and "nomination" not in choices
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"specialties"}
    }
    data.update(
        {
            "specialties": [s.pk for s in program.specialties.all()],
            "required_documents": program.required_documents,
            "documents_for_supervisors": ["cv", "vaccination"],
            "start_date": program.start_date.isoformat(),
            "end_date": program.end_date.isoformat(),
            "application_opens": program.application_opens.isoformat(),
            "application_closes": program.application_closes.isoformat(),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    program.refresh_from_db()
    assert program.documents_for_supervisors == ["cv", "vaccination"]
    detail = client.get(reverse("programs:program_detail", args=[program.pk])).content.decode()
    assert "Documents shown to supervisors" in detail and "Vaccination record" in detail
