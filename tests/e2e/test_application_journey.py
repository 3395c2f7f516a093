"""The whole journey of issue 5 in a browser: a new doctor signs up and confirms the e-mail
(link read from the outbox), fills the profile, uploads a photo and the passport, applies
with ranked preferences and asks a referee; the referee uploads a letter without an
account; the coordinator hears of it through the bell, shortlists and sends an offer; the
doctor finds the offer in the inbox, accepts, downloads the invitation letter (its text has
the passport name) and the letter's verification page says it is genuine."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from applications.models import Application
from tests.applications.conftest import approve_schedule
from tests.factories import (
    DEFAULT_PASSWORD,
    CoordinatorFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
)
from tests.hospitals.uploads import PDF_BYTES, image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    coordinator = CoordinatorFactory(email="minji@example.org")
    program = PublishedProgramFactory(
        organisation=coordinator.coordinator_of,
        title="Gyeonggi cohort 2027",
        seats=4,
        required_documents=["passport"],
    )
    for _ in range(2):
        site = RotationSiteFactory(program=program)
        program.specialties.add(site.department.specialty)
    return {"coordinator": coordinator, "program": program}


def _link_in_last_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def _bell_count(page) -> str:
    badge = page.locator("#notification-bell [data-unread]")
    return badge.get_attribute("data-unread") if badge.count() else "0"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_a_new_doctor_applies_and_gets_a_verifiable_invitation_letter(
    browser, live_server, world, settings
):
    settings.PORTAL_URL = live_server.url
    contexts = [browser.new_context(base_url=live_server.url) for _ in range(3)]
    doctor, referee, host = (context.new_page() for context in contexts)
    try:
        # Sign up and confirm the address with the link from the e-mail.
        doctor.goto("/accounts/signup/")
        doctor.get_by_label("Email").fill("alexei.smirnov@example.ru")
        doctor.get_by_label("Given name (Latin letters)").fill("Alexei")
        doctor.get_by_label("Family name (Latin letters)").fill("Smirnov")
        doctor.get_by_label("Full name in native script").fill("Алексей Смирнов")
        doctor.locator("#id_password1").fill(DEFAULT_PASSWORD)
        doctor.get_by_label("Password (again)").fill(DEFAULT_PASSWORD)
        doctor.get_by_label("I have read the privacy notice and accept it.").check()
        doctor.get_by_role("button", name="Sign Up").click()
        doctor.goto(_link_in_last_mail("alexei.smirnov@example.ru"))
        doctor.get_by_role("button", name="Confirm").click()

        # Profile, photo, passport.
        doctor.goto("/trainee/profile/")
        doctor.get_by_label("Date of birth").fill("1984-03-09")
        doctor.get_by_label("Sex (as in passport)").select_option("M")
        doctor.get_by_label("Nationality").select_option("RU")
        doctor.get_by_label("Passport number").fill("75 4012345")
        doctor.get_by_label("Current hospital").fill("Vladivostok Regional Clinical Hospital #1")
        doctor.get_by_role("button", name="Save profile").click()
        doctor.get_by_text("Your profile is saved.").wait_for()
        doctor.get_by_label("Photo").set_input_files(
            {"name": "me.png", "mimeType": "image/png", "buffer": image_bytes(fmt="PNG")}
        )
        doctor.get_by_role("button", name="Upload photo").click()
        doctor.get_by_text("Your photo is saved.").wait_for()
        doctor.goto("/trainee/documents/")
        doctor.get_by_label("Document").select_option("passport")
        doctor.get_by_label("File").set_input_files(
            {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        doctor.get_by_label("Valid until").fill(
            (timezone.localdate() + timedelta(days=3000)).isoformat()
        )
        doctor.get_by_role("button", name="Upload", exact=True).click()
        doctor.get_by_text("The document is uploaded.").wait_for()

        # Apply with ranked preferences.
        doctor.goto(f"/programs/{world['program'].pk}/")
        doctor.get_by_role("button", name="Apply").click()
        doctor.get_by_label("First choice").select_option(index=1)
        doctor.get_by_label("Second choice").select_option(index=2)
        doctor.get_by_label("Motivation").fill("I want to learn minimally invasive spine surgery.")
        doctor.get_by_role("button", name="Submit application").click()
        doctor.get_by_text("Submitted").first.wait_for()

        # Ask a referee, who uploads a letter without an account.
        doctor.locator("#id_name").fill("Prof. Igor Belov")
        doctor.get_by_label("E-mail address").fill("belov@example.ru")
        doctor.get_by_role("button", name="Send the request").click()
        referee.goto(_link_in_last_mail("belov@example.ru"))
        referee.get_by_label("Letter (PDF)").set_input_files(
            {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        referee.get_by_role("button", name="Upload the letter").click()
        referee.get_by_text("Thank you").first.wait_for()

        # The coordinator reviews, shortlists and offers.
        _sign_in(host, "minji@example.org")
        assert int(_bell_count(host)) >= 1
        host.locator("#notification-bell").click()
        host.get_by_role("button", name="New application from Alexei Smirnov").click()
        host.get_by_text("SMIRNOV, Alexei").first.wait_for()  # the profile is on the page
        host.get_by_role("button", name="Shortlist").click()
        host.get_by_text("The application is updated.").wait_for()
        # Scheduling and the supervisor's approval have their own journey
        # (test_schedule_journey.py); here the approved placement is set up directly.
        approve_schedule(Application.objects.get())
        last_day = timezone.localdate() + timedelta(days=10)
        host.get_by_label("Last day to answer").fill(last_day.isoformat())
        host.get_by_role("button", name="Send offer").click()
        host.get_by_text("The offer is sent.").wait_for()

        # The doctor accepts from the inbox and downloads the letter.
        doctor.goto("/")
        doctor.locator("#notification-bell").click()
        doctor.get_by_role("button", name="You are offered a seat in Gyeonggi cohort 2027").click()
        doctor.get_by_role("button", name="Accept the offer").click()
        doctor.get_by_text("Accepted").first.wait_for()
        with doctor.expect_download() as download:
            doctor.get_by_role("link", name="Download the invitation letter (PDF)").click()
        with open(download.value.path(), "rb") as handle:
            text = " ".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
        assert "SMIRNOV" in text and "Alexei" in text and "75 4012345" in text
        code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text).group(0)

        referee.goto(f"/letters/verify/{code}/")
        assert "Genuine." in referee.content()
    finally:
        for context in contexts:
            context.close()
    assert Application.objects.get().status == Application.Status.ACCEPTED
