"""A visiting doctor applies, the coordinator hears of it through the bell, shortlists and
offers a seat, and the doctor finds the offer in the inbox and accepts it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from applications.models import Application
from tests.factories import (
    DEFAULT_PASSWORD,
    CoordinatorFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    UserFactory,
    make_ready_to_apply,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    coordinator = CoordinatorFactory(email="minji@example.org")
    program = PublishedProgramFactory(
        organisation=coordinator.coordinator_of, title="Gyeonggi cohort 2027", seats=4
    )
    site = RotationSiteFactory(program=program)
    program.specialties.add(site.department.specialty)
    trainee = UserFactory(
        email="ivan.petrov@example.ru",
        first_name="Ivan",
        last_name="Petrov",
        native_name="Иван Петров",
    )
    make_ready_to_apply(trainee, program)
    return {"coordinator": coordinator, "program": program, "site": site, "trainee": trainee}


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _bell_count(page) -> str:
    badge = page.locator("#notification-bell [data-unread]")
    return badge.get_attribute("data-unread") if badge.count() else "0"


def test_apply_review_offer_and_accept_through_the_inbox(browser, live_server, world):
    trainee_context = browser.new_context(base_url=live_server.url)
    coordinator_context = browser.new_context(base_url=live_server.url)
    try:
        doctor = trainee_context.new_page()
        _sign_in(doctor, "ivan.petrov@example.ru")
        doctor.goto(f"/programs/{world['program'].pk}/")
        doctor.get_by_role("button", name="Apply").click()
        doctor.get_by_label("First choice").select_option(index=1)
        doctor.get_by_label("Motivation").fill("I want to learn robotic surgery in Korea.")
        doctor.get_by_role("button", name="Submit application").click()
        doctor.get_by_text("Submitted").first.wait_for()

        host = coordinator_context.new_page()
        _sign_in(host, "minji@example.org")
        assert _bell_count(host) == "1"
        host.locator("#notification-bell").click()
        host.get_by_role("link", name="New application from Ivan Petrov").click()
        host.get_by_role("button", name="Shortlist").click()
        deadline = timezone.localtime() + timedelta(days=10)
        host.get_by_label("Answer by").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
        host.get_by_role("button", name="Send offer").click()
        host.get_by_text("The offer is sent.").wait_for()

        doctor.goto("/")
        assert _bell_count(doctor) == "3"  # received, shortlisted, offered
        doctor.locator("#notification-bell").click()
        doctor.get_by_role("link", name="You are offered a seat in Gyeonggi cohort 2027").click()
        doctor.get_by_role("button", name="Accept the offer").click()
        doctor.get_by_text("Accepted").first.wait_for()
        assert _bell_count(doctor) == "2"
    finally:
        trainee_context.close()
        coordinator_context.close()
    application = Application.objects.get(trainee=world["trainee"])
    assert application.status == Application.Status.ACCEPTED
