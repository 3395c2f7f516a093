"""Referee and nomination letters: the applicant names someone, who gets a signed link that
works once for 14 days to upload a PDF without an account; the coordinators of the host
organisation download it (audited), the applicant only sees that it arrived."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import referees
from applications.models import Application, LetterDownload, RefereeRequest
from notifications.models import Notification
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = Application.Status

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="letter.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_letters(media_in_tmp) -> list[Path]:
    folder = Path(media_in_tmp) / "private" / "letters"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def submitted(program, trainee):
    return put_in_status(ApplicationFactory(program=program, trainee=trainee), S.SUBMITTED)


@pytest.fixture
def ask(trainee, django_capture_on_commit_callbacks):
    """ask(application, email=…) -> a referee request made by the applicant, mail sent."""

    def make(application, *, email="minister@moh.example.org", **extra):
        fields = {"kind": "nomination", "name": "Dr Aigerim Sadykova", **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return referees.referee_request_create(
                application=application,
                by=application.trainee,
                email=email,
                organisation="Ministry of Health, Almaty region",
                **fields,
            )

    return make


def upload_url(referee) -> str:
    return reverse("applications:referee_upload", args=[referees.referee_token(referee)])


# --- Asking for a letter --------------------------------------------------------------


def test_trainee_names_a_referee_on_the_application_page_and_the_referee_is_mailed(
    client_for, trainee, submitted, django_capture_on_commit_callbacks, settings
):
    client = client_for(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:referee_add", args=[submitted.pk]),
            {
                "kind": "referee",
                "name": "Prof. Kim Min-jun",
                "email": "Kim.Minjun@Hospital.example.KR",
                "organisation": "Seoul National University Hospital",
            },
        )
    assert response.status_code == 302
    referee = RefereeRequest.objects.get(application=submitted)
    assert referee.email == "kim.minjun@hospital.example.kr"
    assert referee.expires_at == referee.requested_at + timedelta(days=14)

    [message] = mail.outbox
    assert message.to == ["kim.minjun@hospital.example.kr"]
    assert "recommendation letter" in message.subject
    assert trainee.display_name in message.body
    link = settings.PORTAL_URL + upload_url(referee)
    assert link in message.body
    assert link in message.alternatives[0][0]
    # The referee has no account: one e-mail row, no in-app notification.
    rows = Notification.objects.filter(kind="applications.referee_request")
    assert [(row.channel, row.recipient_id) for row in rows] == [("email", None)]

    page = client.get(reverse("applications:detail", args=[submitted.pk])).content.decode()
    assert "Prof. Kim Min-jun" in page
    assert "Waiting for the letter" in page


def test_the_referee_mail_is_in_the_applicants_language(trainee, submitted, ask):
    trainee.language = "ko"
    trainee.save(update_fields=["language"])
    ask(submitted)
    assert Notification.objects.get(kind="applications.referee_request").language == "ko"


def test_a_fourth_referee_is_refused(submitted, ask):
    for n in range(3):
        ask(submitted, email=f"referee{n}@example.org")
    with pytest.raises(ValidationError) as error:
        ask(submitted, email="referee4@example.org")
    assert "at most 3" in " ".join(error.value.messages)
    assert submitted.referee_requests.count() == 3


def test_the_same_address_twice_is_refused_whatever_its_case(submitted, ask):
    ask(submitted, email="minister@moh.example.org")
    with pytest.raises(ValidationError) as error:
        ask(submitted, email="  Minister@MOH.example.org ")
    assert "already asked this person" in error.value.message_dict["email"][0]
    assert submitted.referee_requests.count() == 1


def test_the_applicant_cannot_be_their_own_referee(trainee, submitted, ask):
    with pytest.raises(ValidationError) as error:
        ask(submitted, email=trainee.email.upper())
    assert "email" in error.value.message_dict


@pytest.mark.parametrize("status", [S.OFFERED, S.ACCEPTED, S.REJECTED, S.WITHDRAWN])
def test_no_referee_after_the_decision(status, submitted, coordinator, ask):
    put_in_status(submitted, status, by=coordinator)
    with pytest.raises(ValidationError) as error:
        ask(submitted)
    assert "until a decision" in " ".join(error.value.messages)
    assert not RefereeRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("status", [S.DRAFT, S.UNDER_REVIEW, S.SHORTLISTED])
def test_referees_can_be_named_until_the_decision(status, submitted, ask):
    put_in_status(submitted, status)
    assert ask(submitted).pk


def test_only_the_applicant_names_referees(submitted, coordinator):
    for someone in (coordinator, UserFactory()):
        with pytest.raises(PermissionDenied):
            referees.referee_request_create(
                application=submitted,
                by=someone,
                kind="referee",
                name="X",
                email="x@example.org",
            )
    assert not RefereeRequest.objects.exists()


def test_the_form_shows_the_refusal_next_to_the_field(client_for, trainee, submitted, ask):
    ask(submitted, email="minister@moh.example.org")
    response = client_for(trainee).post(
        reverse("applications:referee_add", args=[submitted.pk]),
        {"kind": "referee", "name": "Again", "email": "minister@moh.example.org"},
    )
    assert response.status_code == 200
    assert response.context["referee_form"].errors["email"]
    assert "already asked this person" in response.content.decode()


def test_the_add_form_disappears_at_the_limit(client_for, trainee, submitted, ask):
    for n in range(3):
        ask(submitted, email=f"referee{n}@example.org")
    response = client_for(trainee).get(reverse("applications:detail", args=[submitted.pk]))
    assert response.context["referee_form"] is None


# --- The link ---------------------------------------------------------------------------


def test_the_link_shows_who_asks_for_which_program_and_until_when(client, submitted, ask):
    referee = ask(submitted)
    response = client.get(upload_url(referee))
    assert response.status_code == 200
    page = response.content.decode()
    assert submitted.trainee.display_name in page
    assert submitted.program.title in page
    assert "nomination letter" in page
    assert "This link works once" in page
    assert "no-store" in response["Cache-Control"]


def test_the_link_works_once(
    client, submitted, ask, media_in_tmp, django_capture_on_commit_callbacks
):
    referee = ask(submitted)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(upload_url(referee), {"letter": pdf()})
    assert response.status_code == 200
    assert "Your letter was received" in response.content.decode()
    referee.refresh_from_db()
    assert referee.received_at is not None
    assert referee.letter.name.startswith("letters/")
    assert "letter.pdf" not in referee.letter.name  # a random name, not the referee's
    assert referee.letter.read() == PDF
    assert len(stored_letters(media_in_tmp)) == 1

    again = client.get(upload_url(referee))
    assert again.status_code == 410
    assert "This link was already used" in again.content.decode()
    second = client.post(upload_url(referee), {"letter": pdf(content=PDF + b"other")})
    assert second.status_code == 410
    assert len(stored_letters(media_in_tmp)) == 1
    referee.refresh_from_db()
    assert referee.letter.read() == PDF


def test_the_service_refuses_a_second_upload_and_stores_nothing(submitted, ask, media_in_tmp):
    referee = ask(submitted)
    referees.referee_letter_upload(request=referee, file=pdf())
    with pytest.raises(referees.RefereeLinkUnavailable) as error:
        referees.referee_letter_upload(request=referee, file=pdf())
    assert error.value.reason == "used"
    assert len(stored_letters(media_in_tmp)) == 1


def test_an_expired_link_says_so(client, submitted, ask, media_in_tmp):
    referee = ask(submitted)
    with time_machine.travel(referee.requested_at + timedelta(days=14, minutes=1)):
        response = client.get(upload_url(referee))
        assert response.status_code == 410
        assert (
            "This link has expired; ask the applicant to send a new one"
            in response.content.decode()
        )
        posted = client.post(upload_url(referee), {"letter": pdf()})
        assert posted.status_code == 410
        with pytest.raises(referees.RefereeLinkUnavailable):
            referees.referee_letter_upload(request=referee, file=pdf())
    assert stored_letters(media_in_tmp) == []
    referee.refresh_from_db()
    assert referee.received_at is None


def test_the_link_still_works_on_its_last_day(client, submitted, ask):
    referee = ask(submitted)
    with time_machine.travel(referee.requested_at + timedelta(days=13, hours=23)):
        assert client.get(upload_url(referee)).status_code == 200


def test_a_tampered_link_is_not_found(client, submitted, ask):
    referee = ask(submitted)
    token = referees.referee_token(referee)
    for bad in (token[:-3] + "xyz", "1:abc", "nonsense"):
        url = reverse("applications:referee_upload", args=[bad])
        assert client.get(url).status_code == 404
        assert client.post(url, {"letter": pdf()}).status_code == 404
    assert referees.referee_request_from_token(token[:-3] + "xyz") is None


def test_a_token_signed_for_something_else_is_not_found(client, submitted, ask):
    from django.core import signing

    referee = ask(submitted)
    other_purpose = signing.dumps(referee.pk, salt="accounts.invitation")
    url = reverse("applications:referee_upload", args=[other_purpose])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf", "Upload the letter as a PDF file."),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_non_pdf_is_refused_with_a_message_and_nothing_is_stored(
    client, submitted, ask, media_in_tmp, content, message
):
    referee = ask(submitted)
    response = client.post(upload_url(referee), {"letter": pdf("letter.pdf", content)})
    assert response.status_code == 200
    assert response.context["form"].errors["letter"] == [message]
    assert stored_letters(media_in_tmp) == []
    referee.refresh_from_db()
    assert referee.received_at is None
    assert not Notification.objects.filter(kind="applications.referee_letter_received").exists()


def test_a_file_over_the_limit_is_refused(client, submitted, ask, media_in_tmp, settings):
    settings.UPLOAD_MAX_BYTES = 2**20
    referee = ask(submitted)
    big = pdf(content=PDF + b"0" * (2**20))
    response = client.post(upload_url(referee), {"letter": big})
    assert response.status_code == 200
    assert response.context["form"].errors["letter"] == ["The file is too large: at most 1 MB."]
    assert stored_letters(media_in_tmp) == []


def test_a_failure_after_storing_leaves_no_orphan_file(submitted, ask, media_in_tmp, monkeypatch):
    referee = ask(submitted)

    def broken(referee):
        raise RuntimeError("the outbox is broken")

    monkeypatch.setattr(referees, "referee_letter_received", broken)
    with pytest.raises(RuntimeError):
        referees.referee_letter_upload(request=referee, file=pdf())
    assert stored_letters(media_in_tmp) == []
    referee.refresh_from_db()
    assert referee.received_at is None
    assert not referee.letter


# --- Who hears about it, who reads it ---------------------------------------------------


def test_the_applicant_and_the_coordinators_are_told(
    client, submitted, ask, coordinator, trainee, django_capture_on_commit_callbacks
):
    referee = ask(submitted)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(upload_url(referee), {"letter": pdf()})
    to_trainee = Notification.objects.filter(
        kind="applications.referee_letter_received", recipient=trainee
    )
    assert sorted(to_trainee.values_list("channel", flat=True)) == ["email", "in_app"]
    to_coordinator = Notification.objects.filter(
        kind="applications.referee_letter_to_read", recipient=coordinator
    )
    assert to_coordinator.count() == 2
    assert {m.to[0] for m in mail.outbox} == {trainee.email, coordinator.email}
    # Nobody gets the letter by mail.
    assert all(not m.attachments for m in mail.outbox)


def test_coordinators_are_not_told_about_a_draft_they_cannot_see(
    client, program, trainee, coordinator, ask
):
    draft = ApplicationFactory(program=program, trainee=trainee)
    referee = ask(draft)
    client.post(upload_url(referee), {"letter": pdf()})
    assert Notification.objects.filter(kind="applications.referee_letter_received").exists()
    assert not Notification.objects.filter(kind="applications.referee_letter_to_read").exists()


def test_the_applicant_sees_that_it_came_but_never_the_file(
    client, client_for, trainee, submitted, ask
):
    referee = ask(submitted)
    client.post(upload_url(referee), {"letter": pdf()})
    referee.refresh_from_db()
    page = client_for(trainee).get(reverse("applications:detail", args=[submitted.pk]))
    html = page.content.decode()
    assert "Letter received on" in html
    assert reverse("applications:referee_letter", args=[referee.pk]) not in html
    response = client_for(trainee).get(reverse("applications:referee_letter", args=[referee.pk]))
    assert response.status_code == 404
    assert not LetterDownload.objects.exists()


def test_the_coordinator_downloads_the_letter_and_it_is_recorded(
    client, client_for, coordinator, submitted, ask
):
    referee = ask(submitted)
    client.post(upload_url(referee), {"letter": pdf()})
    coordinator_client = client_for(coordinator)
    page = coordinator_client.get(reverse("applications:review_detail", args=[submitted.pk]))
    url = reverse("applications:referee_letter", args=[referee.pk])
    assert url in page.content.decode()

    response = coordinator_client.get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    [download] = LetterDownload.objects.all()
    assert (download.request_id, download.by_id, download.ip) == (
        referee.pk,
        coordinator.pk,
        "203.0.113.7",
    )


def test_other_people_cannot_download(
    client, client_for, other_coordinator, supervisor, submitted, ask
):
    referee = ask(submitted)
    client.post(upload_url(referee), {"letter": pdf()})
    url = reverse("applications:referee_letter", args=[referee.pk])
    for someone in (other_coordinator, supervisor, UserFactory()):
        assert client_for(someone).get(url).status_code == 404
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    assert not LetterDownload.objects.exists()


def test_a_letter_not_received_yet_cannot_be_downloaded(client_for, coordinator, submitted, ask):
    referee = ask(submitted)
    url = reverse("applications:referee_letter", args=[referee.pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_a_deleted_file_is_a_404_not_a_crash(client, client_for, coordinator, submitted, ask):
    referee = ask(submitted)
    client.post(upload_url(referee), {"letter": pdf()})
    referee.refresh_from_db()
    referee.letter.storage.delete(referee.letter.name)
    url = reverse("applications:referee_letter", args=[referee.pk])
    assert client_for(coordinator).get(url).status_code == 404
    assert not LetterDownload.objects.exists()


# --- Sending the link again -------------------------------------------------------------


def test_an_expired_link_can_be_sent_again(
    client_for, trainee, submitted, ask, client, django_capture_on_commit_callbacks
):
    referee = ask(submitted)
    mail.outbox.clear()
    later = referee.expires_at + timedelta(days=1)
    with time_machine.travel(later):
        page = client_for(trainee).get(reverse("applications:detail", args=[submitted.pk]))
        assert "expired" in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client_for(trainee).post(
                reverse("applications:referee_resend", args=[submitted.pk, referee.pk])
            )
        referee.refresh_from_db()
        assert referee.expires_at > later + timedelta(days=13)
        assert len(mail.outbox) == 1
        client.logout()
        assert client.get(upload_url(referee)).status_code == 200


def test_the_link_is_not_sent_again_within_a_day_nor_after_the_letter(submitted, ask):
    referee = ask(submitted)
    with pytest.raises(ValidationError):
        referees.referee_request_resend(request=referee, by=submitted.trainee)
    referees.referee_letter_upload(request=referee, file=pdf())
    referee.refresh_from_db()
    with (
        time_machine.travel(referee.requested_at + timedelta(days=2)),
        pytest.raises(ValidationError),
    ):
        referees.referee_request_resend(request=referee, by=submitted.trainee)


# --- Review list ------------------------------------------------------------------------


def test_the_review_list_filters_on_letters_received(client_for, coordinator, program, ask):
    with_letter, waiting, without = (
        put_in_status(ApplicationFactory(program=program), S.SUBMITTED) for _ in range(3)
    )
    referees.referee_letter_upload(request=ask(with_letter), file=pdf())
    ask(waiting)
    client = client_for(coordinator)
    url = reverse("applications:review_list", args=[program.pk])

    def rows(**params):
        return set(client.get(url, params).context["page_obj"])

    assert rows(letters="yes") == {with_letter}
    assert rows(letters="no") == {waiting, without}
    assert rows() == {with_letter, waiting, without}
    assert "1 of 1 received" in client.get(url).content.decode()
