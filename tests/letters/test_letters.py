"""Visa invitation letters: issued on acceptance, re-issued when details change, verifiable."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from applications import services as applications
from letters.models import InvitationLetter
from letters.services import letter_issue
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import TraineeProfileFactory, UserFactory
from trainees.services import profile_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(coordinator, program, django_capture_on_commit_callbacks):
    trainee = UserFactory(first_name="Alexei", last_name="Smirnov", native_name="Алексей Смирнов")
    TraineeProfileFactory(user=trainee, passport_number="75 4012345", nationality="RU")
    application = put_in_status(
        ApplicationFactory(program=program, trainee=trainee), "offered", by=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        applications.offer_accept(application=application, by=trainee)
    return application


def _text(letter: InvitationLetter) -> str:
    with letter.pdf.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)


def test_accepting_an_offer_issues_a_letter_with_the_passport_details(accepted, program):
    letter = InvitationLetter.objects.get(application=accepted, is_current=True)
    text = " ".join(_text(letter).split())
    for expected in ("SMIRNOV", "Alexei", "75 4012345", "Russia", program.title, letter.code):
        assert expected in text, expected
    hospital = program.rotation_sites.first().department.hospital
    assert hospital.name in text
    assert reverse("letters:verify", args=[letter.code]) in text.replace(" ", "")


def test_the_letter_is_issued_again_only_when_its_details_change(
    accepted, django_capture_on_commit_callbacks
):
    first = InvitationLetter.objects.get(application=accepted)
    assert letter_issue(accepted.pk) == first  # nothing changed: same letter

    with django_capture_on_commit_callbacks(execute=True):
        profile_save(user=accepted.trainee, data={"passport_number": "76 9999999"})
    current = InvitationLetter.objects.get(application=accepted, is_current=True)
    assert current != first and "76 9999999" in _text(current)
    first.refresh_from_db()
    assert not first.is_current


def test_no_letter_before_acceptance(coordinator, program):
    application = put_in_status(ApplicationFactory(program=program), "offered", by=coordinator)
    assert letter_issue(application.pk) is None
    assert not InvitationLetter.objects.exists()


def test_the_verification_page_confirms_with_minimal_data(client, accepted):
    letter = InvitationLetter.objects.get(application=accepted)
    page = client.get(reverse("letters:verify", args=[letter.code]))
    body = page.content.decode()
    assert page.status_code == 200 and "Genuine." in body
    assert "SMIRNOV A." in body
    assert "75 4012345" not in body  # no passport number on a public page
    typed = client.get(
        reverse("letters:verify_form"), {"code": letter.code.lower().replace("-", "")}
    )
    assert "Genuine." in typed.content.decode()


def test_an_unknown_code_is_not_genuine(client):
    page = client.get(reverse("letters:verify", args=["ABCD-EFGH-JKLM"]))
    assert page.status_code == 404
    assert "No letter with this code" in page.content.decode()


def test_a_replaced_letter_says_so(client, accepted, django_capture_on_commit_callbacks):
    first = InvitationLetter.objects.get(application=accepted)
    with django_capture_on_commit_callbacks(execute=True):
        profile_save(user=accepted.trainee, data={"passport_number": "76 1111111"})
    body = client.get(reverse("letters:verify", args=[first.code])).content.decode()
    assert "Genuine, but replaced." in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("trainee", 200), ("coordinator", 200), ("other_coordinator", 404), ("stranger", 404)],
)
def test_only_the_applicant_and_the_coordinators_download_it(
    client_for, accepted, coordinator, other_coordinator, who, status
):
    person = {
        "trainee": accepted.trainee,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "stranger": UserFactory(),
    }[who]
    response = client_for(person).get(reverse("letters:download", args=[accepted.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
