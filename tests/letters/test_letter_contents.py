"""What an invitation letter prints: the trainee's own placements, in English whatever the
language of the session that accepted the offer; refused while the passport expires too soon;
re-issued only when a printed detail changes, the old one saying it was replaced, and when."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from applications import services as applications
from applications.models import Application
from core.dates import add_months
from letters.models import InvitationLetter, LetterRefusal
from letters.services import letter_issue
from notifications.models import Notification
from placements.models import Placement
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import (
    RotationSiteFactory,
    SupervisorFactory,
    TraineeProfileFactory,
    UserFactory,
)
from tests.hospitals.uploads import PDF_BYTES, upload
from tests.letters.test_letters import _text
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, set_time_zone
from trainees.services import document_upload, profile_save

pytestmark = pytest.mark.django_db

NATIVE_NAME = "Алексей Смирнов"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture
def sites(program):
    """Four rotation sites of the program, each at its own hospital, one week each."""
    program.covers_travel = program.covers_housing = True
    program.save()
    first = program.rotation_sites.get()
    first.end_date = program.start_date + timedelta(days=6)
    first.save()
    others = [
        RotationSiteFactory(
            program=program,
            start_date=program.start_date + timedelta(days=7 * week),
            end_date=program.start_date + timedelta(days=7 * week + 6),
        )
        for week in (1, 2, 3)
    ]
    return [first, *others]


def _place(application, site, supervisor=None) -> Placement:
    return Placement.objects.create(
        application=application,
        rotation_site=site,
        department=site.department,
        supervisor=supervisor,
        start_date=site.start_date,
        end_date=site.end_date,
        status=Placement.Status.APPROVED,
    )


@pytest.fixture
def offered(coordinator, program, sites):
    """Alexei, offered a place, placed at the first and the third of the four sites."""
    trainee = UserFactory(
        first_name="Alexei", last_name="Smirnov", native_name=NATIVE_NAME, language="ru"
    )
    TraineeProfileFactory(user=trainee, passport_number="75 4012345", nationality="RU")
    application = ApplicationFactory(program=program, trainee=trainee)
    supervisor = SupervisorFactory(
        department=sites[0].department, user__first_name="Jisoo", user__last_name="Lee"
    )
    _place(application, sites[0], supervisor)
    _place(application, sites[2])
    return put_in_status(application, "offered", by=coordinator)


def _accept_in_russian(client, application, capture) -> None:
    """Accepted over HTTP by a trainee whose language is Russian; the letter's task runs
    eagerly with Russian still active, as it would inside the request."""
    client.force_login(application.trainee)
    with translation.override("ru"), capture(execute=True):
        response = client.post(reverse("applications:act", args=[application.pk, "accept"]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


def _upload_passport(trainee, expires_on, capture) -> None:
    with capture(execute=True):
        document_upload(
            owner=trainee,
            type="passport",
            file=upload("passport.pdf", PDF_BYTES),
            expires_on=expires_on,
        )


def test_a_letter_accepted_in_a_russian_session_is_english_and_lists_only_own_hospitals(
    client, offered, sites, django_capture_on_commit_callbacks
):
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)

    letter = InvitationLetter.objects.get(application=offered, is_current=True)
    text = " ".join(_text(letter).split())
    assert NATIVE_NAME in text  # the native-name field, in its own script
    outside = text.replace(NATIVE_NAME, "")
    assert not CYRILLIC.findall(outside), CYRILLIC.findall(outside)
    for expected in ("Cohort rotation", "Russia", "Travel, Housing", "Jisoo Lee, Professor"):
        assert expected in text, expected
    own = {sites[0].department.hospital.name, sites[2].department.hospital.name}
    others = {sites[1].department.hospital.name, sites[3].department.hospital.name}
    assert all(name in text for name in own)
    assert not any(name in text for name in others)
    assert [site["hospital"] for site in letter.details["hospitals"]] == [
        sites[0].department.hospital.name,
        sites[2].department.hospital.name,
    ]
    # The stay runs from the first placement's start to the last one's end, written in English.
    assert letter.details["end"] == sites[2].end_date.isoformat()
    assert sites[2].end_date.strftime("%B") in text


def test_a_passport_expiring_within_the_margin_refuses_the_letter_and_says_what_to_do(
    client, coordinator, offered, sites, django_capture_on_commit_callbacks
):
    stay_end = sites[2].end_date
    _upload_passport(
        offered.trainee, stay_end + timedelta(days=150), django_capture_on_commit_callbacks
    )
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)

    assert not InvitationLetter.objects.filter(application=offered).exists()
    refusal = LetterRefusal.objects.get(application=offered)
    assert refusal.stay_ends_on == stay_end
    assert refusal.valid_until_needed == add_months(stay_end, 6)
    assert Notification.objects.filter(
        kind="letters.letter_refused", recipient=offered.trainee
    ).exists()

    client.force_login(offered.trainee)
    offered.trainee.language = "en"
    offered.trainee.save(update_fields=["language"])
    mine = client.get(reverse("applications:detail", args=[offered.pk])).content.decode()
    assert "Your invitation letter cannot be issued yet" in mine
    assert "upload the new one" in mine

    client.force_login(coordinator)
    review = client.get(reverse("applications:review_detail", args=[offered.pk])).content.decode()
    assert "No invitation letter was issued: the passport expires on" in review

    # A renewed passport: the letter is issued, the refusal is gone.
    _upload_passport(
        offered.trainee, stay_end + timedelta(days=400), django_capture_on_commit_callbacks
    )
    letter = InvitationLetter.objects.get(application=offered, is_current=True)
    assert not LetterRefusal.objects.filter(application=offered).exists()
    assert (stay_end + timedelta(days=400)).strftime("%B") in _text(letter)


def test_the_margin_is_a_setting(
    client, settings, offered, sites, django_capture_on_commit_callbacks
):
    settings.LETTER_PASSPORT_MARGIN_MONTHS = 3
    _upload_passport(
        offered.trainee, sites[2].end_date + timedelta(days=150), django_capture_on_commit_callbacks
    )
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)
    assert InvitationLetter.objects.filter(application=offered, is_current=True).exists()
    assert not LetterRefusal.objects.exists()


def test_a_changed_placement_reissues_the_letter_and_the_old_one_says_replaced_and_when(
    client, organisation, offered, sites, django_capture_on_commit_callbacks
):
    set_time_zone(organisation, "Asia/Seoul")
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)
    first = InvitationLetter.objects.get(application=offered, is_current=True)

    placement = offered.placements.get(department=sites[2].department)
    moment = time_machine.travel(SEOUL_NEXT_MORNING, tick=False)
    with moment, django_capture_on_commit_callbacks(execute=True):
        placement.end_date -= timedelta(days=2)
        placement.save()
    current = InvitationLetter.objects.get(application=offered, is_current=True)
    assert current != first and current.issued_on == SEOUL_DAY
    assert current.details["end"] == placement.end_date.isoformat()
    first.refresh_from_db()
    assert not first.is_current and first.replaced_by == current

    client.logout()
    old = client.get(reverse("letters:verify", args=[first.code])).content.decode()
    assert "Genuine, but replaced." in old
    assert "replaced by a newer letter on March 15, 2030" in old
    new = client.get(reverse("letters:verify", args=[current.code])).content.decode()
    assert "Genuine." in new and "replaced" not in new


def test_nothing_printed_changed_no_new_letter(client, offered, django_capture_on_commit_callbacks):
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)
    letter = InvitationLetter.objects.get(application=offered)

    with django_capture_on_commit_callbacks(execute=True):
        for placement in offered.placements.all():  # a status the letter does not print
            placement.status = Placement.Status.IN_PROGRESS
            placement.save()
        profile_save(user=offered.trainee, data={"phone": "+7 423 000 11 22"})
    with translation.override("ko"):
        assert letter_issue(offered.pk) == letter
    assert InvitationLetter.objects.filter(application=offered).count() == 1


def test_a_cancelled_placement_leaves_the_letter(
    client, offered, sites, django_capture_on_commit_callbacks
):
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        placement = offered.placements.get(department=sites[2].department)
        placement.status = Placement.Status.CANCELLED
        placement.save()
    current = InvitationLetter.objects.get(application=offered, is_current=True)
    text = _text(current)
    assert sites[0].department.hospital.name in text
    assert sites[2].department.hospital.name not in text


def test_a_host_asking_for_its_language_gets_a_second_copy_in_it(
    client, organisation, offered, django_capture_on_commit_callbacks
):
    _accept_in_russian(client, offered, django_capture_on_commit_callbacks)
    english_only = InvitationLetter.objects.get(application=offered, is_current=True)

    with django_capture_on_commit_callbacks(execute=True):  # the letterhead changes: re-issued
        organisation.letter_language = "de"
        organisation.save()
    letter = InvitationLetter.objects.get(application=offered, is_current=True)
    assert letter != english_only
    with letter.pdf.open("rb") as handle:
        pages = [" ".join(page.extract_text().split()) for page in PdfReader(handle).pages]
    english, german = pages[0], " ".join(pages[1:])
    assert "Letter of invitation for medical training" in english
    assert "Einladungsschreiben zur ärztlichen Weiterbildung" not in english
    assert not CYRILLIC.findall(english.replace(NATIVE_NAME, ""))
    assert "Einladungsschreiben zur ärztlichen Weiterbildung" in german
    assert "Maßgeblich ist das Schreiben in englischer Sprache" in german
    assert "Staatsangehörigkeit" in german and letter.code in german
    # the letter's own column headings (msgctxt "invitation letter"), not the portal's
    assert "Zeitraum" in german and "Betreuung" in german and "Termine" not in german


def test_a_fellowship_letter_names_its_one_placement_and_supervisor(
    coordinator, program, sites, django_capture_on_commit_callbacks
):
    program.kind = "fellowship"
    program.save()
    fellow = UserFactory(first_name="Wei", last_name="Li", native_name="李伟")
    TraineeProfileFactory(user=fellow, nationality="CN")
    application = ApplicationFactory(program=program, trainee=fellow)
    supervisor = SupervisorFactory(
        department=sites[1].department,
        user__first_name="Klaus",
        user__last_name="Hartmann",
        user__native_name="",
        title="Prof. Dr. med.",
    )
    Placement.objects.create(
        application=application,
        department=sites[1].department,
        supervisor=supervisor,
        start_date=program.start_date,
        end_date=program.end_date,
        status=Placement.Status.APPROVED,
    )
    put_in_status(application, "offered", by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        applications.offer_accept(application=application, by=fellow)

    letter = InvitationLetter.objects.get(application=application, is_current=True)
    assert [(site["hospital"], site["supervisor"]) for site in letter.details["hospitals"]] == [
        (sites[1].department.hospital.name, "Klaus Hartmann, Prof. Dr. med.")
    ]
    text = " ".join(_text(letter).split())
    assert "Klaus Hartmann, Prof. Dr. med." in text and "李伟" in text and "China" in text
    assert sites[0].department.hospital.name not in text
