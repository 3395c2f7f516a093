"""Private documents: stored under random names, downloaded only with permission, logged."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import DocumentFactory, UserFactory
from tests.hospitals.uploads import PDF_BYTES, active_pdfs, image_bytes, upload
from trainees.models import Document, DocumentDownload
from trainees.selectors import passport_warning

pytestmark = pytest.mark.django_db


def _upload(client, content=PDF_BYTES, name="passport.pdf", type="passport", **extra):
    return client.post(
        reverse("trainees:documents"),
        {"type": type, "file": upload(name, content, "application/pdf"), **extra},
    )


def test_a_trainee_uploads_a_passport_stored_under_a_random_name(client_for, trainee):
    response = _upload(client_for(trainee), name="../../etc/passwd.pdf", expires_on="2031-05-01")
    assert response.status_code == 302
    document = Document.objects.get(owner=trainee)
    assert document.file.name.startswith("trainees/documents/")
    assert "passwd" not in document.file.name and ".." not in document.file.name
    assert (document.type, document.extension) == ("passport", ".pdf")
    assert not document.reviews.exists()  # waiting for a check by every organisation


def test_a_scan_photographed_with_a_phone_is_accepted_as_jpeg(client_for, trainee):
    _upload(client_for(trainee), image_bytes(fmt="PNG"), "scan.png", type="diploma")
    document = Document.objects.get(owner=trainee)
    assert (document.extension, document.content_type) == (".jpg", "image/jpeg")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 an executable", "PDF, or as a JPEG or PNG photo"),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_and_nothing_is_stored(
    client_for, trainee, content, message
):
    response = _upload(client_for(trainee), content, "passport.pdf")
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_an_expired_document_is_refused(client_for, trainee):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = _upload(client_for(trainee), expires_on=yesterday)
    assert "already expired" in response.content.decode()


def test_replacing_keeps_the_old_version_as_history(client_for, trainee):
    client = client_for(trainee)
    _upload(client)
    old = Document.objects.get(owner=trainee)
    _upload(client)
    old.refresh_from_db()
    new = Document.objects.get(owner=trainee, is_current=True)
    assert not old.is_current and new.replaces == old
    assert old.file.storage.exists(old.file.name)


def test_a_failed_store_keeps_the_current_version_and_leaves_no_orphan(trainee, monkeypatch):
    from trainees import services

    current = DocumentFactory(owner=trainee)
    storage = Document._meta.get_field("file").storage
    before = set(storage.listdir("trainees/documents")[1])

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document.objects, "create", broken)
    with pytest.raises(RuntimeError):
        services.document_upload(owner=trainee, type="passport", file=upload("p.pdf", PDF_BYTES))
    current.refresh_from_db()
    assert current.is_current
    assert set(storage.listdir("trainees/documents")[1]) == before


@pytest.fixture
def applied(trainee, coordinator):
    from tests.factories import PublishedProgramFactory

    program = PublishedProgramFactory(organisation=coordinator.coordinator_of)
    application = put_in_status(ApplicationFactory(program=program, trainee=trainee), "submitted")
    document = DocumentFactory(owner=trainee)
    return application, document


def test_the_coordinator_of_a_program_applied_to_downloads_and_it_is_logged(
    client_for, coordinator, applied
):
    _application, document = applied
    response = client_for(coordinator).get(
        reverse("trainees:document_download", args=[document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    download = DocumentDownload.objects.get()
    assert (download.document, download.by) == (document, coordinator)


@pytest.mark.parametrize("who", ["other_trainee", "other_coordinator", "supervisor"])
def test_others_get_404_and_nothing_is_logged(
    client_for, applied, who, other_coordinator, supervisor
):
    _application, document = applied
    person = {
        "other_trainee": UserFactory(),
        "other_coordinator": other_coordinator,
        "supervisor": supervisor,
    }[who]
    response = client_for(person).get(reverse("trainees:document_download", args=[document.pk]))
    assert response.status_code == 404
    assert not DocumentDownload.objects.exists()


def test_a_draft_application_does_not_open_the_documents_to_the_coordinator(
    client_for, coordinator, applied
):
    application, document = applied
    type(application).objects.filter(pk=application.pk).update(status="draft")
    response = client_for(coordinator).get(
        reverse("trainees:document_download", args=[document.pk])
    )
    assert response.status_code == 404


def test_the_coordinator_rejects_with_a_reason_and_the_trainee_is_told(
    client_for, coordinator, applied, django_capture_on_commit_callbacks
):
    _application, document = applied
    client = client_for(coordinator)
    url = reverse("trainees:document_review", args=[document.pk])
    client.post(url, {"decision": "reject", "reason": ""})
    assert not document.reviews.exists()  # a rejection needs a reason
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "The scan is cut off at the bottom."})
    review = document.reviews.get()
    assert (review.status, review.reviewed_by, review.organisation) == (
        "rejected",
        coordinator,
        coordinator.coordinator_of,
    )
    assert [m.to for m in mail.outbox] == [[document.owner.email]]
    assert "cut off" in mail.outbox[0].body
    assert coordinator.coordinator_of.name in mail.outbox[0].body
    page = client_for(document.owner).get(reverse("trainees:documents")).content.decode()
    assert "cut off" in page


def test_a_trainee_cannot_verify_their_own_document(client_for, trainee, applied):
    _application, document = applied
    response = client_for(trainee).post(
        reverse("trainees:document_review", args=[document.pk]), {"decision": "verify"}
    )
    assert response.status_code == 403
    assert not document.reviews.exists()


def test_a_passport_ending_within_six_months_of_the_program_warns(trainee):
    end = timezone.localdate() + timedelta(days=100)
    DocumentFactory(owner=trainee, expires_on=end + timedelta(days=90))
    assert "six months" in passport_warning(trainee, end)
    Document.objects.update(expires_on=end + timedelta(days=400))
    assert passport_warning(trainee, end) is None


def test_the_supervisor_of_a_sent_placement_downloads_until_it_is_cancelled(
    client_for, applied, supervisor
):
    from hospitals.models import Supervisor
    from placements.models import Placement

    application, _passport = applied
    document = DocumentFactory(owner=application.trainee, type="cv")  # shown to supervisors
    role = Supervisor.objects.get(user=supervisor)
    placement = Placement.objects.create(
        application=application,
        department=role.department,
        supervisor=role,
        start_date=application.program.start_date,
        end_date=application.program.end_date,
        status="planned",
    )
    url = reverse("trainees:document_download", args=[document.pk])
    assert client_for(supervisor).get(url).status_code == 404  # not sent yet
    Placement.objects.filter(pk=placement.pk).update(status="proposed")
    assert client_for(supervisor).get(url).status_code == 200
    Placement.objects.filter(pk=placement.pk).update(status="cancelled")
    assert client_for(supervisor).get(url).status_code == 404


@pytest.mark.parametrize("case", ["javascript-on-open", "embedded-file", "encrypted-owner-only"])
def test_a_pdf_document_with_active_content_or_encryption_is_refused(
    client_for, trainee, case, media_in_tmp
):
    content, named = active_pdfs()[case]
    response = _upload(client_for(trainee), content)
    assert response.status_code == 200
    assert named in str(response.context["form"].errors["file"])
    assert not Document.objects.filter(owner=trainee).exists()
    assert not list((media_in_tmp / "private").rglob("*.pdf"))
